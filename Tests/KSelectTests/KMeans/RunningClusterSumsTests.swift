import Testing

@testable import KSelect

@Suite("running cluster sums")
struct RunningClusterSumsTests {
  /// Labellings that change a few rows, many rows, or none, starting from a random one; the
  /// number of rows each one changed from the previous one comes along.
  private static func labellings(rows n: Int, clusters k: Int, random: RandomSource) -> [(
    labels: [Int32], changes: Int
  )] {
    var labels = (0..<n).map { _ in Int32(Int(random.uniform() * Double(k)) % k) }
    var sequence = [(labels, n)]
    for changes in [1, 3, 0, n / 10, 2, n, 5, 40, 1] {
      for _ in 0..<changes {
        let row = Int(random.uniform() * Double(n)) % n
        labels[row] = Int32(Int(random.uniform() * Double(k)) % k)
      }
      sequence.append((labels, changes))
    }
    return sequence
  }

  private static func data(n: Int, d: Int) -> PreparedData {
    let random = RandomSource(seed: UInt64(n + d))
    return PreparedData(
      Dataset(rowCount: n, columnCount: d, values: (0..<(n * d)).map { _ in random.uniform() * 100 - 50 }))
  }

  @Test(
    "carried sums equal the clusters' sums to rounding, with exact sizes",
    arguments: [(1000, 3, 7), (1000, 5, 7), (700, 2, 600), (257, 16, 32), (5000, 4, 3)])
  func carriedSumsMatchDirectSums(n: Int, d: Int, k: Int) {
    let data = Self.data(n: n, d: d)
    var running = RunningClusterSums(data: data, clusterCount: k, parallelism: .serial)
    for (labels, _) in Self.labellings(rows: n, clusters: k, random: RandomSource(seed: UInt64(k))) {
      let carried = running.totals(for: labels)
      var sums = [Double](repeating: 0, count: k * d)
      var counts = [Int](repeating: 0, count: k)
      for i in 0..<n {
        let r = Int(labels[i])
        counts[r] += 1
        for j in 0..<d { sums[r * d + j] += data.centred.values[i * d + j] }
      }
      #expect(carried.counts == counts)
      // Coordinates lie within ±50 (±100 after centring); each of at most ~2n moves and adds
      // rounds by at most 2⁻⁵² of that.
      for index in sums.indices {
        #expect(abs(carried.sums[index] - sums[index]) <= 1e-11 * Double(n), "entry \(index)")
      }
    }
  }

  @Test("a labelling that changes more than an eighth of the rows is summed afresh")
  func largeChangesSumAfresh() {
    let (n, d, k) = (1000, 3, 5)
    let data = Self.data(n: n, d: d)
    var running = RunningClusterSums(data: data, clusterCount: k, parallelism: .serial)
    for (labels, changes) in Self.labellings(rows: n, clusters: k, random: RandomSource(seed: 11)) {
      let carried = running.totals(for: labels)
      guard changes > n / 8 else { continue }
      let fresh = RunningClusterSums.freshTotals(data, labels, clusterCount: k, parallelism: .serial)
      #expect(carried.sums.map(\.bitPattern) == fresh.sums.map(\.bitPattern))
      #expect(carried.counts == fresh.counts)
    }
  }

  @Test(
    "an update tells whether a label changed; moves keep the sums those of the labels, an emptied cluster's exactly zero"
  )
  func updatesAndMoves() {
    let (n, d, k) = (300, 3, 4)
    let data = Self.data(n: n, d: d)
    var running = RunningClusterSums(data: data, clusterCount: k, parallelism: .serial)
    var labels = (0..<n).map { Int32($0 % 3) }
    let first = running.update(to: labels)
    let again = running.update(to: labels)
    #expect(first && !again)
    #expect(running.counts[3] == 0)
    running.move(row: 5, to: 3)
    labels[5] = 3
    #expect(running.labels == labels)
    let afterMove = running.update(to: labels)
    #expect(!afterMove, "a move is part of the labelling the sums describe")
    #expect(
      running.counts == RunningClusterSums.freshTotals(data, labels, clusterCount: k, parallelism: .serial).counts)
    for j in 0..<d { #expect(running.sums[3 * d + j] == data.centred.values[5 * d + j]) }
    labels[5] = 0
    let emptied = running.update(to: labels)
    #expect(emptied)
    #expect(running.counts[3] == 0)
    for j in 0..<d { #expect(running.sums[3 * d + j] == 0) }
  }

  @Test("the thread count never changes a bit", arguments: [(5000, 4, 9), (9000, 3, 40)])
  func threadCountIndependent(n: Int, d: Int, k: Int) {
    let data = Self.data(n: n, d: d)
    var serial = RunningClusterSums(data: data, clusterCount: k, parallelism: .serial)
    var parallel = RunningClusterSums(data: data, clusterCount: k, parallelism: Parallelism(threads: 3))
    for (labels, _) in Self.labellings(rows: n, clusters: k, random: RandomSource(seed: 5)) {
      let one = serial.totals(for: labels)
      let three = parallel.totals(for: labels)
      #expect(one.sums.map(\.bitPattern) == three.sums.map(\.bitPattern))
      #expect(one.counts == three.counts)
    }
  }
}
