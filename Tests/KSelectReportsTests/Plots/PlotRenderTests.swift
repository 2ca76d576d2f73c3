import Foundation
import KSelect
import KSelectReports
import KSelectTestSupport
import Testing

@Suite(
  "Plot scripts render with the real gnuplot",
  .enabled(if: Gnuplot.executable != nil, "gnuplot is not installed (CI installs gnuplot-nox)"))
struct PlotRenderTests {
  /// Writes and renders `result`'s report, then checks every figure exists and is non-empty.
  func renders(_ input: ClusteringInput, _ result: SweepResult, format: PlotFormat = .png) throws {
    let report = SweepReport(input: input, result: result, loadSeconds: 0, format: format, rendering: .rendered)
    let folder = try ReportFixtures.write(report, render: true)  // throws on any gnuplot stderr output
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in report.plotNames {
      let image = folder.appendingPathComponent("plots/\(name).\(format.rawValue)")
      let size = try FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int
      #expect((size ?? 0) > 1000, "\(name).\(format.rawValue)")
    }
  }

  @Test("blobs in 2-d, png and svg", arguments: PlotFormat.allCases)
  func blobs(format: PlotFormat) throws {
    let input = try ReportFixtures.blobs()
    try renders(input, try ReportFixtures.sweep(input), format: format)
  }

  @Test("d = 1, d = 4 (principal components) and n < d", arguments: [(40, 1), (40, 4), (6, 9)])
  func dimensions(rows: Int, columns: Int) throws {
    let input = try ReportFixtures.pattern(rows: rows, columns: columns)
    try renders(input, try ReportFixtures.sweep(input, kMax: min(5, rows - 1)))
  }

  @Test("degenerate sweeps: one k, no references, sampled silhouettes, k_min > 1")
  func degenerate() throws {
    let input = try ReportFixtures.blobs()
    try renders(input, try ReportFixtures.sweep(input, kMin: 1, kMax: 1, references: 0))
    try renders(input, try ReportFixtures.sweep(input, kMin: 2, kMax: 2, references: 2))
    try renders(input, try ReportFixtures.sweep(input, kMax: 3, references: 0, silhouetteSample: 20))
    try renders(input, try ReportFixtures.sweep(input, kMin: 3, kMax: 6))
    try renders(input, try ReportFixtures.sweep(input, kMax: 3, resamples: 0))
  }

  @Test("a hundred clusters: the figures leave the per-cluster legend out and still draw")
  func manyClusters() throws {
    let input = try ReportFixtures.blobs(count: 120)
    let result = try ReportFixtures.sweep(input, kMin: 100, kMax: 100, references: 2, resamples: 0)
    #expect(result.recommendedK == 100)
    try renders(input, result)
  }

  @Test("the selection heat map with a no-choice column and a single k")
  func selection() throws {
    let input = try ReportFixtures.blobs()
    var result = try ReportFixtures.sweep(input, kMax: 3)
    result.recommendations[0].k = nil
    result.selectionFrequencies = SelectionFrequencies(
      resamples: 4, subsampleSize: 48, rowCount: 60,
      choices: [
        SelectionCounts(name: "elbow", counts: [2: 3], undecided: 1),
        SelectionCounts(name: "recommendation", counts: [1: 4], undecided: 0),
      ])
    try renders(input, result)
    try renders(input, try ReportFixtures.sweep(input, kMin: 2, kMax: 2))
  }

  @Test(
    "names with enhanced-text syntax (a lone brace, ^, _, @, &, ~) and escaped controls draw without a warning",
    arguments: [1, 2])
  func enhancedTextSyntax(columns: Int) throws {
    let plain = try ReportFixtures.pattern(rows: 20, columns: columns)
    let names = ["ism} {x ^2_3", "a\u{1}b @m &amp; ~x{"].prefix(columns)
    let input = ReportFixtures.renamed(plain, features: Array(names), path: "d}{a_t^a.csv")
    for format in PlotFormat.allCases { try renders(input, try ReportFixtures.sweep(input, kMax: 3), format: format) }
  }

  @Test("a gnuplot warning is a failure")
  func warningsFail() throws {
    let folder = temporaryFolder("report")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("plots"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "set terminal svg\nset output \"/dev/null\"\nset xrange [1:1]\nplot x\n"
      .write(to: folder.appendingPathComponent("plots/warn.gp"), atomically: true, encoding: .utf8)
    #expect(throws: RenderError.self) { try Gnuplot.render(["warn"], in: folder) }
  }
}

@Suite("Plot scripts read the CSV files")
struct PlotScriptTests {
  @Test("scripts name their inputs, hold no data and run from the report folder")
  func scripts() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input)
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered)
    let scripts = try report.files().filter { $0.path.hasSuffix(".gp") }
    #expect(scripts.map(\.path).sorted() == report.plotNames.map { "plots/\($0).gp" }.sorted())
    for script in scripts {
      #expect(script.contents.contains("set datafile separator \",\""), "\(script.path)")
      #expect(script.contents.contains("set output \"plots/"), "\(script.path)")
      for value in result.metrics.map(\.wcss) + result.metrics.compactMap(\.gap) {
        #expect(!script.contents.contains(CSVFormat.number(value)), "\(script.path) pastes \(value)")
      }
    }
  }

  @Test("the silhouette profile table is sorted by cluster, then by decreasing s(i)")
  func profileTable() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMin: 3, kMax: 3)
    let folder = try ReportFixtures.write(
      SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test")), render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let table = try ParsedCSV(folder.appendingPathComponent("plots/silhouette_profile.csv"))
    #expect(table.header == ["position", "row", "cluster", "silhouette"])
    let keys = zip(table.column("cluster").map { Int($0)! }, table.numbers("silhouette").map { -$0! })
    #expect(keys.map { [Double($0.0), $0.1] }.lexicographicallySorted)
    let positions = table.column("position").map { Int($0)! }
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 })
    #expect(Set(table.column("row")).count == 60)
  }

  @Test("2-d data are plotted in the input's units")
  func twoDimensions() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMin: 3, kMax: 3)
    let files = try SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered).files()
    let points = try #require(files.first { $0.path == "plots/clusters_points.csv" }?.contents)
    let lines = points.split(separator: "\n")
    #expect(lines[0] == "x,y,cluster")
    #expect(lines[1].hasPrefix(CSVFormat.number(input.loaded.dataset.values[0]) + ","))
  }
}

extension Array where Element == [Double] {
  /// Whether the rows are in lexicographic order.
  var lexicographicallySorted: Bool {
    zip(self, dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }
  }
}
