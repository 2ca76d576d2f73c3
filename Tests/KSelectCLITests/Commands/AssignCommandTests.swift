import Foundation
import KSelectTestSupport
import Testing

@Suite("kselect assign")
struct AssignCommandTests {
  static let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path

  /// A fresh folder for one test.
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-assign-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// A quick sweep of iris (with an id column and every k's tables) into `folder/name`.
  static func sweep(into folder: URL, name: String, scaling: String) throws -> URL {
    var csv = "flower,"
    let lines = try String(contentsOfFile: iris, encoding: .utf8).split(separator: "\n")
    csv += lines[0] + "\n"
    for (i, line) in lines.dropFirst().enumerated() { csv += "f\(i + 1),\(line)\n" }
    let data = folder.appendingPathComponent("iris-ids.csv")
    try csv.write(to: data, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent(name)
    let run = try CLIRun.run([
      "sweep", data.path, "--k-max", "5", "--references", "5", "--resamples", "0", "--stability-splits", "0",
      "--restarts", "3", "--threads", "1", "--no-render", "--quiet", "--all-k", "--scaling", scaling,
      "--id-column", "flower", "--out", out.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    return out
  }

  @Test(
    "assigning the report's own data reproduces assignments.csv byte for byte", arguments: ["none", "zscore", "minmax"])
  func reproduces(scaling: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try Self.sweep(into: folder, name: "r", scaling: scaling)
    let data = folder.appendingPathComponent("iris-ids.csv").path
    let run = try CLIRun.run(["assign", data, "--report", report.path, "--id-column", "flower"])
    #expect(run.status == 0, "\(run.stderr)")
    let expected = try String(contentsOf: report.appendingPathComponent("assignments.csv"), encoding: .utf8)
    #expect(run.stdout == expected)
    for k in [2, 4] {
      let other = try CLIRun.run(["assign", data, "--report", report.path, "--id-column", "flower", "--k", "\(k)"])
      #expect(other.status == 0, "\(other.stderr)")
      #expect(
        other.stdout
          == (try String(contentsOf: report.appendingPathComponent("k=\(k)/assignments.csv"), encoding: .utf8)))
    }
  }

  @Test("new points: columns matched by name in any order, the same clusters and distances as in the report")
  func newPoints() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try Self.sweep(into: folder, name: "r", scaling: "zscore")
    // Rows 1, 51 and 101 of iris, columns reversed and an extra column.
    let lines = try String(contentsOfFile: Self.iris, encoding: .utf8).split(separator: "\n")
    var csv = "note,petal_width,petal_length,sepal_width,sepal_length\n"
    for row in [1, 51, 101] {
      let cells = lines[row].split(separator: ",")
      csv += "n\(row),\(cells[3]),\(cells[2]),\(cells[1]),\(cells[0])\n"
    }
    let points = folder.appendingPathComponent("new.csv")
    try csv.write(to: points, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("new-assigned.csv")
    let run = try CLIRun.run(["assign", points.path, "--report", report.path, "--output", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    let assigned = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(assigned[0] == ["row", "cluster", "silhouette", "distance"])
    let training = try String(contentsOf: report.appendingPathComponent("assignments.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    for (index, row) in [1, 51, 101].enumerated() {
      #expect(assigned[index + 1][1] == training[row][2])  // cluster
      #expect(assigned[index + 1][3] == training[row][4])  // distance
    }
    // An existing file is kept without --force, replaced with it.
    let again = try CLIRun.run(["assign", points.path, "--report", report.path, "--output", out.path])
    #expect(again.status == 73 && again.stderr.contains("--force"), "\(again.stderr)")
    let forced = try CLIRun.run(["assign", points.path, "--report", report.path, "--output", out.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
  }

  @Test("errors: a missing feature column (65), a k the report lacks (64), a report without its scaling (65)")
  func errors() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try Self.sweep(into: folder, name: "r", scaling: "zscore")
    let partial = folder.appendingPathComponent("partial.csv")
    try "sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n".write(to: partial, atomically: true, encoding: .utf8)
    let missing = try CLIRun.run(["assign", partial.path, "--report", report.path])
    #expect(missing.status == 65, "\(missing.stderr)")
    #expect(missing.stderr.contains("'petal_width'"), "\(missing.stderr)")
    let data = folder.appendingPathComponent("iris-ids.csv").path
    let noK = try CLIRun.run(["assign", data, "--report", report.path, "--k", "9"])
    #expect(noK.status == 64, "\(noK.stderr)")
    let zero = try CLIRun.run(["assign", data, "--report", report.path, "--k", "0"])
    #expect(zero.status == 64, "\(zero.stderr)")
    let noReport = try CLIRun.run(["assign", data, "--report", folder.appendingPathComponent("none").path])
    #expect(noReport.status == 65, "\(noReport.stderr)")
    try FileManager.default.removeItem(at: report.appendingPathComponent("scaling.csv"))
    let unscaled = try CLIRun.run(["assign", data, "--report", report.path])
    #expect(unscaled.status == 65 && unscaled.stderr.contains("scaling.csv"), "\(unscaled.stderr)")
    #expect(unscaled.stdout.isEmpty)
  }

  @Test("a cluster report works too")
  func clusterReport() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("c")
    let fit = try CLIRun.run([
      "cluster", Self.iris, "--k", "3", "--scaling", "minmax", "--threads", "1", "--out", out.path,
    ])
    #expect(fit.status == 0, "\(fit.stderr)")
    let run = try CLIRun.run(["assign", Self.iris, "--report", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == (try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8)))
    // One point: in one cluster, so no silhouette.
    let one = folder.appendingPathComponent("one.csv")
    try "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n".write(
      to: one, atomically: true, encoding: .utf8)
    let single = try CLIRun.run(["assign", one.path, "--report", out.path])
    #expect(single.status == 0, "\(single.stderr)")
    let cells = single.stdout.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(cells.count == 4 && cells[2].isEmpty)
    let wrongK = try CLIRun.run(["assign", Self.iris, "--report", out.path, "--k", "4"])
    #expect(wrongK.status == 64, "\(wrongK.stderr)")
  }
}
