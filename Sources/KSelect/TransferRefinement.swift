import _KSelectKernels

/// The local search that polishes every converged Lloyd run (`KMeansOptions.refines`).
///
/// Lloyd's algorithm stops at the first partition whose points are each nearest their own
/// centroid; many such partitions are poor. Three moves, each evaluated with the exact change
/// in W_k, lead away from them, and a move is kept only when W_k strictly falls:
///
/// 1. Single-point transfers (Hartigan & Wong 1979): moving x from cluster A to cluster B
///    changes W_k by n_B/(n_B+1)·‖x−μ_B‖² − n_A/(n_A−1)·‖x−μ_A‖². A partition with no
///    improving transfer is also a Lloyd fixed point (Telgarsky & Vattani 2010).
/// 2. Transfer chains (after Kernighan & Lin 1970): between two neighbouring clusters, the
///    points that lie nearest the other cluster's centroid move one at a time, each time the
///    one that costs least, for up to `chainLength` steps; the best prefix of the chain is kept
///    when it lowers W_k. This finds the joint moves of a few points that no single transfer
///    can make.
/// 3. Remove and split (Ismkhan 2018, "I-k-means−+"): one cluster is dissolved into its
///    neighbours and another is split in two along its principal axis; the pairs are tried in
///    order of their estimated gain, and a round ends after `failedSplitsPerRound` trials that
///    do not lower W_k. This moves a centroid between distant parts of the data.
///
/// After every kept move Lloyd and single-point transfers run again, so the result is a Lloyd
/// fixed point no worse than plain Lloyd's from the same seeding. Everything here runs serially
/// within one restart and in a fixed order, so the thread count never changes a number.
extension LloydRun {
  /// The longest transfer chain tried between two clusters.
  static let chainLength = 8
  /// Remove-and-split trials that may fail before a round of the search ends.
  static let failedSplitsPerRound = 3
  /// Lloyd iterations after which a trial move must have come below the current W_k.
  static let trialIterations = 20
  /// The largest dimension for which a split forms its d × d scatter matrix (see `PointSubsets`).
  static var scatterDimensionLimit: Int { PointSubsets.scatterDimensionLimit }

  /// The outcome of the local search started from a Lloyd outcome; the input itself when the
  /// run hit its iteration cap.
  func refined(_ start: Outcome) -> Outcome {
    guard clusterCount > 1, start.converged, start.iterations < maxIterations else { return start }
    var best = transferStable(start)
    search: while best.iterations < maxIterations {
      let neighbours = Neighbours(self, labels: best.labels)
      if let moved = bestChain(best.labels, neighbours), let candidate = accepted(moved, over: best) {
        best = candidate
        continue search
      }
      var failures = 0
      for centroids in removeAndSplitCandidates(best.labels, neighbours) {
        if let candidate = accepted(centroids, over: best) {
          best = candidate
          continue search
        }
        failures += 1
        if failures >= Self.failedSplitsPerRound { break }
      }
      break
    }
    return best
  }

  /// Lloyd from `centroids`, made transfer-stable, when it converges below `current`'s W_k.
  /// A trial whose Lloyd iterations have not come below `current`'s W_k within
  /// `trialIterations` is abandoned: on weakly structured data such trials creep on for hundreds
  /// of iterations and seldom end below, and transfers alone seldom make up the difference.
  private func accepted(_ centroids: [Double], over current: Outcome) -> Outcome? {
    let budget = maxIterations - current.iterations
    guard budget > 0 else { return nil }
    var trial = lloyd(from: centroids, iterationBudget: min(budget, Self.trialIterations))
    guard trial.wcss < current.wcss else { return nil }
    if !trial.converged && trial.iterations < budget {
      let spent = trial.iterations
      trial = lloyd(from: trial.centroids, iterationBudget: budget - spent)
      trial.iterations += spent
    }
    var candidate = transferStable(trial)
    guard candidate.converged, candidate.wcss < current.wcss * (1 - 1e-12) else { return nil }
    candidate.iterations += current.iterations
    return candidate
  }

  /// Alternates single-point transfer passes and Lloyd until no transfer lowers W_k.
  func transferStable(_ start: Outcome) -> Outcome {
    var outcome = start
    var labels = outcome.labels
    while outcome.iterations < maxIterations, let polished = polish(&labels) {
      let resumed = lloyd(from: polished, iterationBudget: maxIterations - outcome.iterations)
      guard resumed.wcss <= outcome.wcss else { break }
      let spent = outcome.iterations
      outcome = resumed
      outcome.iterations += spent
      labels = outcome.labels
    }
    return outcome
  }

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
    let unresolved = bounds.unresolvedRows(labels: labels, outWeight: outWeight, smallestInWeight: smallestInWeight)
    guard unresolved.count <= n / 8 else { return nil }
    let scale = transferMarginScale(means)
    var own = [Double](repeating: 0, count: unresolved.count)
    var nearest = own
    var cheapest = own
    ksk_transfer_distances(
      data.centred.values, d, unresolved, unresolved.count, labels, means, k, inWeight, &own, &nearest, &cheapest)
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
    let removal = AssignmentKernel.squaredDistance(x, mu.baseAddress! + a * d, d) * sizeA / (sizeA - 1)
    var best = a
    var bestCost = removal
    for b in 0..<clusterCount where b != a {
      let sizeB = Double(counts[b])
      let cost = AssignmentKernel.squaredDistance(x, mu.baseAddress! + b * d, d) * sizeB / (sizeB + 1)
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

  /// One pass of the blocked transfer kernel over every row.
  struct TransferScan {
    /// 1 for the rows a single-point transfer might improve.
    var flags: [UInt8]
    /// Every row's squared distance to its own mean (the kernel's expanded form).
    var own: [Double]
    /// Every row's squared distance to the nearest other mean.
    var other: [Double]
    /// That nearest other cluster (empty unless asked for).
    var second: [Int32]
    /// The scale of the kernel's rounding margins (`transferMarginScale`).
    let scale: Double
  }

  /// Runs `ksk_transfer_candidates` over every row under `means` and `counts`, in parallel over
  /// fixed chunks; with `findsSecond`, also every row's nearest other cluster.
  func transferScan(_ labels: [Int32], means: [Double], counts: [Int], findsSecond: Bool) -> TransferScan {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let panel = CentroidPanel(means, count: k, dimension: d)
    var inWeight = [Double](repeating: 1, count: panel.paddedCount)
    var outWeight = [Double](repeating: 0, count: k)
    for r in 0..<k {
      let size = Double(counts[r])
      inWeight[r] = size / (size + 1)
      if counts[r] > 1 { outWeight[r] = size / (size - 1) }
    }
    let scale = transferMarginScale(means)
    var scan = TransferScan(
      flags: [UInt8](repeating: 0, count: n), own: [Double](repeating: 0, count: n),
      other: [Double](repeating: 0, count: n), second: [Int32](repeating: 0, count: findsSecond ? n : 0),
      scale: scale)
    data.centred.values.withUnsafeBufferPointer { xs in
      data.rowNorms.withUnsafeBufferPointer { xn in
        labels.withUnsafeBufferPointer { ls in
          inWeight.withUnsafeBufferPointer { wi in
            outWeight.withUnsafeBufferPointer { wo in
              scan.flags.withUnsafeMutableBufferPointer { fs in
                scan.own.withUnsafeMutableBufferPointer { os in
                  scan.other.withUnsafeMutableBufferPointer { ns in
                    scan.second.withUnsafeMutableBufferPointer { ss in
                      panel.withPointers { p in
                        let input = TransferInputs(
                          x: xs.baseAddress!, norms: xn.baseAddress!, labels: ls.baseAddress!,
                          inWeight: wi.baseAddress!, outWeight: wo.baseAddress!, panel: p)
                        let out = TransferOutputs(
                          flags: fs.baseAddress!, own: os.baseAddress!, other: ns.baseAddress!,
                          second: findsSecond ? ss.baseAddress : nil)
                        parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
                          let rows = AssignmentKernel.rows(ofChunk: chunk, rowCount: n)
                          ksk_transfer_candidates(
                            AssignmentKernel.bestVariant, input.x, d, rows.lowerBound, rows.upperBound, input.norms,
                            input.panel.transposed, input.panel.norms, input.panel.paddedCount, input.labels,
                            input.inWeight, input.outWeight, scale, out.flags, out.own, out.other, out.second)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return scan
  }

  /// The scale of the transfer tests' rounding margins under `means`: the largest squared norm
  /// of a row or a mean.
  private func transferMarginScale(_ means: [Double]) -> Double {
    let d = data.columnCount
    var largest = data.largestRowNorm
    for r in 0..<clusterCount {
      largest = max(largest, means[(r * d)..<((r + 1) * d)].reduce(0) { $0 + $1 * $1 })
    }
    return largest
  }

  /// The read-only buffers of one `ksk_transfer_candidates` pass; the chunks only read them.
  private struct TransferInputs: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let labels: UnsafePointer<Int32>
    let inWeight: UnsafePointer<Double>
    let outWeight: UnsafePointer<Double>
    let panel: CentroidPanel.Pointers
  }

  /// The per-row outputs of one `ksk_transfer_candidates` pass; every chunk writes its own rows.
  private struct TransferOutputs: @unchecked Sendable {
    let flags: UnsafeMutablePointer<UInt8>
    let own: UnsafeMutablePointer<Double>
    let other: UnsafeMutablePointer<Double>
    let second: UnsafeMutablePointer<Int32>?
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
              x, d, remaining, remaining.count, muA, muB, sizeA / (sizeA - 1), sizeB / (sizeB + 1), &pickDelta)
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

  /// Initial centroids for remove-and-split moves, best estimated gain first: cluster r is
  /// dissolved (estimated cost: Σ over its points of the runner-up minus the own squared
  /// distance) and cluster s is split by 2-means from its principal-axis halves (exact gain).
  /// The k(k − 1) candidates are ordered at once but each one's k × d centroids are made only
  /// when the search reaches it (it seldom tries more than a few).
  /// - Complexity: O(n k d + n d min(d, 120) + k² log k) to order them, O(k d) per candidate.
  func removeAndSplitCandidates(
    _ labels: [Int32], _ neighbours: Neighbours
  ) -> LazyMapSequence<[(estimate: Double, removed: Int, split: Int)], [Double]> {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let (means, own, runnerUp) = (neighbours.means, neighbours.own, neighbours.runnerUp)
    var removal = [Double](repeating: 0, count: k)
    var members = [[Int]](repeating: [], count: k)
    for i in 0..<n {
      removal[Int(labels[i])] += runnerUp[i] - own[i]
      members[Int(labels[i])].append(i)
    }
    let splits = members.map { split($0) }
    var pairs = [(estimate: Double, removed: Int, split: Int)]()
    for r in 0..<k {
      for s in 0..<k where s != r {
        if let halves = splits[s] { pairs.append((halves.gain - removal[r], r, s)) }
      }
    }
    pairs.sort { ($0.estimate, $1.removed, $1.split) > ($1.estimate, $0.removed, $0.split) }
    return pairs.lazy.map { pair in
      var centroids = means
      let halves = splits[pair.split]!
      for j in 0..<d {
        centroids[pair.split * d + j] = halves.first[j]
        centroids[pair.removed * d + j] = halves.second[j]
      }
      return centroids
    }
  }

  /// Splits the points `rows` in two: halves on either side of the principal axis through
  /// their mean, then 2-means. `nil` when the points cannot be split.
  /// - Returns: the two means and the drop in the sum of squares.
  func split(_ rows: [Int]) -> (first: [Double], second: [Double], gain: Double)? {
    guard rows.count >= 2 else { return nil }
    return data.centred.values.withUnsafeBufferPointer { xs in
      PointSubsets(x: xs.baseAddress!, d: data.columnCount).split(rows)
    }
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

/// The arithmetic of `LloydRun.split` on raw rows: means, squared distances and sums of squares
/// of subsets of the rows of `x` (row-major, `d` columns), each accumulated in subset order.
private struct PointSubsets {
  /// The most power-iteration steps for a split's axis (10 cost W_k 3.5e-4 on two of fifteen
  /// k of the quick benchmark sweep).
  static let powerSteps = 30
  let x: UnsafePointer<Double>
  let d: Int

  /// The mean of the rows `subset` (non-empty).
  func mean(_ subset: [Int]) -> [Double] {
    var sum = [Double](repeating: 0, count: d)
    for i in subset { for j in 0..<d { sum[j] += x[i * d + j] } }
    return sum.map { $0 / Double(subset.count) }
  }

  /// ‖x_i − centre‖².
  func distance(_ i: Int, _ centre: [Double]) -> Double {
    var total = 0.0
    for j in 0..<d { total += (x[i * d + j] - centre[j]) * (x[i * d + j] - centre[j]) }
    return total
  }

  /// The largest dimension for which `principalAxis` forms the d × d scatter matrix. Forming it
  /// costs m·d²/2 multiply-adds for m rows and each power step d² more, where the matrix-free
  /// product Σ vᵢ(vᵢ·a) costs 2·m·d per step: with `powerSteps` steps the matrix pays only below
  /// d = 4 · `powerSteps`, and above it would take d² doubles (3.2 GB at d = 20,000).
  static let scatterDimensionLimit = 4 * powerSteps

  /// The principal axis of `rows` about `centre`, by at most `powerSteps` steps of power
  /// iteration on their scatter matrix started at the farthest point (fewer once the axis stops
  /// changing); `nil` when every point is at the centre. Up to `scatterDimensionLimit` features
  /// the matrix is formed once, in row order; above, each step multiplies without it.
  func principalAxis(_ rows: [Int], centre: [Double]) -> [Double]? {
    var farthest = rows[0]
    var farthestDistance = -1.0
    for i in rows {
      let far = distance(i, centre)
      if far > farthestDistance { (farthest, farthestDistance) = (i, far) }
    }
    guard farthestDistance > 0 else { return nil }
    let scatter = d <= Self.scatterDimensionLimit ? scatterMatrix(rows, centre: centre) : nil
    var axis = (0..<d).map { x[farthest * d + $0] - centre[$0] }
    var next = [Double](repeating: 0, count: d)
    for _ in 0..<Self.powerSteps {
      if let scatter {
        for j in 0..<d {
          var total = 0.0
          for l in 0..<d { total += scatter[j * d + l] * axis[l] }
          next[j] = total
        }
      } else {
        scatterProduct(rows, centre: centre, axis, into: &next)
      }
      let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { break }
      var change = 0.0
      for j in 0..<d {
        change = max(change, abs(next[j] / norm - axis[j]))
        axis[j] = next[j] / norm
      }
      if change < 1e-12 { break }
    }
    return axis
  }

  /// Σ over `rows` of (x_i − centre)((x_i − centre) · axis), the scatter matrix times `axis`
  /// without forming the matrix, accumulated in row order into `next` (`ksk_scatter_product`).
  /// - Complexity: O(m d) for m rows.
  func scatterProduct(_ rows: [Int], centre: [Double], _ axis: [Double], into next: inout [Double]) {
    ksk_scatter_product(x, d, rows, rows.count, centre, axis, &next)
  }

  /// Σ over `rows` of (x_i − centre)(x_i − centre)ᵀ (d × d, row-major), accumulated in row order.
  func scatterMatrix(_ rows: [Int], centre: [Double]) -> [Double] {
    var scatter = [Double](repeating: 0, count: d * d)
    var offset = [Double](repeating: 0, count: d)
    scatter.withUnsafeMutableBufferPointer { s in
      offset.withUnsafeMutableBufferPointer { v in
        for i in rows {
          for j in 0..<d { v[j] = x[i * d + j] - centre[j] }
          for j in 0..<d {
            let vj = v[j]
            for l in j..<d { s[j * d + l] += vj * v[l] }
          }
        }
        for j in 0..<d { for l in 0..<j { s[j * d + l] = s[l * d + j] } }
      }
    }
    return scatter
  }

  /// Halves of `rows` on either side of the principal axis, then 2-means (at most 100 steps).
  /// A row joins the second half when x·(m₁ − m₀) > (‖m₁‖² − ‖m₀‖²)/2, which is
  /// ‖x − m₁‖² < ‖x − m₀‖² with one dot product, and each step accumulates the halves' sums for
  /// the next one in the same pass.
  /// - Returns: the two means and the drop in the sum of squares, n₀‖m₀ − c‖² + n₁‖m₁ − c‖²
  ///   about the mean c; `nil` when the points cannot be split.
  func split(_ rows: [Int]) -> (first: [Double], second: [Double], gain: Double)? {
    let centre = mean(rows)
    guard let axis = principalAxis(rows, centre: centre) else { return nil }
    var halves = Halves(d: d)
    var side = [Bool](repeating: false, count: rows.count)
    for (index, i) in rows.enumerated() {
      var projection = 0.0
      for j in 0..<d { projection += (x[i * d + j] - centre[j]) * axis[j] }
      side[index] = projection > 0
      halves.add(x + i * d, toSecond: side[index])
    }
    for _ in 0..<100 {
      guard let (m0, m1) = halves.means() else { return nil }
      var normal = [Double](repeating: 0, count: d)
      var threshold = 0.0
      for j in 0..<d {
        normal[j] = m1[j] - m0[j]
        threshold += (m1[j] * m1[j] - m0[j] * m0[j]) / 2
      }
      var next = Halves(d: d)
      let changed =
        rows.withUnsafeBufferPointer { r in
          side.withUnsafeMutableBufferPointer { s in
            next.sums.withUnsafeMutableBufferPointer { sums in
              next.counts.withUnsafeMutableBufferPointer { counts in
                ksk_split_step(
                  x, d, r.baseAddress!, r.count, normal, threshold, s.baseAddress!, sums.baseAddress!,
                  counts.baseAddress!)
              }
            }
          }
        } != 0
      if !changed || next.counts[0] == 0 || next.counts[1] == 0 {
        return (m0, m1, halves.gain(about: centre, m0, m1))
      }
      halves = next
    }
    guard let (m0, m1) = halves.means() else { return nil }
    return (m0, m1, halves.gain(about: centre, m0, m1))
  }

  /// Running coordinate sums and sizes of the two halves of a split, in row order.
  private struct Halves {
    var sums: [Double]
    var counts = [0, 0]
    let d: Int

    init(d: Int) {
      self.d = d
      sums = [Double](repeating: 0, count: 2 * d)
    }

    /// Adds the row at `row` to the second half when `toSecond`, else to the first.
    mutating func add(_ row: UnsafePointer<Double>, toSecond: Bool) {
      let half = toSecond ? 1 : 0
      counts[half] += 1
      sums.withUnsafeMutableBufferPointer { total in
        for j in 0..<d { total[half * d + j] += row[j] }
      }
    }

    /// Both halves' means; `nil` when either half is empty.
    func means() -> ([Double], [Double])? {
      guard counts[0] > 0, counts[1] > 0 else { return nil }
      return (sums[0..<d].map { $0 / Double(counts[0]) }, sums[d...].map { $0 / Double(counts[1]) })
    }

    /// The drop in the sum of squares from one cluster about `centre` to the halves with means
    /// `m0` and `m1`: n₀‖m₀ − c‖² + n₁‖m₁ − c‖².
    func gain(about centre: [Double], _ m0: [Double], _ m1: [Double]) -> Double {
      var first = 0.0
      var second = 0.0
      for j in 0..<d {
        first += (m0[j] - centre[j]) * (m0[j] - centre[j])
        second += (m1[j] - centre[j]) * (m1[j] - centre[j])
      }
      return Double(counts[0]) * first + Double(counts[1]) * second
    }
  }
}
