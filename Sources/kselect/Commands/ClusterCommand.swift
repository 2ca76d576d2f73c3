import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// `kselect cluster`: one k-means fit, written as assignments.csv and centroids.csv.
struct ClusterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Fit k-means with a given k and write the assignments and centroids.",
    discussion: """
      Writes assignments.csv, centroids.csv and scaling.csv (and labels.csv with --label-column)
      to --out (default Reports/<data name>-k<k>/) and prints the WCSS (and, with --label-column,
      the adjusted Rand index and normalised mutual information). An existing --out folder is replaced only when it holds nothing but the
      files kselect wrote there and holds neither the input nor --init; otherwise kselect
      refuses (exit 73).

      Example:
        kselect cluster Data/iris.csv --k 3 --seed 1
      """)

  @OptionGroup var input: InputOptions
  @Option(parsing: .unconditional, help: "The number of clusters.") var k: Int
  @OptionGroup var fit: FitOptions

  @Option(
    name: .customLong("init"),
    help: "A CSV of initial centroids (one row per cluster, columns named as the features, in the input's units).")
  var initFile: String?

  @Option(
    name: .customLong("max-memory"), parsing: .unconditional,
    help: "Refuse to start a fit whose memory estimate exceeds this (e.g. 512M, 4G; default: physical memory).")
  var maxMemory: ByteSize?

  @Option(help: "The report folder (default: Reports/<data name>-k<k>/).")
  var out: String?

  func validate() throws {
    guard k >= 1 else { throw ValidationError("--k must be at least 1 (got \(k))") }
    try validateOutput(out, naming: "the report folder")
    if initFile == "-" {
      throw ValidationError("reading --init from standard input ('-') is not supported yet; pass a file path")
    }
  }

  func run() throws {
    Interruptions.install()
    try Exits.mapping {
      var options = fit.options()
      try options.validate()
      if let note = fit.threadsNote { printNote(note) }
      let initialBytes = initFile.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int } ?? 0
      let data = try input.load(memoryLimit: memoryLimit(maxMemory), quiet: false) { survey in
        MemoryEstimate.clusterCommand(
          survey, scaling: input.scaling, clusterCount: k, options: options, initialCentroidBytes: initialBytes)
      }
      if let initFile {
        options.seeding = .given(try InitialCentroids.load(path: initFile, for: data, clusterCount: k))
      }
      let folder = try ReportFolder(
        target: URL(fileURLWithPath: out ?? "Reports/\(input.dataName)-k\(k)"),
        inputs: [input.inputPath] + [initFile].compactMap { $0 })
      let result = try KMeans.fit(data.scaled, clusterCount: k, options: options)
      let silhouettes = Silhouette.pointValues(
        data.scaled, labels: result.labels, clusterCount: k, parallelism: options.parallelism)
      try folder.write(
        ClusterTables.assignments(input: data, result: result, silhouettes: silhouettes), to: "assignments.csv")
      try folder.write(ClusterTables.centroids(input: data, result: result), to: "centroids.csv")
      try folder.write(ScalingTable.csv(data), to: ScalingTable.path)
      var agreementLine = ""
      if let labels = data.loaded.labels, let column = data.loaded.labelColumn {
        let agreement = LabelAgreement(clusters: result.labels, clusterCount: k, labels: labels)
        try folder.write(LabelTable.csv(ks: [k], agreements: [agreement]), to: LabelTable.path)
        agreementLine =
          "agreement with '\(DisplayText.escaped(column))': adjusted Rand index \(agreement.adjustedRandIndex), "
          + "normalised mutual information \(agreement.normalizedMutualInformation)\n"
      }
      try ReportPublisher(folder).publish(drawing: [])
      let summary = """
        k = \(k): WCSS \(result.wcss) after \(result.iterations) iterations\(result.converged ? "" : " (not converged)")
        cluster sizes: \(result.sizes.map(String.init).joined(separator: ", "))
        \(agreementLine)written to \(folder.target.path)

        """
      do {
        try StandardStreams.output(summary)
      } catch var error as OutputError {
        error.done = "the tables were written to \(folder.target.path)"
        throw error
      }
    }
  }
}
