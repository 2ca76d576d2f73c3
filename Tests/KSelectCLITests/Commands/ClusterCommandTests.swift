import Foundation
import KSelectTestSupport
import Testing

@Suite("kselect cluster")
struct ClusterCommandTests {
  @Test("iris k = 3 reaches the known optimum 78.851")
  func irisOptimum() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-cli-\(UUID())")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CLIRun.run([
      "cluster", repositoryRoot.appendingPathComponent("Data/iris.csv").path, "--k", "3", "--out", out.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("WCSS 78.851"))
    let centroids = try String(contentsOf: out.appendingPathComponent("centroids.csv"), encoding: .utf8)
    #expect(centroids.hasPrefix("cluster,size,sepal_length,sepal_width,petal_length,petal_width\n"))
  }
}

@Suite("kselect cluster: column names")
struct ClusterColumnNameTests {
  @Test("--init reads an earlier centroids.csv whose feature columns were prefixed")
  func initFromPrefixedCentroids() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let input = Corpus.folder.appendingPathComponent("column-names-like-outputs.csv").path
    let first = try CLIRun.run(["cluster", input, "--k", "2", "--out", scratch.appendingPathComponent("a").path])
    #expect(first.status == 0, "\(first.stderr)")
    let centroids = scratch.appendingPathComponent("a/centroids.csv")
    let second = try CLIRun.run([
      "cluster", input, "--k", "2", "--init", centroids.path, "--out", scratch.appendingPathComponent("b").path,
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("after 1 iterations"), "\(second.stdout)")
    #expect(
      try String(contentsOf: scratch.appendingPathComponent("b/centroids.csv"), encoding: .utf8)
        == String(contentsOf: centroids, encoding: .utf8))
  }
}
