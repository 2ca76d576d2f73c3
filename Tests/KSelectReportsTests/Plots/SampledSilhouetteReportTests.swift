import Foundation
import KSelect
import KSelectReports
import Testing

@Suite("Reports with sampled silhouettes")
struct SampledSilhouetteReportTests {
  @Test("the profile shows the sampled points, summary.json states the sample, its SEs and per-cluster means")
  func sampledReport() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMin: 3, kMax: 3, silhouetteSample: 20)
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test"))
    let folder = try ReportFixtures.write(report, render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let table = try ParsedCSV(folder.appendingPathComponent("plots/silhouette_profile.csv"))
    let sample = try #require(result.silhouetteSample)
    #expect(table.rows.count == 20)
    let sourceRows = Set(sample.rows.map { String(input.loaded.sourceRows[$0]) })
    #expect(Set(table.column("row")) == sourceRows)
    let (_, values) = try #require(result.sampledSilhouettes)
    #expect(table.numbers("silhouette").map { $0! }.sorted() == values.sorted())
    let script = try String(contentsOf: folder.appendingPathComponent("plots/silhouette_profile.gp"), encoding: .utf8)
    #expect(script.contains("%d sampled of %d points") && script.contains("profile_k, 20, 60, S_mean"))
    #expect(!script.contains("were not computed"))

    let json = try ReportSummaryTests.object(report.summaryJSON.text)
    #expect(json["silhouette_sample_size"] as? Int == 20)
    let means = try #require(json["cluster_silhouettes"] as? [Double])
    #expect(means.count == 3)
    let section = try #require(json["silhouette_sample"] as? [String: Any])
    #expect(section["size"] as? Int == 20 && section["rows"] as? Int == 60)
    #expect((section["cluster_sample_sizes"] as? [Int])?.reduce(0, +) == 20)
    let errors = try #require(section["standard_errors"] as? [String: Double])
    let se = try #require(result.metrics[0].silhouetteSE)
    #expect(abs(try #require(errors["3"]) - se) < 1e-15 && se > 0)
  }

  @Test("exact silhouettes: no silhouette_sample section")
  func exactReport() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMax: 3)
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test"))
    let json = try ReportSummaryTests.object(report.summaryJSON.text)
    #expect(json["silhouette_sample"] is NSNull)
    #expect(json["silhouette_sample_size"] is NSNull)
  }
}
