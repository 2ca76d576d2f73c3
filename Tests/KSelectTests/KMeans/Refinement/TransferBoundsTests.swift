import Testing

@testable import KSelect

/// Whether some single-point transfer lowers W_k by more than a relative 1e-9: the exact change
/// n_B/(n_B+1)·‖x−μ_B‖² − n_A/(n_A−1)·‖x−μ_A‖², checked for every point and every cluster.
private func hasImprovingTransfer(_ data: Dataset, labels: [Int], k: Int) -> Bool {
  let d = data.columnCount
  var means = [Double](repeating: 0, count: k * d)
  var counts = [Int](repeating: 0, count: k)
  for (i, label) in labels.enumerated() {
    counts[label] += 1
    for j in 0..<d { means[label * d + j] += data.values[i * d + j] }
  }
  for r in 0..<k where counts[r] > 0 { for j in 0..<d { means[r * d + j] /= Double(counts[r]) } }
  func squared(_ i: Int, _ r: Int) -> Double {
    (0..<d).reduce(0.0) {
      $0 + (data.values[i * d + $1] - means[r * d + $1]) * (data.values[i * d + $1] - means[r * d + $1])
    }
  }
  for (i, a) in labels.enumerated() where counts[a] > 1 {
    let removal = Double(counts[a]) / Double(counts[a] - 1) * squared(i, a)
    for b in 0..<k where b != a {
      let cost = Double(counts[b]) / Double(counts[b] + 1) * squared(i, b)
      if cost < removal * (1 - 1e-9) { return true }
    }
  }
  return false
}

@Suite("transfer bounds")
struct TransferBoundsTests {
  @Test("rows the bounds clear have no improving transfer, however the means move")
  func boundsAreSound() {
    let random = RandomSource(seed: 11)
    let (n, d, k) = (400, 3, 5)
    let x = (0..<(n * d)).map { _ in random.uniform() * 10 }
    let labels = (0..<n).map { Int32($0 % k) }
    var means = (0..<(k * d)).map { _ in random.uniform() * 10 }
    func squared(_ i: Int, _ r: Int) -> Double {
      (0..<d).reduce(0.0) { $0 + (x[i * d + $1] - means[r * d + $1]) * (x[i * d + $1] - means[r * d + $1]) }
    }
    let own = (0..<n).map { squared($0, Int(labels[$0])) }
    let other = (0..<n).map { i in (0..<k).filter { $0 != Int(labels[i]) }.map { squared(i, $0) }.min()! }
    var bounds = TransferBounds(own: own, other: other, means: means, dimension: d, margin: { _ in 1e-12 })
    for step in 0..<6 {
      for index in means.indices { means[index] += (random.uniform() - 0.5) * 0.2 }
      bounds.advance(to: means)
      // Uneven sizes give weights far from 1: 3, 10, 40, 100, 247 points.
      let counts = [3, 10, 40, 100, 247]
      let inWeight = counts.map { Double($0) / Double($0 + 1) }
      let outWeight = counts.map { Double($0) / Double($0 - 1) }
      let unresolved = Set(
        bounds.unresolvedRows(labels: labels, outWeight: outWeight, smallestInWeight: inWeight.min()!))
      var improvable = 0
      for i in 0..<n {
        let a = Int(labels[i])
        let best = (0..<k).filter { $0 != a }.map { inWeight[$0] * squared(i, $0) }.min()!
        if best <= outWeight[a] * squared(i, a) {
          improvable += 1
          #expect(unresolved.contains(i), "step \(step): row \(i) may improve but was cleared")
        }
      }
      #expect(improvable > 0)
      #expect(unresolved.count < n, "the bounds cleared no row at step \(step)")
    }
  }

  @Test("refined fits have no improving single-point transfer", arguments: [(2, 3), (6, 2), (12, 4)])
  func refinedFitsAreTransferStable(k: Int, d: Int) throws {
    // Blobs of very different sizes, so that transfer passes run many times with weights ≠ 1.
    let random = RandomSource(seed: UInt64(100 + k))
    var rows = [[Double]]()
    for blob in 0..<k {
      let centre = (0..<d).map { _ in random.uniform() * 6 }
      for _ in 0..<(5 + 40 * (blob % 4)) { rows.append(centre.map { $0 + random.uniform() * 2 }) }
    }
    let data = Dataset(rows: rows)
    for seed in 1...3 {
      let fit = try KMeans.fit(data, clusterCount: k, options: KMeansOptions(restarts: 2, seed: UInt64(seed)))
      #expect(!hasImprovingTransfer(data, labels: fit.labels, k: k), "k = \(k), seed \(seed)")
    }
  }
}
