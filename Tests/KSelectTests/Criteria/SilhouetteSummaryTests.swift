import Testing

@testable import KSelect

@Suite("Criteria: silhouette summaries")
struct SilhouetteSummaryTests {
  @Test("per-cluster means by hand; an empty cluster is NaN")
  func clusterMeans() {
    // Cluster 0: (0.5 + 0.7) / 2 = 0.6; cluster 1: −0.2; cluster 2: empty.
    let means = Silhouette.clusterMeans([0.5, -0.2, 0.7], labels: [0, 1, 0], clusterCount: 3)
    #expect(abs(means[0] - 0.6) < 1e-15)
    #expect(means[1] == -0.2)
    #expect(means[2].isNaN)
  }

  @Test("sampled mean: by hand where every point has the same width", arguments: [1, 2, 3])
  func sampledByHand(sampleSize: Int) throws {
    // {(0,0), (0,1)} and {(10,0), (10,1)}: by symmetry every point has a = 1 and
    // b = (10 + √101) / 2 (mean distance to the other pair), so s = (b − 1) / b for each, and a
    // sample of any size must give exactly that, a(i) and b(i) being taken over all points.
    let data = Dataset(rows: [[0, 0], [0, 1], [10, 0], [10, 1]])
    let b = (10 + 101.0.squareRoot()) / 2
    let value = try #require(
      Silhouette.sampledMean(
        data, labels: [0, 0, 1, 1], clusterCount: 2, sampleSize: sampleSize, using: RandomSource(seed: 4)))
    #expect(abs(value - (b - 1) / b) < 1e-15)
  }

  @Test("sampled mean is undefined for one cluster")
  func sampledUndefined() {
    let data = Dataset(rows: [[0], [1], [10], [11]])
    let value = Silhouette.sampledMean(
      data, labels: [0, 0, 0, 0], clusterCount: 1, sampleSize: 2, using: RandomSource(seed: 4))
    #expect(value == nil)
  }

  @Test("sampled mean on iris: exact when the sample covers every point, close and reproducible otherwise")
  func iris() throws {
    let iris = try Fixture.iris()
    let row = try #require(try Fixture.rows("criteria_iris_sklearn.csv").first { $0["k"] == "3" })
    let labels = try Fixture.numbers(row["labels"]).map { Int($0) }
    let exact = try #require(Silhouette.mean(Silhouette.pointValues(iris, labels: labels, clusterCount: 3)))
    let everyPoint = try #require(
      Silhouette.sampledMean(iris, labels: labels, clusterCount: 3, sampleSize: 150, using: RandomSource(seed: 1)))
    #expect(abs(everyPoint - exact) < 1e-12)
    let sampled = try #require(
      Silhouette.sampledMean(iris, labels: labels, clusterCount: 3, sampleSize: 100, using: RandomSource(seed: 1)))
    let again = try #require(
      Silhouette.sampledMean(
        iris, labels: labels, clusterCount: 3, sampleSize: 100, using: RandomSource(seed: 1), parallelism: .serial))
    #expect(sampled == again)
    // The same draw, replayed: the estimate is the mean of the exact s(i) of the sampled points.
    let values = try #require(Silhouette.pointValues(iris, labels: labels, clusterCount: 3))
    let replay = RandomSource(seed: 1)
    var order = Array(0..<150)
    for slot in 0..<100 { order.swapAt(slot, slot + replay.uniformInt(below: 150 - slot)) }
    let expected = order[0..<100].map { values[$0] }.reduce(0, +) / 100
    #expect(abs(sampled - expected) < 1e-12)
    // s(i) on iris at k = 3 spreads with sd ≈ 0.2; a 100-of-150 sample mean (finite-population
    // sd ≈ 0.2 · sqrt(50 / 149) / 10 ≈ 0.012) is within 0.05 of the exact mean.
    #expect(abs(sampled - exact) < 0.05)
  }
}
