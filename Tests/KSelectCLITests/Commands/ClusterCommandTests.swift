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
