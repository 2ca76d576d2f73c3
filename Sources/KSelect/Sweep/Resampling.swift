import Foundation

/// The choice of k repeated on subsamples of the data: every resampled criterion and the
/// decision rule, on N subsamples of m rows drawn without replacement.
///
/// m = ⌊0.8 n⌋, at most `maximumSubsampleSize`: subsamples rather than bootstrap resamples,
/// because a bootstrap resample's duplicated rows make tight spurious clusters that move the
/// silhouette and the Calinski–Harabasz index (Benchmarks/recovery/DESIGN.md measures both). The
/// reference data sets are not drawn again: W* is a sum over points, so the data's ln W*_kb are
/// moved to size m as l̄_k + ln(m/n) + (ln W*_kb − l̄_k)·√(n/m) (their mean shifts with the
/// number of points, their spread shrinks as 1/√size). Prediction strength and the instability
/// are not resampled (they are resampling criteria themselves).
enum Resampling {
  /// The stream tag of the subsamples' randomness.
  static let streamTag: UInt64 = 0x7265_7361

  /// The largest subsample: keeps the resamples' exact silhouettes and fits affordable for
  /// large n (the frequencies then describe the choice at that size).
  static let maximumSubsampleSize = 10_000

  /// The silhouette sample of every subsample above this many rows, unless exact silhouettes
  /// or a sample size were asked for (Benchmarks/criteria/README.md measures the frequencies
  /// against exact silhouettes).
  static let silhouetteSample = 2_000

  /// m for n rows: ⌊0.8 n⌋, at most `maximumSubsampleSize`.
  static func subsampleSize(rowCount n: Int) -> Int { min(maximumSubsampleSize, fourFifths(of: n)) }

  /// ⌊0.8 n⌋ without overflow.
  static func fourFifths(of n: Int) -> Int { n / 5 * 4 + n % 5 * 4 / 5 }

  /// The selection frequencies of N = `options.resamples` subsamples (`nil` when N = 0 or the
  /// data are too small to subsample).
  ///
  /// Resample r draws its rows from stream (tag, r) and seeds its fits from (tag, r), so the
  /// result does not depend on the thread count; resamples spread over `options.fit.parallelism`.
  /// Each subsample's fits have `options.resampleRestarts` restarts (`resampleFit`) and its mean
  /// silhouettes are estimated on `silhouetteSample` points when m is larger (on
  /// `options.silhouetteSample` when given; exact with `options.exactSilhouettes`).
  /// - Complexity: N sweeps of m rows (every k, every restart, the silhouette pass).
  static func frequencies(
    _ data: Dataset, ks: [Int], referenceWCSS: [[Double]], referenceMeanVariance: [Double?] = [],
    full: [CriterionRecommendation], options: SweepOptions
  ) throws -> SelectionFrequencies? {
    let n = data.rowCount
    let m = subsampleSize(rowCount: n)
    guard options.resamples > 0, m >= 2, m < n else { return nil }
    let resampleOptions = subsampleOptions(options)
    let resampled = full.map(\.criterion).filter { criterion in
      SweepCriteria.all.contains { $0.criterion == criterion && $0.isResampled }
    }
    let done = ProgressCounter()
    let picks: [[Int?]] = try options.fit.parallelism.tryMap(options.resamples) { r in
      let random = RandomSource(seed: options.fit.seed, stream: [streamTag, UInt64(r)])
      let rows = random.distinctIndices(m, below: n).sorted()
      let choice = try choose(
        data.selectingRows(rows), ks: ks, referenceWCSS: referenceWCSS, referenceMeanVariance: referenceMeanVariance,
        rowCount: n, stream: [streamTag, UInt64(r)], options: resampleOptions)
      options.progress?(SweepProgress(stage: .resamples, done: done.increment(), total: options.resamples))
      return resampled.map { criterion in choice.recommendations.first { $0.criterion == criterion }?.k }
        + [choice.decision.k]
    }
    let names = resampled.map(\.rawValue) + [SelectionCounts.recommendationName]
    let choices = names.indices.map { column in
      var counts = [Int: Int]()
      for pick in picks { if let k = pick[column] { counts[k, default: 0] += 1 } }
      return SelectionCounts(name: names[column], counts: counts, undecided: picks.filter { $0[column] == nil }.count)
    }
    return SelectionFrequencies(resamples: options.resamples, subsampleSize: m, rowCount: n, choices: choices)
  }

  /// The options of every subsample's sweep: one thread, `resampleFit`'s restarts, the mean
  /// silhouettes on `silhouetteSample` points (or the given sample; exact with
  /// `exactSilhouettes`), no progress.
  static func subsampleOptions(_ options: SweepOptions) -> SweepOptions {
    var serial = options
    serial.fit = options.resampleFit
    serial.fit.parallelism = .serial
    if !options.exactSilhouettes { serial.silhouetteSample = options.silhouetteSample ?? silhouetteSample }
    serial.progress = nil
    return serial
  }

  /// Every criterion's recommendation and the decision on one subsample.
  static func choose(
    _ sample: Dataset, ks allKs: [Int], referenceWCSS: [[Double]], referenceMeanVariance: [Double?] = [],
    rowCount n: Int, stream: [UInt64], options: SweepOptions
  ) throws -> (recommendations: [CriterionRecommendation], decision: Decision) {
    let prepared = PreparedData(sample)
    let distinct = prepared.distinctRowCount(upTo: allKs.last!)
    let ks = allKs.filter { $0 <= distinct }
    let sweepFits = try SweepFits(prepared, ks: ks, options: options.fit, stream: stream)
    let fits = sweepFits.fits
    let references = movedReferences(Array(referenceWCSS.prefix(ks.count)), from: n, to: sample.rowCount)
    let silhouettes = SilhouettePass.compute(prepared, fits: fits, options: options)
    var evidenceOptions = options
    evidenceOptions.kMax = ks.last ?? options.kMin
    let evidence = SweepEvidence(
      data: sample, prepared: prepared, options: evidenceOptions, ks: ks, fits: fits,
      previousWCSS: sweepFits.previousWCSS, referenceWCSS: references,
      referenceMeanVariance: Array(referenceMeanVariance.prefix(ks.count)),
      meanSilhouettes: silhouettes.meanSilhouettes,
      silhouetteStandardErrors: silhouettes.standardErrors)
    let metrics = Sweep.metrics(evidence, totalWCSS: sweepFits.totalWCSS)
    let recommendations = Recommendations.make(metrics: metrics, options: evidenceOptions)
    let (_, decision) = DecisionRule.decide(
      DecisionRule.Evidence(
        metrics: metrics, referenceWCSS: references, options: options,
        meanVariance: Array(referenceMeanVariance.prefix(ks.count))))
    return (recommendations, decision)
  }

  /// The data's W*_kb (n rows) moved to a sample of m rows: in logarithms, each k's mean l̄_k
  /// shifted by ln(m/n) and every deviation from it scaled by √(n/m).
  static func movedReferences(_ referenceWCSS: [[Double]], from n: Int, to m: Int) -> [[Double]] {
    let shift = log(Double(m) / Double(n))
    let stretch = (Double(n) / Double(m)).squareRoot()
    return referenceWCSS.map { column in
      guard !column.isEmpty else { return column }
      let logs = column.map { log($0) }
      let mean = logs.reduce(0, +) / Double(logs.count)
      return logs.map { exp(mean + shift + ($0 - mean) * stretch) }
    }
  }
}
