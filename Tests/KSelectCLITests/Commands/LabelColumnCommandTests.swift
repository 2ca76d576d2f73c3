import Foundation
import KSelectTestSupport
import Testing

@Suite("--label-column: external validation in sweep and cluster")
struct LabelColumnCommandTests {
  static let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path

  static func lines(_ url: URL) throws -> [[Substring]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
  }

  @Test("sweep: ARI and NMI per k in metrics.csv and summary.json, labels.csv holds every table")
  func sweep() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-labels-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("r")
    let run = try CLIRun.run([
      "sweep", Self.iris, "--label-column", "species", "--k-max", "4", "--references", "5", "--resamples", "0",
      "--stability-splits", "0", "--restarts", "3", "--threads", "1", "--no-render", "--quiet", "--all-k",
      "--out", out.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let metrics = try Self.lines(out.appendingPathComponent("metrics.csv"))
    #expect(Array(metrics[0].suffix(2)) == ["adjusted_rand_index", "normalized_mutual_info"])
    #expect(metrics[1].suffix(2) == ["0.0", "0.0"])  // k = 1 against three species
    let labels = try Self.lines(out.appendingPathComponent("labels.csv"))
    #expect(labels[0] == ["k", "cluster", "label", "count"])
    #expect(labels.count == 1 + 3 * (1 + 2 + 3 + 4))
    // The k = 3 table, read back from labels.csv, gives the ARI metrics.csv reports, and it is
    // the table of k=3/assignments.csv against the species.
    let assignments = try Self.lines(out.appendingPathComponent("k=3/assignments.csv")).dropFirst()
    let species = try Self.lines(URL(fileURLWithPath: Self.iris)).dropFirst().map { $0[4] }
    var counts = [String: Int]()
    for (row, name) in zip(assignments, species) { counts["\(row[1])|\(name)", default: 0] += 1 }
    for row in labels.dropFirst() where row[0] == "3" {
      #expect(counts["\(row[1])|\(row[2])", default: 0] == Int(row[3])!)
    }
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
    let object = try #require(summary as? [String: Any])
    let input = try #require(object["input"] as? [String: Any])
    #expect(input["label_column"] as? String == "species")
    #expect((input["features"] as? [String])?.contains("species") == false)
    let validation = try #require(object["external_validation"] as? [String: Any])
    #expect(validation["labels"] as? [String] == ["setosa", "versicolor", "virginica"])
    let ari = try #require(validation["adjusted_rand_index"] as? [String: Double])
    #expect(ari["3"] == Double(metrics[3][metrics[3].count - 2]))
  }

  @Test("cluster prints the agreement and writes labels.csv; a missing label exits 65 naming line and column")
  func cluster() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-labels-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIRun.run([
      "cluster", Self.iris, "--label-column", "species", "--k", "3", "--threads", "1", "--out",
      folder.appendingPathComponent("c").path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("adjusted Rand index"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c/labels.csv").path))
    let holes = folder.appendingPathComponent("holes.csv")
    try "x,y,class\n1,2,a\n3,4,\n5,6,b\n".write(to: holes, atomically: true, encoding: .utf8)
    let missing = try CLIRun.run([
      "sweep", holes.path, "--label-column", "class", "--k-max", "2", "--out", folder.appendingPathComponent("s").path,
    ])
    #expect(missing.status == 65, "\(missing.stderr)")
    #expect(missing.stderr.contains(":3:3") && missing.stderr.contains("missing label"), "\(missing.stderr)")
    let notThere = try CLIRun.run([
      "sweep", holes.path, "--label-column", "kind", "--k-max", "2", "--out", folder.appendingPathComponent("s").path,
    ])
    #expect(notThere.status == 64, "\(notThere.stderr)")
  }
}
