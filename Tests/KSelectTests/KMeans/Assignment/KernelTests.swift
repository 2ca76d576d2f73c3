import Foundation
import KSelectTestSupport
import Testing
import _KSelectKernels

@testable import KSelect

@Suite("distance kernels")
struct KernelTests {
  /// Labels and distances of the reference and blocked kernels for centroids drawn from the data.
  func compare(n: Int, d: Int, k: Int, seed: UInt64, duplicateCentroids: Bool = false) throws {
    let data = PreparedData(blobs(rows: n, dimension: d, centres: max(1, k / 2), seed: seed, duplicateEvery: 5))
    let random = RandomSource(seed: seed &+ 1)
    var centroids = [Double]()
    for r in 0..<k {
      let row = duplicateCentroids && r % 2 == 1 ? r - 1 : random.uniformInt(below: n)
      if duplicateCentroids && r % 2 == 1 {
        centroids.append(contentsOf: centroids[(row * d)..<((row + 1) * d)])
      } else {
        centroids.append(contentsOf: data.centred.values[(row * d)..<((row + 1) * d)])
      }
    }
    var referenceLabels = [Int32](repeating: -1, count: n)
    var referenceDistances = [Double](repeating: -1, count: n)
    data.centred.values.withUnsafeBufferPointer { xs in
      centroids.withUnsafeBufferPointer { cs in
        ReferenceKernel.assign(
          points: xs.baseAddress!, rows: 0..<n, dimension: d, centroids: cs.baseAddress!, clusterCount: k,
          labels: &referenceLabels, distances: &referenceDistances)
      }
    }
    let panel = CentroidPanel(centroids, count: k, dimension: d)
    for variant in kernelVariants {
      var labels = [Int32](repeating: -1, count: n)
      var distances = [Double](repeating: -1, count: n)
      data.centred.values.withUnsafeBufferPointer { xs in
        panel.withPointers { pointers in
          AssignmentKernel.assign(
            points: xs.baseAddress!, rows: 0..<n, dimension: d, panel: pointers, labels: &labels,
            distances: &distances, variant: variant)
        }
      }
      #expect(labels == referenceLabels, "n \(n) d \(d) k \(k) variant \(variant)")
      // The distance to the winner is recomputed directly, in the reference's order: bit-equal.
      #expect(distances == referenceDistances, "n \(n) d \(d) k \(k) variant \(variant)")
    }
  }

  @Test(
    "the blocked kernel gives the reference kernel's labels and exact distances",
    arguments: [
      (1, 1, 1), (3, 1, 2), (5, 2, 3), (17, 3, 8), (100, 1, 9), (257, 7, 16), (1000, 16, 32),
      (999, 33, 5), (2051, 64, 17), (64, 5, 64), (1003, 6, 4), (517, 3, 2),
    ])
  func matchesReference(shape: (Int, Int, Int)) throws {
    let (n, d, k) = shape
    try compare(n: n, d: d, k: k, seed: UInt64(n * 31 + d * 7 + k))
  }

  @Test("ties between identical centroids go to the lowest index", arguments: [(50, 2, 4), (300, 9, 13)])
  func tiesGoLow(shape: (Int, Int, Int)) throws {
    let (n, d, k) = shape
    try compare(n: n, d: d, k: k, seed: 7, duplicateCentroids: true)
    // And explicitly: with centroid 1 a copy of centroid 0, nobody is labelled 1.
    let data = PreparedData(blobs(rows: n, dimension: d, centres: 2, seed: 3))
    var centroids = Array(data.centred.values[0..<d]) + Array(data.centred.values[0..<d])
    centroids += Array(data.centred.values[d..<(2 * d)])
    let panel = CentroidPanel(centroids, count: 3, dimension: d)
    for variant in kernelVariants {
      var labels = [Int32](repeating: -1, count: n)
      var distances = [Double](repeating: 0, count: n)
      data.centred.values.withUnsafeBufferPointer { xs in
        panel.withPointers { pointers in
          AssignmentKernel.assign(
            points: xs.baseAddress!, rows: 0..<n, dimension: d, panel: pointers, labels: &labels,
            distances: &distances, variant: variant)
        }
      }
      #expect(!labels.contains(1))
      #expect(labels[0] == 0)
    }
  }

  @Test(
    "every variant lists exactly the changed rows, in order, or −1 past the limit",
    arguments: [0, 1, 63, 64, 65, 200, 1000, 4099])
  func changedRows(n: Int) throws {
    let random = RandomSource(seed: UInt64(n) + 11)
    let old = (0..<n).map { _ in Int32(random.uniformInt(below: 5)) }
    for probability in [0.0, 0.01, 0.3, 1.0] {
      var current = old
      for i in 0..<n where random.uniform() < probability { current[i] = (old[i] + 1) % 5 }
      let expected = (0..<n).filter { old[$0] != current[$0] }
      for limit in [n, expected.count, max(0, expected.count - 1)] {
        for variant in kernelVariants {
          var rows = [Int](repeating: -7, count: limit + 64)
          let count = ksk_changed_rows(variant, old, current, n, &rows, limit)
          let tag = "n \(n) p \(probability) limit \(limit) variant \(variant)"
          if expected.count > limit {
            #expect(count == -1, "\(tag)")
          } else {
            #expect(count == expected.count, "\(tag)")
            #expect(Array(rows[0..<max(0, count)]) == expected, "\(tag)")
          }
        }
      }
    }
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
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let table = try String(contentsOf: fixtures.appendingPathComponent("criteria_iris_sklearn.csv"), encoding: .utf8)
    let irisURL = repositoryRoot.appendingPathComponent("Data/iris.csv")
    let iris = try irisRows(irisURL)
    var checked = 0
    for line in table.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("k,") {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      let k = try #require(Int(fields[0]))
      guard k >= 2, let expected = Double(fields[1]) else { continue }
      let labels = fields[5].split(separator: " ").compactMap { Int($0) }
      #expect(labels.count == iris.rowCount)
      let mean = try #require(Silhouette.mean(Silhouette.pointValues(iris, labels: labels, clusterCount: k)))
      let naive = try #require(Silhouette.mean(Silhouette.naivePointValues(iris, labels: labels, clusterCount: k)))
      #expect(abs(mean - expected) <= 1e-9 * abs(expected), "k \(k): \(mean) vs \(expected)")
      #expect(abs(mean - naive) <= 1e-12 * abs(naive), "k \(k)")
      checked += 1
    }
    #expect(checked >= 2)
  }

  /// The four numeric columns of Data/iris.csv.
  func irisRows(_ url: URL) throws -> Dataset {
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows = [[Double]]()
    for line in text.split(separator: "\n").dropFirst() {
      let numbers = line.split(separator: ",").prefix(4).compactMap { Double($0) }
      if numbers.count == 4 { rows.append(numbers) }
    }
    return Dataset(rows: rows)
  }
}
