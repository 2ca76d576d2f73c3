import Testing
@testable import KSelect

@Suite("k-means core")
struct KMeansTests {
  @Test("centroids are the means of their points on a hand example")
  func handExample() throws {
    // Two obvious groups: {(0,0),(0,2)} and {(10,0),(10,2)}; means (0,1) and (10,1); W = 4 × 1 = 4.
    let data = Dataset(rows: [[0, 0], [0, 2], [10, 0], [10, 2]])
    let result = try KMeans.fit(data, options: KMeansOptions(clusterCount: 2, seed: 1))
    let centroids = Set((0..<2).map { result.centroid($0) })
    #expect(centroids == [[0, 1], [10, 1]])
    #expect(abs(result.wcss - 4) < 1e-12)
    #expect(result.sizes == [2, 2])
    #expect(result.converged)
  }
}
