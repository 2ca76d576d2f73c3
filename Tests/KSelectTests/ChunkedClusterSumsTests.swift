import Testing
@testable import KSelect

@Suite("chunked cluster sums")
struct ChunkedClusterSumsTests {
  /// Labellings that change a few rows, many rows, or none, starting from a random one.
  private static func labellings(rows n: Int, clusters k: Int, random: RandomSource) -> [[Int32]] {
    var labels = (0..<n).map { _ in Int32(Int(random.uniform() * Double(k)) % k) }
    var sequence = [labels]
    for changes in [1, 3, 0, n / 10, 2, n, 5] {
      for _ in 0..<changes {
        let row = Int(random.uniform() * Double(n)) % n
        labels[row] = Int32(Int(random.uniform() * Double(k)) % k)
      }
      sequence.append(labels)
    }
    return sequence
  }

  @Test(
    "updating only the changed clusters of changed chunks is bit-identical to recomputing",
    arguments: [(1000, 3, 7, 1), (1000, 5, 7, 2), (700, 2, 600, 1), (257, 16, 32, 2)])
  func updatesMatchRecomputation(n: Int, d: Int, k: Int, threads: Int) {
    let random = RandomSource(seed: UInt64(n + d + k))
    let data = PreparedData(
      Dataset(rowCount: n, columnCount: d, values: (0..<(n * d)).map { _ in random.uniform() * 100 - 50 }))
    let parallelism = Parallelism(threads: threads)
    var cached = ChunkedClusterSums(data: data, clusterCount: k, parallelism: parallelism)
    for labels in Self.labellings(rows: n, clusters: k, random: random) {
      var fresh = ChunkedClusterSums(data: data, clusterCount: k, parallelism: .serial)
      let expected = fresh.totals(for: labels)
      let updated = cached.totals(for: labels)
      #expect(updated.counts == expected.counts)
      #expect(updated.sums.map(\.bitPattern) == expected.sums.map(\.bitPattern))
      // And the plain per-cluster sums, to within rounding.
      for r in 0..<k {
        for j in 0..<d {
          let direct = (0..<n).filter { labels[$0] == r }.reduce(0.0) { $0 + data.centred.values[$1 * d + j] }
          #expect(abs(updated.sums[r * d + j] - direct) <= 1e-9 * Double(n) * 50)
        }
      }
    }
  }
}
