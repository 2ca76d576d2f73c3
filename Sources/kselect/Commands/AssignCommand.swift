import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// `kselect assign`: new points labelled with a report's centroids.
struct AssignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Assign the points of a CSV file to the nearest centroid of a report.",
    discussion: """
      Reads the report's scaling (scaling.csv) and centroids (centroids.csv at the recommended \
      k, or k=<k>/centroids.csv for --k K of a sweep run with --all-k), picks the report's \
      feature columns from the data by name, scales them as the report's data were scaled, and \
      writes the columns of assignments.csv: row, the --id-column, cluster (the nearest \
      centroid), silhouette (among the assigned points themselves, with their assigned \
      clusters; empty with --no-silhouettes or when they fall in one cluster) and distance (to that centroid, \
      in the scaled space). Assigning the report's own data reproduces its assignments.csv.

      Output goes to standard output, or to --output FILE, written in one step; an existing \
      FILE is replaced only with --force. A feature column missing from the data is an error \
      (exit 65) naming it.

      Examples:
        kselect assign new.csv --report Reports/iris
        kselect assign new.csv --report Reports/iris --k 4 --output new-k4.csv
      """)

  @Argument(help: "The points: a CSV file with a header row holding the report's feature columns.")
  var file: String

  @Option(help: "The report folder (from kselect sweep or kselect cluster).")
  var report: String

  @Option(parsing: .unconditional, help: "The k whose centroids to use (default: the report's recommended k).")
  var k: Int?

  @Option(name: .customLong("id-column"), help: "A column that identifies rows; carried to the output.")
  var idColumn: String?

  @Flag(
    name: .customLong("drop-incomplete"), help: "Drop rows with missing or non-numeric features instead of failing.")
  var dropIncomplete = false

  @Option(help: "Field separator (default: detected from the header).")
  var delimiter: String?

  @Flag(name: .customLong("no-silhouettes"), help: "Leave the silhouette column empty (saves O(n²) work).")
  var noSilhouettes = false

  @Option(help: "Write to this file instead of standard output.")
  var output: String?

  @Flag(help: "Replace --output when it exists.")
  var force = false

  func validate() throws {
    if let k, k < 1 { throw ValidationError("--k must be at least 1 (got \(k))") }
    try validateOutput(output, naming: "a file")
    _ = try InputOptions.separator(delimiter)
    if file == "-" {
      throw ValidationError("reading the points from standard input ('-') is not supported yet; pass a file path")
    }
  }

  func run() throws {
    try Exits.mapping {
      let model = try ReportModel(folder: report, k: k)
      var options = LoadOptions(columns: model.features, idColumn: idColumn, dropIncomplete: dropIncomplete)
      options.delimiter = try InputOptions.separator(delimiter)
      let loaded: LoadedData
      do {
        loaded = try DataLoader.load(path: file, options: options)
      } catch KSelectError.invalidParameter(let error)
        where error.parameter == .columns && error.constraint.isNamesColumn
      {
        throw CommandError(
          message:
            "\(DisplayText.escaped(file)) has no column \(error.value), a feature of the report "
            + "(its features: \(model.features.map { DisplayText.escaped($0) }.joined(separator: ", ")))",
          code: 65)
      }
      let scaled = model.scaler.apply(to: loaded.dataset)
      let assigned = NearestCentroids.assign(scaled, centroids: model.centroids, clusterCount: model.clusterCount)
      // A silhouette compares a point's cluster with the nearest other one: undefined unless the
      // points fall in two clusters at least.
      let silhouettes =
        noSilhouettes || Set(assigned.labels).count < 2
        ? nil
        : Silhouette.pointValues(
          scaled, labels: assigned.labels, clusterCount: model.clusterCount, parallelism: Parallelism.allCores)
      let csv = ClusterTables.assignments(
        loaded: loaded, labels: assigned.labels, squaredDistances: assigned.squaredDistances,
        silhouettes: silhouettes)
      if let output {
        let url = URL(fileURLWithPath: output)
        if !force, FileManager.default.fileExists(atPath: url.path) {
          throw CommandError(
            message: "\(DisplayText.escaped(output)) exists; pass --force to replace it", code: 73)
        }
        try AtomicFile.write(csv, to: url)
      } else {
        try StandardStreams.output(csv)
      }
    }
  }
}

extension ParameterConstraint {
  /// Whether this is `namesColumn`.
  var isNamesColumn: Bool {
    if case .namesColumn = self { return true }
    return false
  }
}
