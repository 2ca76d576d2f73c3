import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// `kselect sweep`: fit k-means for every k of a range, apply every criterion, write the report.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Fit k-means for every k in a range and report what every criterion recommends.",
    discussion: """
      Fits k-means (best of --restarts) for k = --k-min … --k-max, draws --references uniform \
      reference data sets for the gap statistic, clusters both halves of --stability-splits random \
      2-fold splits (best of --stability-restarts), and applies the elbow (Kneedle), gap, f(K), \
      silhouette, Calinski–Harabasz, Davies–Bouldin, prediction strength and normalised \
      instability criteria. The answer comes from a rule, \
      not a vote: it first tests whether the data show any cluster structure (the gap \
      statistic's Monte Carlo test; the Hopkins statistic is reported beside it), answers \
      "no clear cluster structure; k = 1" when they do not, and otherwise takes the k with the \
      largest silhouette between the gap curve's two readings. The choice is repeated on \
      --resamples subsamples and its frequencies reported.

      Writes a report folder to --out (default Reports/<data name>/): summary.md, summary.json, \
      metrics.csv, gap_references.csv, selection_stability.csv, assignments.csv and centroids.csv \
      at the recommended k, and gnuplot scripts in plots/, drawn when gnuplot is installed. \
      Progress (percentage done, time left) goes to standard error when it is a terminal, or \
      with --progress to any standard error, one line per update.

      An existing --out folder is replaced only when it holds nothing but the files kselect wrote \
      there (its .kselect-report lists them) and does not hold the input; otherwise kselect \
      refuses (exit 73), naming the first other file, and touches nothing.

      Examples:
        kselect sweep Data/iris.csv --k-max 8 --seed 1
        kselect sweep Data/iris.csv --scaling zscore --out Reports/iris-z --json
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .customLong("k-min"), parsing: .unconditional, help: "The smallest k of the sweep.")
  var kMin = 1

  @Option(
    name: .customLong("k-max"), parsing: .unconditional,
    help: "The largest k of the sweep (lowered to the number of distinct points).")
  var kMax = 10

  @OptionGroup var fit: FitOptions

  @Option(parsing: .unconditional, help: "Reference data sets B of the gap statistic (0 skips it).")
  var references = 20

  @Option(
    name: .customLong("reference-restarts"), parsing: .unconditional,
    help: "Restarts of each reference data set's fits (default 3; --restarts with --exact-references).")
  var referenceRestarts: Int?

  @Option(
    name: .customLong("reference-size"), parsing: .unconditional,
    help: ArgumentHelp(
      "Points of each reference data set (default: n up to 15,000 rows, 10,000 above, moved to n).",
      discussion:
        "References smaller than the data are also fitted on their first half; ln W* is moved to n with the "
        + "finite-size bias extrapolated from the two sizes, s_k widened for the smaller references, and the "
        + "structure test run on a subsample of the data of the same size."))
  var referenceSize: Int?

  @Option(
    name: .customLong("reference-max-iterations"), parsing: .unconditional,
    help: "Lloyd iteration cap of each reference fit (default and most: --max-iterations).")
  var referenceMaxIterations: Int?

  @Flag(
    name: .customLong("reference-refine"), inversion: .prefixedNo,
    help: "Polish each reference fit as the data's are (default: as --refine; --no-reference-refine: plain Lloyd).")
  var referenceRefine: Bool?

  @Flag(
    name: .customLong("exact-references"),
    help: "References of n points fitted with --restarts restarts (the full computation; slower).")
  var exactReferences = false

  @Option(
    name: .customLong("reference-space"),
    help: "Where references are drawn: box (feature ranges) or pca (principal-axis box).")
  var referenceSpace: ReferenceSpace = .pca

  @Option(
    name: .customLong("gap-rule"),
    help: "How the gap curve picks k: Tibs2001SEmax, firstSEmax, globalSEmax, firstmax or globalmax.")
  var gapRule: GapRule = .tibs2001SEmax

  @Option(
    name: .customLong("se-factor"), parsing: .unconditional,
    help: "The factor f of the gap rules' Gap(k) ≥ Gap(k') − f·s_k'.")
  var seFactor = 1.0

  @Option(name: .customLong("knee-s"), parsing: .unconditional, help: "Kneedle's sensitivity S for the elbow.")
  var kneeS = 1.0

  @Option(
    name: .customLong("silhouette-sample"), parsing: .unconditional,
    help: "Estimate mean silhouettes on this many sampled points (default: 5,000 above 10,000 rows, else exact).")
  var silhouetteSample: Int?

  @Flag(name: .customLong("exact-silhouettes"), help: "Exact silhouettes whatever the number of rows.")
  var exactSilhouettes = false

  @Option(help: "Subsamples (80 % of the rows, at most 10,000) on which the choice of k is repeated (0: none).")
  var resamples = 20

  @Option(
    name: .customLong("resample-restarts"), parsing: .unconditional,
    help: "Restarts of each subsample's fits.")
  var resampleRestarts = SweepOptions.defaultResampleRestarts

  @Option(
    name: .customLong("stability-splits"), parsing: .unconditional,
    help: "Random 2-fold splits M of prediction strength and the instability (0 skips both).")
  var stabilitySplits = 10

  @Option(
    name: .customLong("stability-restarts"), parsing: .unconditional,
    help: "Restarts of each half's fits in those splits.")
  var stabilityRestarts = 3

  @Option(
    name: .customLong("stability-half-size"), parsing: .unconditional,
    help: "The most rows of each half of a split (larger data split into two random sets of this size).")
  var stabilityHalfSize = SweepOptions.defaultStabilityHalfSize

  @Option(
    name: .customLong("ps-threshold"), parsing: .unconditional,
    help: "Prediction strength's threshold in (0, 1]: its pick is the largest k whose strength reaches it.")
  var psThreshold = 0.8

  @Option(
    name: .customLong("max-memory"), parsing: .unconditional,
    help: "Refuse to start a sweep whose memory estimate exceeds this (e.g. 512M, 4G; default: physical memory).")
  var maxMemory: ByteSize?

  @Option(
    help: "The report folder (default: Reports/<data name>/); replaced only when it holds nothing but kselect's files.")
  var out: String?

  @Flag(name: .customLong("all-k"), help: "Also write k=<k>/assignments.csv and k=<k>/centroids.csv for every k.")
  var allK = false

  @Option(help: "Image format of the figures: png or svg.")
  var format: PlotFormat = .png

  @Flag(name: .customLong("no-render"), help: "Write the gnuplot scripts without running gnuplot.")
  var noRender = false

  @Flag(help: "No progress display and no notes on standard error.")
  var quiet = false

  @Flag(
    help:
      "Show progress (percentage, time left) on standard error even when it is not a terminal: one line per update, at most every 10 s."
  )
  var progress = false

  @Flag(help: "Print summary.json to standard output instead of the text summary.")
  var json = false

  func validate() throws {
    try validateOutput(out, naming: "the report folder")
  }

  func run() throws {
    Interruptions.install()
    try Exits.mapping { try sweep() }
  }

  /// Loads, sweeps, writes and draws the report, then prints the summary.
  private func sweep() throws {
    let limit = memoryLimit(maxMemory)
    var options = SweepOptions(
      kMin: kMin, kMax: kMax, fit: fit.options(), references: references,
      referenceRestarts: referenceRestarts, referenceSize: referenceSize,
      referenceMaxIterations: referenceMaxIterations, referenceRefines: referenceRefine,
      exactReferences: exactReferences, referenceSpace: referenceSpace,
      gapRule: gapRule, seFactor: seFactor,
      kneeSensitivity: kneeS,
      silhouetteSample: silhouetteSample, exactSilhouettes: exactSilhouettes, resamples: resamples,
      resampleRestarts: resampleRestarts, stabilitySplits: stabilitySplits, stabilityRestarts: stabilityRestarts,
      stabilityHalfSize: stabilityHalfSize, predictionStrengthThreshold: psThreshold, memoryLimit: limit,
      naming: .flags)
    try options.validate()
    if !quiet, let note = fit.threadsNote { printNote(note) }
    let loadStart = ContinuousClock.now
    let data = try input.load(memoryLimit: limit, quiet: quiet) { survey in
      MemoryEstimate.sweepCommand(survey, scaling: input.scaling, options: options, includesEveryK: allK)
    }
    let loadSeconds = seconds(since: loadStart)
    let display = ProgressLine.make(for: data.scaled, options: options, quiet: quiet, forced: progress)
    if let display { options.progress = { display.update($0) } }
    let folder = try ReportFolder(
      target: URL(fileURLWithPath: out ?? "Reports/\(input.dataName)"), inputs: [input.inputPath])
    let result: SweepResult
    do {
      defer { display?.finish() }
      result = try Sweep.run(data, options: options)
    }
    let written = SweepReport(
      input: data, result: result, loadSeconds: loadSeconds, format: format,
      rendering: ReportPublisher.rendering(skipped: noRender ? "--no-render was given" : nil), includesEveryK: allK)
    try ReportPublisher(folder).publish(written)
    if !quiet {
      for note in result.notes { printNote(note) }
      if Gnuplot.executable == nil, !noRender {
        printNote("gnuplot not found: figures not drawn; summary.md says how to draw them")
      }
    }
    do {
      try StandardStreams.output(
        json ? written.summaryJSON.text : textSummary(result, folder: folder.target.path) + "\n")
    } catch var error as OutputError {
      error.done = "the report itself was written to \(folder.target.path)"
      throw error
    }
  }

  /// The lines printed when --json is not given: the answer, its reason and confidence, every
  /// criterion's pick, and where the report is.
  private func textSummary(_ result: SweepResult, folder: String) -> String {
    var lines = [result.headline, "  structure: \(result.structure.reason)"]
    if result.structure.hasStructure != false { lines.append("  why: \(result.decision.reason)") }
    if let confidence = result.confidence { lines.append("  resampled: \(confidence)") }
    let each = result.recommendations.map { "\($0.criterion.rawValue) \($0.k.map(String.init) ?? "—")" }
    lines.append("  criteria: " + each.joined(separator: " · "))
    lines.append("report written to \(folder)")
    return lines.joined(separator: "\n")
  }

  private func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}

extension ReferenceSpace: ExpressibleByArgument {}
extension GapRule: ExpressibleByArgument {}
extension PlotFormat: ExpressibleByArgument {}
