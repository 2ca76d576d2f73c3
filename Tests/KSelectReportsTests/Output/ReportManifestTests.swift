import Foundation
import KSelect
import KSelectTestSupport
import Testing

@testable import KSelectReports

@Suite("Report manifest: which files are kselect's")
struct ReportManifestTests {
  @Test("paths with %, CR and LF survive the manifest")
  func roundTrip() throws {
    let folder = temporaryFolder("report")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let paths = ["a%0Ab.csv", "line\nbreak.csv", "cr\r.csv", "plots/x.gp", "# not a comment.csv"]
    try Data(ReportManifest.text(paths).utf8).write(to: folder.appendingPathComponent(ReportFolder.markerName))
    let manifest = try #require(ReportManifest.read(in: folder))
    #expect(manifest.paths == Set(paths.filter { !$0.hasPrefix("#") }))
    #expect(manifest.owns(ReportFolder.markerName))
    #expect(!manifest.owns("summary.json"))
  }

  @Test("the marker lists every file of a report, the selection frequencies' tables included")
  func listsEveryFile() throws {
    let input = try ReportFixtures.blobs()
    let report = SweepReport(
      input: input, result: try ReportFixtures.sweep(input, kMax: 3), loadSeconds: 0,
      rendering: .notRendered(reason: "test"))
    let folder = try ReportFixtures.write(report, render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = try #require(ReportManifest.read(in: folder))
    #expect(manifest.paths == Set(try report.files().map(\.path)))
    #expect(manifest.owns("selection_stability.csv") && manifest.owns("plots/selection.csv"))
    #expect(manifest.owns("plots/selection.gp"))
  }

  @Test("a marker without a list owns exactly the files an earlier report held")
  func legacy() {
    let legacy = ReportManifest(paths: nil)
    for path in [
      "metrics.csv", "summary.md", "plots/overview.svg", "plots/clusters_points.csv", "k=12/centroids.csv",
      "assignments.csv",
    ] {
      #expect(legacy.owns(path), "\(path)")
    }
    for path in [
      "plots/labels.tsv", "notes.txt", "plots/overview.pdf", "k=/centroids.csv", "k=1x/centroids.csv",
      "k=3/metrics.csv", "plots/sub/elbow.gp", "k=١/centroids.csv",
    ] {
      #expect(!legacy.owns(path), "\(path)")
    }
  }
}
