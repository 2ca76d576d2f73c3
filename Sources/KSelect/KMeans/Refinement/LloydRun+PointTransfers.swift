import _KSelectKernels

/// Single-point transfers (Hartigan & Wong 1979), the first move of the refinement search
/// (`LloydRun+Refinement.swift`): moving x from cluster A to cluster B changes W_k by
/// n_B/(n_B+1)·‖x−μ_B‖² − n_A/(n_A−1)·‖x−μ_A‖².
extension LloydRun {
  /// Single-point transfers until a pass moves nothing (at most 20 passes). Each pass takes the
  /// points a transfer might improve under the means at its start, in row order, and moves each
  /// one whose exact change in W_k, with the current means, is negative. The first pass finds
  /// them with the blocked kernel (`ksk_transfer_candidates`), which also sets `TransferBounds`;
  /// later passes check only the rows those bounds cannot clear (`boundedCandidates`). A pass
  /// that moves nothing has ruled out every point under the final means, so no transfer improves
  /// the result.
  /// - Returns: the means of the improved partition, or `nil` when no point moved.
  func polish(_ labels: inout [Int32]) -> [Double]? {
    let d = data.columnCount
    guard clusterCount > 1 else { return nil }
    var (means, counts) = clusterMeans(labels)
    var bounds: TransferBounds? = nil
    var moved = 0
    for _ in 0..<20 {
      var candidates: [Int]? = nil
      if bounds != nil { candidates = boundedCandidates(labels, means: means, counts: counts, bounds: &bounds!) }
      if candidates == nil { (candidates, bounds) = transferCandidates(labels, means: means, counts: counts) }
      var movedRows = [Int]()
      data.centred.values.withUnsafeBufferPointer { xs in
        means.withUnsafeMutableBufferPointer { mu in
          for i in candidates!
          where transfer(xs.baseAddress! + i * d, of: i, labels: &labels, means: mu, counts: &counts) {
            movedRows.append(i)
          }
        }
      }
      for i in movedRows { bounds!.invalidate(i) }
      moved += movedRows.count
      if movedRows.isEmpty { break }
    }
    guard moved > 0 else { return nil }
    return clusterMeans(labels).means
  }

  /// The rows, in order, that a single-point transfer might improve under `means` and `counts`,
  /// found with `bounds` (advanced to `means`): rows the bounds cannot clear get exact distances,
  /// new bounds, and the kernel's test. `nil` when more than an eighth of the rows would need
  /// exact distances, where the blocked kernel is faster.
  private func boundedCandidates(
    _ labels: [Int32], means: [Double], counts: [Int], bounds: inout TransferBounds
  ) -> [Int]? {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    bounds.advance(to: means)
    let inWeight = counts.map { Double($0) / Double($0 + 1) }
    let outWeight = counts.map { $0 > 1 ? Double($0) / Double($0 - 1) : 0 }
    let smallestInWeight = inWeight.min() ?? 1
    let unresolved = bounds.unresolvedRows(
      labels: labels, outWeight: outWeight, smallestInWeight: smallestInWeight, variant: kernelVariant)
    guard unresolved.count <= n / 8 else { return nil }
    let scale = transferMarginScale(means)
    var own = [Double](repeating: 0, count: unresolved.count)
    var nearest = own
    var cheapest = own
    ksk_transfer_distances(
      kernelVariant, data.centred.values, d, unresolved, unresolved.count, labels, means, k, inWeight, &own, &nearest,
      &cheapest)
    var candidates = [Int]()
    for (q, i) in unresolved.enumerated() {
      let a = Int(labels[i])
      let margin = 1e-9 * (data.rowNorms[i] + scale)
      bounds.reset(i, label: a, own: own[q], other: nearest[q], margin: margin)
      if cheapest[q] <= outWeight[a] * own[q] + margin { candidates.append(i) }
    }
    return candidates
  }

  /// Moves point `i` (coordinates `x`) to the cluster that lowers W_k most, by the exact change
  /// n_B/(n_B+1)·‖x−μ_B‖² − n_A/(n_A−1)·‖x−μ_A‖², updating the means and sizes in place.
  /// - Returns: whether the point moved.
  private func transfer(
    _ x: UnsafePointer<Double>, of i: Int, labels: inout [Int32], means mu: UnsafeMutableBufferPointer<Double>,
    counts: inout [Int]
  ) -> Bool {
    let d = data.columnCount
    let a = Int(labels[i])
    guard counts[a] > 1 else { return false }
    let sizeA = Double(counts[a])
    let removal = squaredDistance(x, mu.baseAddress! + a * d, d) * sizeA / (sizeA - 1)
    var best = a
    var bestCost = removal
    for b in 0..<clusterCount where b != a {
      let sizeB = Double(counts[b])
      let cost = squaredDistance(x, mu.baseAddress! + b * d, d) * sizeB / (sizeB + 1)
      if cost < bestCost {
        bestCost = cost
        best = b
      }
    }
    guard best != a, bestCost < removal * (1 - 1e-12) else { return false }
    let sizeB = Double(counts[best])
    for j in 0..<d {
      mu[a * d + j] = (mu[a * d + j] * sizeA - x[j]) / (sizeA - 1)
      mu[best * d + j] = (mu[best * d + j] * sizeB + x[j]) / (sizeB + 1)
    }
    counts[a] -= 1
    counts[best] += 1
    labels[i] = Int32(best)
    return true
  }

  /// The rows, in order, that a single-point transfer might improve under `means` and `counts`
  /// (a superset of those it does improve; see `ksk_transfer_candidates`), and the bounds of
  /// every row under `means` for the passes that follow.
  private func transferCandidates(
    _ labels: [Int32], means: [Double], counts: [Int]
  ) -> (rows: [Int], bounds: TransferBounds) {
    let scan = transferScan(labels, means: means, counts: counts, findsSecond: false)
    let bounds = TransferBounds(
      own: scan.own, other: scan.other, means: means, dimension: data.columnCount,
      margin: { 1e-9 * (self.data.rowNorms[$0] + scan.scale) })
    return (scan.flags.indices.filter { scan.flags[$0] != 0 }, bounds)
  }

  /// The means and sizes of the clusters of `labels`.
  func clusterMeans(_ labels: [Int32]) -> (means: [Double], counts: [Int]) {
    let d = data.columnCount
    var (means, counts) = clusterSums(labels)
    for r in 0..<clusterCount where counts[r] > 0 {
      for j in 0..<d { means[r * d + j] /= Double(counts[r]) }
    }
    return (means, counts)
  }
}
