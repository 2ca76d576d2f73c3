import _KSelectKernels

/// Transfer chains (after Kernighan & Lin 1970), the second move of the refinement search
/// (`LloydRun+Refinement.swift`).
extension LloydRun {
  /// The best transfer chain: for every ordered pair of clusters (A, B), the points of A whose
  /// second-nearest centroid is B's move to B greedily, cheapest first.
  /// - Returns: the means after the chain prefix that lowers W_k most, or `nil` when none does.
  /// - Complexity: O(n k d + L n d) for chains of at most L steps.
  func bestChain(_ labels: [Int32], _ neighbours: Neighbours) -> [Double]? {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let (means, counts, second, own) = (neighbours.means, neighbours.counts, neighbours.second, neighbours.own)
    var buckets = [[Int]](repeating: [], count: k * k)
    for i in 0..<n { buckets[Int(labels[i]) * k + second[i]].append(i) }
    var bestGain = 0.0
    var bestMove: (to: Int, points: [Int])? = nil
    let wcss = LloydRun.orderedSum(own)
    data.centred.values.withUnsafeBufferPointer { xs in
      let x = xs.baseAddress!
      for a in 0..<k {
        for b in 0..<k where b != a && !buckets[a * k + b].isEmpty {
          var remaining = buckets[a * k + b]
          var muA = Array(means[(a * d)..<((a + 1) * d)])
          var muB = Array(means[(b * d)..<((b + 1) * d)])
          var sizeA = Double(counts[a])
          var sizeB = Double(counts[b])
          var total = 0.0
          var chain = [Int]()
          for _ in 0..<min(Self.chainLength, remaining.count, counts[a] - 1) {
            var pickDelta = 0.0
            let pick = ksk_cheapest_transfer(
              kernelVariant, x, d, remaining, remaining.count, muA, muB, sizeA / (sizeA - 1), sizeB / (sizeB + 1),
              &pickDelta)
            let i = remaining.remove(at: pick)
            for j in 0..<d {
              muA[j] = (muA[j] * sizeA - x[i * d + j]) / (sizeA - 1)
              muB[j] = (muB[j] * sizeB + x[i * d + j]) / (sizeB + 1)
            }
            sizeA -= 1
            sizeB += 1
            total += pickDelta
            chain.append(i)
            if -total > max(bestGain, 1e-12 * wcss) {
              bestGain = -total
              bestMove = (b, chain)
            }
          }
        }
      }
    }
    guard let move = bestMove else { return nil }
    var moved = labels
    for i in move.points { moved[i] = Int32(move.to) }
    return clusterMeans(moved).means
  }
}

/// What one round of the refinement search knows about a partition: the clusters' means and
/// sizes, and every point's squared distance to its own mean and to the nearest other one.
struct Neighbours {
  let means: [Double]
  let counts: [Int]
  /// Every point's nearest other cluster.
  let second: [Int]
  /// Every point's squared distance to its own cluster's mean.
  let own: [Double]
  /// Every point's squared distance to the mean of `second`.
  let runnerUp: [Double]

  /// The neighbourhood of the partition `labels` of `run`'s data, from one pass of the blocked
  /// transfer kernel (distances in its expanded form).
  /// - Complexity: O(n k d).
  init(_ run: LloydRun, labels: [Int32]) {
    let (means, counts) = run.clusterMeans(labels)
    let scan = run.transferScan(labels, means: means, counts: counts, findsSecond: true)
    (self.means, self.counts, self.own, self.runnerUp) = (means, counts, scan.own, scan.other)
    second = scan.second.map { Int($0) }
  }
}
