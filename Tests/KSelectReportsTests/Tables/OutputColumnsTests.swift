import Foundation
import KSelect
import KSelectReports
import Testing

@Suite("Output columns: no header repeats a name")
struct OutputColumnsTests {
  @Test("names equal to kselect's own columns get input_, again while that is taken too")
  func prefixes() {
    #expect(OutputColumns.centroids(features: ["x", "y"]) == ["x", "y"])
    #expect(OutputColumns.centroids(features: ["cluster", "size", "row"]) == ["input_cluster", "input_size", "row"])
    #expect(
      OutputColumns.centroids(features: ["size", "input_size", "input_input_size"])
        == ["input_input_input_size", "input_size", "input_input_size"])
    #expect(OutputColumns.assignments(idColumn: "distance") == ["input_distance"])
    #expect(OutputColumns.assignments(idColumn: "size") == ["size"])
    #expect(OutputColumns.assignments(idColumn: "Cluster") == ["Cluster"])
  }

  @Test(
    "assignments.csv and centroids.csv of features and ids named like kselect's columns have distinct headers",
    arguments: [
      ("cluster", ["size", "row"]), ("row", ["cluster", "distance"]), ("silhouette", ["input_size", "size"]),
    ])
  func distinctHeaders(id: String, features: [String]) throws {
    let blobs = try ReportFixtures.blobs()
    let input = ReportFixtures.renamed(
      blobs, features: features, path: "blobs.csv", idColumn: id, ids: blobs.loaded.ids)
    let result = try ReportFixtures.sweep(input, kMax: 3)
    let report = SweepReport(
      input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test"), includesEveryK: true)
    let tables = try report.files().filter { $0.path.hasSuffix(".csv") }
    // metrics, gap_references, assignments, centroids, selection_stability, scaling; two per k; the
    // helper tables of the clusters plot, the heat map and (when the point silhouettes, or a
    // sample's, exist at the recommended k) the silhouette profile.
    #expect(
      tables.count == 6 + 2 * 3 + 3 + (result.pointSilhouettes == nil && result.sampledSilhouettes == nil ? 0 : 1))
    for table in tables {
      let header = table.contents.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
      #expect(Set(header).count == header.count, "\(table.path): \(header)")
    }
    let assignments = try #require(tables.first { $0.path == "assignments.csv" }).contents
    #expect(assignments.hasPrefix("row,input_\(id),cluster,silhouette,distance\n"))
    let centroids = try #require(tables.first { $0.path == "centroids.csv" }).contents
    let expected = ["cluster", "size"] + OutputColumns.centroids(features: features)
    #expect(centroids.hasPrefix(expected.joined(separator: ",") + "\n"))
  }

  @Test("a name holding CR LF is quoted (one Character, but two line-break scalars)")
  func crlfIsQuoted() {
    #expect(CSVFormat.text("a\r\nb") == "\"a\r\nb\"")
    #expect(CSVFormat.text("a\rb") == "\"a\rb\"")
    #expect(CSVFormat.text("plain") == "plain")
    // A quote followed by a combining mark is one Character; it is still doubled.
    let combining = "a" + String(Unicode.Scalar(0x22)) + "\u{301},b"
    let quoted = CSVFormat.text(combining)
    #expect(quoted.unicodeScalars.filter { $0 == "\"" }.count == 4)
  }
}
