import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: Calinski–Harabasz and Davies–Bouldin")
struct CalinskiHarabaszAndDaviesBouldinTests {
  @Test("one-dimensional hand example")
  func oneDimensional() throws {
    // {0, 2} and {10, 12}: centroids 1 and 11, overall mean 6.
    // B = 2·5² + 2·5² = 100, W = 4·1² = 4, CH = (100 / 1) / (4 / (4 − 2)) = 50.
    // s_0 = s_1 = 1, ‖μ_0 − μ_1‖ = 10, DB = ((1 + 1) / 10 + (1 + 1) / 10) / 2 = 0.2.
    let data = Dataset(rows: [[0], [2], [10], [12]])
    let labels = [0, 0, 1, 1]
    let ch = try #require(CalinskiHarabasz.score(data, labels: labels, clusterCount: 2))
    let db = try #require(DaviesBouldin.score(data, labels: labels, clusterCount: 2))
    #expect(Fixture.agrees(ch, 50, relative: 1e-14))
    #expect(Fixture.agrees(db, 0.2, relative: 1e-14))
  }

  @Test("two-dimensional hand example with unequal clusters")
  func twoDimensional() throws {
    // C_0 = {(0,0), (2,0)}: μ_0 = (1,0), W_0 = 2, s_0 = 1.
    // C_1 = {(0,6), (0,8), (0,10)}: μ_1 = (0,8), W_1 = 8, s_1 = (2 + 0 + 2) / 3 = 4/3.
    // μ = (0.4, 4.8); B = 2·(0.6² + 4.8²) + 3·(0.4² + 3.2²) = 46.8 + 31.2 = 78.
    // CH = (78 / 1) / (10 / 3) = 23.4.  DB = (1 + 4/3) / √65 = 7 / (3√65) ≈ 0.2894.
    let data = Dataset(rows: [[0, 0], [2, 0], [0, 6], [0, 8], [0, 10]])
    let labels = [0, 0, 1, 1, 1]
    let ch = try #require(CalinskiHarabasz.score(data, labels: labels, clusterCount: 2))
    let db = try #require(DaviesBouldin.score(data, labels: labels, clusterCount: 2))
    #expect(Fixture.agrees(ch, 23.4, relative: 1e-14))
    #expect(Fixture.agrees(db, 7 / (3 * 65.0.squareRoot()), relative: 1e-14))
  }

  @Test("undefined cases return nil, W = 0 gives CH = 1 and DB = 0 as in scikit-learn")
  func edgeCases() {
    let data = Dataset(rows: [[1], [1], [5], [5]])
    #expect(CalinskiHarabasz.score(data, labels: [0, 0, 0, 0], clusterCount: 1) == nil)
    #expect(DaviesBouldin.score(data, labels: [0, 0, 0, 0], clusterCount: 1) == nil)
    // k = n: scikit-learn raises; we return nil.
    #expect(CalinskiHarabasz.score(data, labels: [0, 1, 2, 3], clusterCount: 4) == nil)
    #expect(DaviesBouldin.score(data, labels: [0, 1, 2, 3], clusterCount: 4) == nil)
    // Two clusters of identical points: W = 0 → CH = 1.0; every s_r = 0 → DB = 0.
    #expect(CalinskiHarabasz.score(data, labels: [0, 0, 1, 1], clusterCount: 2) == 1)
    #expect(DaviesBouldin.score(data, labels: [0, 0, 1, 1], clusterCount: 2) == 0)
    // Only one of three labels carries points: scikit-learn sees one cluster.
    #expect(CalinskiHarabasz.score(data, labels: [2, 2, 2, 2], clusterCount: 3) == nil)
  }

  @Test("an unused label is ignored, as scikit-learn counts only the labels present")
  func emptyCluster() throws {
    let data = Dataset(rows: [[0], [2], [10], [12]])
    let ch = try #require(CalinskiHarabasz.score(data, labels: [0, 0, 2, 2], clusterCount: 3))
    let db = try #require(DaviesBouldin.score(data, labels: [0, 0, 2, 2], clusterCount: 3))
    #expect(Fixture.agrees(ch, 50, relative: 1e-14))
    #expect(Fixture.agrees(db, 0.2, relative: 1e-14))
  }

  @Test("coinciding centroids contribute 0, as scikit-learn's infinite distance does")
  func coincidingCentroids() throws {
    // {−1, 1}, {−2, 2}, {10, 12}: μ = 0, 0, 11; s = 1, 2, 1.
    // Cluster 0: max(skip, (1+1)/11) = 2/11; cluster 1: (2+1)/11 = 3/11;
    // cluster 2: max((1+1)/11, (1+2)/11) = 3/11.  DB = (2 + 3 + 3) / 33 = 8/33
    // (scikit-learn 1.9.1 gives 0.24242424242424243).
    let data = Dataset(rows: [[-1], [1], [-2], [2], [10], [12]])
    let db = try #require(DaviesBouldin.score(data, labels: [0, 0, 1, 1, 2, 2], clusterCount: 3))
    #expect(Fixture.agrees(db, 8.0 / 33.0, relative: 1e-14))
  }

  /// One row of `criteria_iris_sklearn.csv`.
  struct IrisCase: Sendable, CustomTestStringConvertible {
    let k: Int
    let labels: [Int]
    let silhouette: Double
    let calinskiHarabasz: Double
    let daviesBouldin: Double
    var testDescription: String { "k = \(k)" }
  }

  static func irisCases() throws -> [IrisCase] {
    try Fixture.rows("criteria_iris_sklearn.csv").map { row in
      IrisCase(
        k: Int(row["k"]!)!, labels: try Fixture.numbers(row["labels"]).map { Int($0) },
        silhouette: try Fixture.number(row["silhouette"])!,
        calinskiHarabasz: try Fixture.number(row["calinski_harabasz"])!,
        daviesBouldin: try Fixture.number(row["davies_bouldin"])!)
    }
  }

  @Test("iris: scikit-learn 1.9.1's scores on its own k-means labels, to 1e-9 relative")
  func irisAgainstScikitLearn() throws {
    let iris = try Fixture.iris()
    let cases = try Self.irisCases()
    #expect(cases.map(\.k) == Array(2...10))
    for sample in cases {
      #expect(sample.labels.count == 150)
      let values = Silhouette.pointValues(iris, labels: sample.labels, clusterCount: sample.k, parallelism: .serial)
      let silhouette = try #require(Silhouette.mean(values))
      let ch = try #require(CalinskiHarabasz.score(iris, labels: sample.labels, clusterCount: sample.k))
      let db = try #require(DaviesBouldin.score(iris, labels: sample.labels, clusterCount: sample.k))
      #expect(Fixture.agrees(silhouette, sample.silhouette, relative: 1e-9), "silhouette at k = \(sample.k)")
      #expect(Fixture.agrees(ch, sample.calinskiHarabasz, relative: 1e-9), "CH at k = \(sample.k)")
      #expect(Fixture.agrees(db, sample.daviesBouldin, relative: 1e-9), "DB at k = \(sample.k)")
    }
  }
}
