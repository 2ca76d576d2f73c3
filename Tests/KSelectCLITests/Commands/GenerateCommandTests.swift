import Foundation
import Testing

@Suite("kselect generate")
struct GenerateCommandTests {
  @Test("uniform to standard output: header and n rows inside the square; same seed, same file")
  func uniformStdout() throws {
    let run = try CLIRun.run(["generate", "uniform", "--n", "50", "--seed", "1"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "x,y")
    #expect(lines.count == 51)
    let values = lines.dropFirst().flatMap { $0.split(separator: ",").map { Double($0)! } }
    #expect(values.allSatisfy { abs($0) <= 1 })
    #expect(try CLIRun.run(["generate", "uniform", "--n", "50", "--seed", "1"]).stdout == run.stdout)
    #expect(try CLIRun.run(["generate", "uniform", "--n", "50", "--seed", "2"]).stdout != run.stdout)
  }

  @Test("gaussian to a file, then cluster it end to end")
  func gaussianThenCluster() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-gen-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("blobs.csv")
    let run = try CLIRun.run(["generate", "gaussian", "--n", "120", "--k", "3", "--seed", "7", "--out", file.path])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(contentsOf: file, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "x,y,blob")
    #expect(lines.count == 121)
    #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[2] }) == ["blob1", "blob2", "blob3"])
    let out = folder.appendingPathComponent("report")
    let cluster = try CLIRun.run(["cluster", file.path, "--k", "3", "--out", out.path, "--threads", "1"])
    #expect(cluster.status == 0, "\(cluster.stderr)")
    #expect(cluster.stdout.contains("k = 3: WCSS"))
    let assignments = try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8)
    #expect(assignments.split(separator: "\n").count == 121)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("centroids.csv").path))
  }

  @Test(
    "usage errors exit with 64",
    arguments: [
      ["generate", "gaussian", "--n", "10"],
      ["generate", "uniform", "--n", "0"],
      ["generate", "uniform", "--n", "10", "--k", "2"],
      ["generate", "gaussian", "--n", "3", "--k", "5"],
      ["generate", "uniform", "--n", "9223372036854775807"],
      ["generate", "uniform", "--n", "-5"],
      ["generate", "uniform", "--n", "10000001"],
      ["generate", "gaussian", "--n", "10", "--k", "9223372036854775807"],
      ["generate", "gaussian", "--n", "10", "--k", "-1"],
      ["generate", "uniform", "--n", "10", "--seed", "-1"],
      ["generate", "uniform", "--n", "10", "--dimensions", "0"],
      ["generate", "uniform", "--n", "10", "--dimensions", "1001"],
      ["generate", "uniform", "--n", "10", "--spread", "0.1"],
      ["generate", "gaussian", "--n", "10", "--k", "2", "--spread", "0"],
      ["generate", "gaussian", "--n", "10", "--k", "2", "--spread", "0.3"],
      ["generate", "gaussian", "--n", "10", "--k", "2", "--spread", "nan"],
      ["generate", "gaussian", "--n", "10", "--k", "2", "--separation", "-1"],
      ["generate", "gaussian", "--n", "10", "--k", "2", "--separation", "101"],
      ["generate", "gaussian", "--n", "10", "--k", "5", "--spread", "0.2", "--separation", "50"],
      ["generate", "gaussian", "--n", "20000", "--k", "10001"],
    ])
  func usageErrors(arguments: [String]) throws {
    let run = try CLIRun.run(arguments)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("Error: "), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test("gaussian in five dimensions: columns x1…x5 and blob, same seed same file")
  func gaussianDimensions() throws {
    let arguments = ["generate", "gaussian", "--n", "30", "--k", "3", "--dimensions", "5", "--seed", "2"]
    let run = try CLIRun.run(arguments)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "x1,x2,x3,x4,x5,blob")
    #expect(lines.count == 31)
    #expect(try CLIRun.run(arguments).stdout == run.stdout)
  }

  @Test("cluster: k above the distinct points exits 64; a missing file exits 74")
  func clusterErrors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-cl-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("two.csv")
    try "x,y\n1,1\n1,1\n2,2\n".write(to: file, atomically: true, encoding: .utf8)
    let tooMany = try CLIRun.run(["cluster", file.path, "--k", "3", "--out", folder.appendingPathComponent("r").path])
    #expect(tooMany.status == 64, "\(tooMany.stderr)")
    #expect(tooMany.stderr.contains("distinct"))
    let missing = try CLIRun.run(["cluster", folder.appendingPathComponent("none.csv").path, "--k", "2"])
    #expect(missing.status == 74, "\(missing.stderr)")
  }
}
