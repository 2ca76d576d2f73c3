import PropertyBased
import Testing

@testable import KSelect

/// Properties of k-means and the silhouette on small random data (n ≤ 30, d = 2, integer
/// coordinates), checked with swift-property-based. Every fit is serial with few iterations,
/// so each property runs in well under a second.
@Suite("Properties of k-means and silhouettes")
struct PropertyTests {
  /// Up to 24 points with integer coordinates in [-30, 30]², duplicates allowed.
  static let points = Gen.int(in: -30...30).array(of: 2).array(of: 5...24)
  static let clusterCount = Gen.int(in: 1...4)
  static let seed = Gen.int(in: 0...100_000)

  static func dataset(_ points: [[Int]]) -> Dataset {
    Dataset(rows: points.map { $0.map(Double.init) })
  }

  static func options(seed: Int, restarts: Int = 3, refines: Bool = true) -> KMeansOptions {
    KMeansOptions(
      restarts: restarts, maxIterations: 100, seed: UInt64(seed), parallelism: .serial,
      refines: refines)
  }

  static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  }

  /// A partition as a set of blocks of row indices: equal for labelings that differ only in
  /// the clusters' names.
  static func partition(_ labels: [Int]) -> Set<Set<Int>> {
    Set(Dictionary(grouping: labels.indices, by: { labels[$0] }).values.map(Set.init))
  }

  @Test("adding a restart never increases the WCSS (restart r draws from the same stream either way)")
  func moreRestartsNeverWorse() async throws {
    await propertyCheck(count: 40, input: Self.points, Self.clusterCount, Self.seed) { points, k, seed in
      let data = Self.dataset(points)
      guard data.distinctRowCount() >= k else { return }
      var previous = Double.infinity
      for restarts in 1...4 {
        let result = try KMeans.fit(data, clusterCount: k, options: Self.options(seed: seed, restarts: restarts))
        #expect(result.wcss <= previous, "restarts \(restarts): \(result.wcss) > \(previous)")
        previous = result.wcss
      }
    }
  }

  /// The case CI's random search found when only the best Lloyd restart was polished: restart 0
  /// polished to 998.17, restart 1 had the lower Lloyd W_k but polished to 1004.83. (Found with
  /// seed 5390; seed 27 gives the same two restarts since k-means++ streams name the number of
  /// candidates instead of k.)
  @Test("more restarts never worse: the case found by the property search")
  func moreRestartsNeverWorseRecordedCase() throws {
    let data = Self.dataset([[0, 0], [20, 8], [0, 0], [0, 0], [0, 5], [-20, 0], [0, -12], [8, -16], [15, -19]])
    let wcss = try (1...4).map {
      try KMeans.fit(data, clusterCount: 2, options: Self.options(seed: 27, restarts: $0)).wcss
    }
    #expect(wcss[0] <= 998.1666666666667 + 1e-9)
    for r in 1..<wcss.count { #expect(wcss[r] <= wcss[r - 1], "restarts \(r + 1): \(wcss)") }
  }

  @Test("at convergence every point's label is its nearest centroid, and no cluster is empty")
  func labelsAreNearestCentroids() async throws {
    await propertyCheck(count: 60, input: Self.points, Self.clusterCount, Self.seed) { points, k, seed in
      let data = Self.dataset(points)
      guard data.distinctRowCount() >= k else { return }
      for refines in [false, true] {
        let result = try KMeans.fit(data, clusterCount: k, options: Self.options(seed: seed, refines: refines))
        #expect(result.sizes.allSatisfy { $0 > 0 }, "sizes \(result.sizes)")
        guard result.converged else { continue }
        for i in 0..<data.rowCount {
          let own = Self.squaredDistance(data.row(i), result.centroid(result.labels[i]))
          for r in 0..<k where r != result.labels[i] {
            // Tolerance: coordinates ≤ 60 apart, so squared distances ≤ 7200; 1e-9 absolute
            // covers rounding in the centroids' means.
            #expect(
              own <= Self.squaredDistance(data.row(i), result.centroid(r)) + 1e-9,
              "point \(i) (refines \(refines)) is closer to centroid \(r) than to its own")
          }
        }
        // W_k is the sum of the points' squared distances to their own centroids.
        let direct = (0..<data.rowCount).reduce(0.0) {
          $0 + Self.squaredDistance(data.row($1), result.centroid(result.labels[$1]))
        }
        #expect(abs(direct - result.wcss) <= 1e-9 * max(1, direct))
      }
    }
  }

  @Test("silhouette widths lie in [-1, 1] for fitted and for arbitrary labels")
  func silhouettesAreBounded() async throws {
    let labelled = zip(Gen.int(in: -30...30), Gen.int(in: -30...30), Gen.int(in: 0...3)).array(of: 2...24)
    await propertyCheck(count: 80, input: labelled, Self.seed) { rows, seed in
      let data = Dataset(rows: rows.map { [Double($0.0), Double($0.1)] })
      let arbitrary = rows.map(\.2)
      var labelings = [(labels: arbitrary, k: 4)]
      if data.distinctRowCount() >= 2 {
        labelings.append((try KMeans.fit(data, clusterCount: 2, options: Self.options(seed: seed)).labels, 2))
      }
      for (labels, k) in labelings {
        let widths = try #require(Silhouette.pointValues(data, labels: labels, clusterCount: k, parallelism: .serial))
        #expect(widths.count == data.rowCount)
        #expect(widths.allSatisfy { $0.isFinite && (-1...1).contains($0) }, "\(widths)")
      }
    }
  }

  /// Points around k blob centres 1000 apart with jitter in [-5, 5]²: the k-means optimum is
  /// the blobs themselves, so every fit should find exactly that partition.
  static let blobs = zip(Gen.int(in: 0...3), Gen.int(in: -5...5), Gen.int(in: -5...5)).array(of: 6...30)

  @Test("shuffling the rows or translating the data changes neither the partition nor the metrics")
  func shuffleAndTranslationInvariance() async throws {
    let offset = Gen.int(in: -10_000...10_000).array(of: 2)
    await propertyCheck(count: 40, input: Self.blobs, offset, Self.seed) { members, offset, seed in
      let k = Set(members.map(\.0)).count
      let rows = members.map { [Double(1000 * $0.0 + $0.1), Double(1000 * ($0.0 % 2) + $0.2)] }
      let truth = Self.partition(members.map(\.0))
      let data = Dataset(rows: rows)
      let base = try KMeans.fit(data, clusterCount: k, options: Self.options(seed: seed, restarts: 10))
      #expect(Self.partition(base.labels) == truth)
      let baseWidths = Silhouette.pointValues(data, labels: base.labels, clusterCount: k, parallelism: .serial)

      // Shuffled with a permutation drawn from the seed; labels mapped back to the input order.
      let random = RandomSource(seed: UInt64(seed))
      var generator = random
      let order = Array(rows.indices).shuffled(using: &generator)
      let shuffled = try KMeans.fit(
        Dataset(rows: order.map { rows[$0] }), clusterCount: k, options: Self.options(seed: seed + 1, restarts: 10))
      var unshuffled = [Int](repeating: -1, count: rows.count)
      for (position, row) in order.enumerated() { unshuffled[row] = shuffled.labels[position] }
      #expect(Self.partition(unshuffled) == truth)
      #expect(abs(shuffled.wcss - base.wcss) <= 1e-9 * max(1, base.wcss))

      // Translated by a random integer offset plus a non-representable fraction.
      let moved = Dataset(rows: rows.map { [$0[0] + Double(offset[0]) + 0.1, $0[1] + Double(offset[1]) - 0.3] })
      let translated = try KMeans.fit(moved, clusterCount: k, options: Self.options(seed: seed, restarts: 10))
      #expect(Self.partition(translated.labels) == truth)
      #expect(abs(translated.wcss - base.wcss) <= 1e-6 * max(1, base.wcss))
      let movedWidths = Silhouette.pointValues(moved, labels: translated.labels, clusterCount: k, parallelism: .serial)
      if let baseWidths, let movedWidths {
        for (a, b) in zip(baseWidths, movedWidths) { #expect(abs(a - b) <= 1e-9) }
      } else {
        #expect(baseWidths == nil && movedWidths == nil)
      }
    }
  }
}
