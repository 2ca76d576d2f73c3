import KSelectTestSupport
import Testing

@testable import KSelect

@Suite("Criteria: silhouette widths")
struct SilhouetteTests {
  @Test("a singleton cluster has silhouette 0; the others follow the definition")
  func singleton() throws {
    // Points 0, 1 (cluster 0) and 10 (cluster 1, alone). For x = 0: a = 1, b = 10, s = 0.9;
    // for x = 1: a = 1, b = 9, s = 8/9; the singleton's s is 0 by definition.
    let data = Dataset(rows: [[0], [1], [10]])
    let values = try #require(Silhouette.pointValues(data, labels: [0, 0, 1], clusterCount: 2))
    #expect(abs(values[0] - 0.9) < 1e-15)
    #expect(abs(values[1] - 8.0 / 9.0) < 1e-15)
    #expect(values[2] == 0)
    let means = Silhouette.clusterMeans(values, labels: [0, 0, 1], clusterCount: 2)
    #expect(abs(means[0] - (0.9 + 8.0 / 9.0) / 2) < 1e-15)
    #expect(means[1] == 0)
  }

  @Test("the blocked silhouette agrees with the naive formula", arguments: [(2, 1, 2), (300, 3, 4), (517, 17, 7)])
  func silhouetteMatchesNaive(shape: (Int, Int, Int)) throws {
    let (n, d, k) = shape
    let data = blobs(rows: n, dimension: d, centres: k, seed: 11, duplicateEvery: 4)
    let fit = try KMeans.fit(data, clusterCount: k, options: KMeansOptions(restarts: 1, parallelism: .serial))
    let naive = try #require(Silhouette.naivePointValues(data, labels: fit.labels, clusterCount: k))
    for threads in [1, 2] {
      let blocked = try #require(
        Silhouette.pointValues(data, labels: fit.labels, clusterCount: k, parallelism: Parallelism(threads: threads)))
      #expect(blocked.count == naive.count)
      for (b, a) in zip(blocked, naive) { #expect(abs(b - a) <= 1e-12 * max(1, abs(a))) }
    }
  }

  @Test("silhouettes of several labellings in one pass equal each labelling's own, whatever the threads and steps")
  func silhouetteLabellingsAtOnce() throws {
    let data = blobs(rows: 203, dimension: 5, centres: 4, seed: 3, duplicateEvery: 5)
    let counts = [1, 2, 4, 7]
    let labelings = try counts.map { k in
      try KMeans.fit(data, clusterCount: k, options: KMeansOptions(restarts: 1, parallelism: .serial)).labels
    }
    var steps = [Int]()
    let together = Silhouette.pointValues(
      data, labelings: labelings, clusterCounts: counts, parallelism: .serial, steps: 3
    ) { steps.append($0) }
    #expect(steps == [1, 2, 3])
    #expect(together.count == counts.count)
    #expect(together[0] == nil)
    for (t, k) in counts.enumerated() where k >= 2 {
      let alone = Silhouette.pointValues(
        data, labels: labelings[t], clusterCount: k, parallelism: Parallelism(threads: 2))
      #expect(together[t] == alone, "k \(k): one pass and one labelling alone differ")
      let naive = try #require(Silhouette.naivePointValues(data, labels: labelings[t], clusterCount: k))
      let values = try #require(together[t])
      for (b, a) in zip(values, naive) { #expect(abs(b - a) <= 1e-12 * max(1, abs(a))) }
    }
  }

  @Test("the blocked silhouette matches scikit-learn's silhouette_score on iris to 1e-9")
  func silhouetteIris() throws {
    // Fixture: criteria_iris_sklearn.csv (scikit-learn 1.9.1 labels and silhouette_score, see
    // its header); data: Data/iris.csv, 4 numeric columns, unscaled.
    let iris = try Fixture.iris()
    var checked = 0
    for row in try Fixture.rows("criteria_iris_sklearn.csv") {
      let k = try #require(row["k"].flatMap { Int($0) })
      guard k >= 2, let expected = try Fixture.number(row["silhouette"]) else { continue }
      let labels = try Fixture.numbers(row["labels"]).map { Int($0) }
      #expect(labels.count == iris.rowCount)
      let mean = try #require(Silhouette.mean(Silhouette.pointValues(iris, labels: labels, clusterCount: k)))
      let naive = try #require(Silhouette.mean(Silhouette.naivePointValues(iris, labels: labels, clusterCount: k)))
      #expect(abs(mean - expected) <= 1e-9 * abs(expected), "k \(k): \(mean) vs \(expected)")
      #expect(abs(mean - naive) <= 1e-12 * abs(naive), "k \(k)")
      checked += 1
    }
    #expect(checked >= 2)
  }
}
