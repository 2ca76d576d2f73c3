import Foundation
import KSelect
import KSelectReports
import KSelectTestSupport

/// Small data sets and sweeps shared by the report tests.
enum ReportFixtures {
  /// Three Gaussian blobs in two dimensions (the `kselect generate gaussian` generator, seed 7),
  /// with an id column, loaded as if read from `blobs.csv`.
  static func blobs(count: Int = 60) throws -> ClusteringInput {
    let (data, labels) = Generators.gaussianBlobs(count: count, clusterCount: 3, seed: 7)
    var csv = "id,x,y,blob\n"
    for i in 0..<count {
      csv += "p\(i + 1),\(data.values[2 * i]),\(data.values[2 * i + 1]),blob\(labels[i] + 1)\n"
    }
    return try load(csv, idColumn: "id")
  }

  /// `rows` as a data set with `columns` features `f1…fd` whose values follow a fixed pattern
  /// with two groups (rows alternate between them).
  static func pattern(rows: Int, columns: Int) throws -> ClusteringInput {
    var csv = (1...columns).map { "f\($0)" }.joined(separator: ",") + "\n"
    for i in 0..<rows {
      let group = Double(i % 2) * 5
      csv += (0..<columns).map { j in "\(group + Double((i * 7 + j * 3) % 11) / 10)" }.joined(separator: ",") + "\n"
    }
    return try load(csv)
  }

  /// `count` points uniform in the square (`kselect generate uniform`), loaded as if read from
  /// `uniform.csv`: data with no cluster structure.
  static func uniform(count: Int, seed: UInt64) throws -> ClusteringInput {
    let data = Generators.uniformSquare(count: count, seed: seed)
    var csv = "x,y\n"
    for i in 0..<count { csv += "\(data.values[2 * i]),\(data.values[2 * i + 1])\n" }
    let loaded = try DataLoader.load(data: Data(csv.utf8), path: "uniform.csv", options: LoadOptions())
    return ClusteringInput(loaded: loaded, scaling: .none)
  }

  /// Parses CSV text as the loader reads a file.
  static func load(_ csv: String, idColumn: String? = nil) throws -> ClusteringInput {
    let loaded = try DataLoader.load(data: Data(csv.utf8), path: "blobs.csv", options: LoadOptions(idColumn: idColumn))
    return ClusteringInput(loaded: loaded, scaling: .none)
  }

  /// `input` with other feature names, another id column name and ids, and another file path:
  /// the same numbers under different text.
  static func renamed(
    _ input: ClusteringInput, features: [String], path: String, idColumn: String? = nil, ids: [String]? = nil
  ) -> ClusteringInput {
    var loaded = input.loaded
    let data = loaded.dataset
    loaded.dataset = Dataset(
      rowCount: data.rowCount, columnCount: data.columnCount, values: data.values, featureNames: features)
    loaded.path = path
    if let idColumn { loaded.idColumn = idColumn }
    if let ids { loaded.ids = ids }
    return ClusteringInput(loaded: loaded, scaling: input.scaler.scaling)
  }

  /// A quick sweep of `input` (few restarts, references and resamples, one thread).
  static func sweep(
    _ input: ClusteringInput, kMin: Int = 1, kMax: Int = 5, references: Int = 4, silhouetteSample: Int? = nil,
    resamples: Int = 6
  ) throws -> SweepResult {
    let options = SweepOptions(
      kMin: kMin, kMax: kMax, fit: KMeansOptions(restarts: 3, seed: 11, parallelism: .serial),
      references: references, silhouetteSample: silhouetteSample, resamples: resamples)
    return try Sweep.run(input, options: options)
  }

  /// Writes `report` to a new temporary folder, drawing the figures when `render` is set.
  static func write(_ report: SweepReport, render: Bool) throws -> URL {
    let folder = try ReportFolder(target: temporaryFolder("report"))
    try report.write(into: folder)
    try ReportPublisher(folder).publish(drawing: render ? report.plotNames : [])
    return folder.target
  }
}

/// A CSV file read back as a header and rows of cells (the reports' own files hold no quoted
/// commas outside the id column, which these fixtures keep plain).
struct ParsedCSV {
  let header: [String]
  let rows: [[String]]

  init(_ url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  /// The cells of `name`.
  func column(_ name: String) -> [String] {
    guard let index = header.firstIndex(of: name) else { return [] }
    return rows.map { $0[index] }
  }

  /// The cells of `name` as numbers, `nil` for empty cells.
  func numbers(_ name: String) -> [Double?] { column(name).map { $0.isEmpty ? nil : Double($0) } }
}
