import _KSelectKernels

/// One run of Lloyd's algorithm from given initial centroids, on centred data.
///
/// Each iteration assigns every point to its nearest centroid, then moves every centroid to the
/// mean of its points. The run stops when no label changes (strict convergence), when the total
/// squared centroid movement is at most `tolerance × mean feature variance`, or after
/// `maxIterations` iterations. A cluster left empty is re-seeded with the point farthest from
/// its centroid; a cluster is never dropped.
///
/// With `refines` set, a converged run is then improved by the local search of
/// `TransferRefinement.swift`, which only ever lowers W_k and ends on a Lloyd fixed point.
struct LloydRun {
  let data: PreparedData
  let clusterCount: Int
  let maxIterations: Int
  /// The absolute tolerance on the total squared centroid shift.
  let absoluteTolerance: Double
  let parallelism: Parallelism
  /// Whether to polish converged runs with single-point transfers.
  let refines: Bool
  /// The iteration variant (`auto` already resolved); all give the same labels.
  var algorithm: KMeansAlgorithm = .lloyd
  /// Plain Lloyd with the unblocked reference kernel instead of the SIMD one (for tests).
  var usesReferenceKernel = false
  /// The kernel variant of the assignments and of the running sums' changed-row listing (tests
  /// also run the portable one on AVX2 machines).
  var kernelVariant = AssignmentKernel.bestVariant

  /// What a run leaves: labels consistent with the centroids and their exact squared distances.
  struct Outcome {
    var centroids: [Double]
    var labels: [Int32]
    var distances: [Double]
    var iterations: Int
    var converged: Bool
    var wcss: Double
  }

  /// Runs Lloyd's algorithm from `initial` (row-major k × d), refining when `refines` is set.
  func run(from initial: [Double]) -> Outcome {
    let outcome = lloyd(from: initial, iterationBudget: maxIterations)
    return refines ? refined(outcome) : outcome
  }

  /// Lloyd iterations from `initial`, at most `iterationBudget` of them. The bounded variants
  /// (Hamerly, Elkan) skip distances but give the same labels, so the same iterations.
  func lloyd(from initial: [Double], iterationBudget: Int) -> Outcome {
    let n = data.rowCount
    var centroids = initial
    var labels = [Int32](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    var bounded: BoundedAssignment? =
      algorithm == .hamerly || algorithm == .elkan
      ? BoundedAssignment(
        algorithm: algorithm, data: data, clusterCount: clusterCount, parallelism: parallelism,
        variant: kernelVariant)
      : nil
    // The exact distances are computed only when needed: for repairs and at the end (the
    // reference kernel, kept for tests, writes them on every step).
    var distancesCurrent = false
    func assignStep() {
      if bounded != nil {
        bounded!.assign(centroids, labels: &labels)
      } else {
        assign(centroids, labels: &labels, distances: &distances, writesDistances: usesReferenceKernel)
      }
      distancesCurrent = bounded == nil && usesReferenceKernel
    }
    // The sums of the labelling of the last step (repairs included): they also tell whether a
    // step changed any label.
    var clusterSums = RunningClusterSums(
      data: data, clusterCount: clusterCount, parallelism: parallelism, variant: kernelVariant)
    var iterations = 0
    var converged = false
    var centroidsMatchLabels = false
    while iterations < iterationBudget {
      iterations += 1
      assignStep()
      if !clusterSums.update(to: labels) && iterations > 1 {
        converged = true
        centroidsMatchLabels = true
        break
      }
      if !distancesCurrent && clusterSums.counts.contains(0) {
        exactDistances(centroids, labels: labels, distances: &distances)
        distancesCurrent = true
      }
      var moved = [Int]()
      let updated = updatedCentroids(
        labels: &labels, distances: &distances, old: centroids, moved: &moved, sums: &clusterSums)
      for i in moved { bounded?.invalidate(i) }
      let shift = Self.squaredShift(centroids, updated)
      centroids = updated
      if shift <= absoluteTolerance {
        converged = true
        break
      }
    }
    if !centroidsMatchLabels {
      assignStep()
    }
    if !distancesCurrent {
      exactDistances(centroids, labels: labels, distances: &distances)
    }
    let wcss = Self.orderedSum(distances)
    return Outcome(
      centroids: centroids, labels: labels, distances: distances, iterations: iterations,
      converged: converged, wcss: wcss)
  }

  /// The exact squared distance of every point to its centroid, as the blocked kernel writes it.
  func exactDistances(_ centroids: [Double], labels: [Int32], distances: inout [Double]) {
    let n = data.rowCount
    let d = data.columnCount
    data.centred.values.withUnsafeBufferPointer { xs in
      centroids.withUnsafeBufferPointer { cs in
        labels.withUnsafeBufferPointer { ls in
          distances.withUnsafeMutableBufferPointer { ds in
            let x = SharedReads(base: xs.baseAddress!)
            let c = SharedReads(base: cs.baseAddress!)
            let l = SharedReads(base: ls.baseAddress!)
            let dist = DisjointWrites(base: ds.baseAddress!)
            parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
              for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) {
                dist.base[i] = AssignmentKernel.squaredDistance(x.base + i * d, c.base + Int(l.base[i]) * d, d)
              }
            }
          }
        }
      }
    }
  }

  /// Assigns every point to its nearest centroid with the blocked kernel, in parallel over fixed
  /// chunks; the exact squared distances too unless `writesDistances` is false.
  func assign(
    _ centroids: [Double], labels: inout [Int32], distances: inout [Double], writesDistances: Bool = true
  ) {
    AssignmentKernel.assignAll(
      points: data.centred.values, rowCount: data.rowCount, dimension: data.columnCount, centroids: centroids,
      clusterCount: clusterCount, parallelism: parallelism, variant: kernelVariant,
      reference: usesReferenceKernel, writesDistances: writesDistances, labels: &labels, distances: &distances)
  }

  /// The mean of every cluster's points; empty clusters are re-seeded with the points farthest
  /// from their centroids, which then move to the emptied cluster (labels and distances too).
  func updatedCentroids(labels: inout [Int32], distances: inout [Double], old: [Double]) -> [Double] {
    var moved = [Int]()
    var sums = RunningClusterSums(
      data: data, clusterCount: clusterCount, parallelism: parallelism, variant: kernelVariant)
    sums.update(to: labels)
    return updatedCentroids(labels: &labels, distances: &distances, old: old, moved: &moved, sums: &sums)
  }

  /// As `updatedCentroids(labels:distances:old:)`, with `clusterSums` already describing
  /// `labels`; repairs move their points in `clusterSums` too, and their indices are appended to
  /// `moved`.
  func updatedCentroids(
    labels: inout [Int32], distances: inout [Double], old: [Double], moved: inout [Int],
    sums clusterSums: inout RunningClusterSums
  ) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let empty = (0..<k).filter { clusterSums.counts[$0] == 0 }
    if !empty.isEmpty {
      let farthest = (0..<n).sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
      var donors = farthest.makeIterator()
      for r in empty {
        // Take the farthest point whose cluster keeps at least one point.
        while let i = donors.next() {
          guard clusterSums.counts[Int(labels[i])] > 1 else { continue }
          clusterSums.move(row: i, to: r)
          labels[i] = Int32(r)
          distances[i] = 0
          moved.append(i)
          break
        }
      }
    }
    var centroids = old
    let (sums, counts) = (clusterSums.sums, clusterSums.counts)
    for r in 0..<k where counts[r] > 0 {
      for j in 0..<d { centroids[r * d + j] = sums[r * d + j] / Double(counts[r]) }
    }
    return centroids
  }

  /// Per-cluster coordinate sums and counts, accumulated in fixed chunks (by `ksk_cluster_sums`,
  /// in row order) and combined in chunk order.
  func clusterSums(_ labels: [Int32]) -> (sums: [Double], counts: [Int]) {
    RunningClusterSums.freshTotals(data, labels, clusterCount: clusterCount, parallelism: parallelism)
  }

  /// Σ over centroids of the squared distance each one moved.
  static func squaredShift(_ old: [Double], _ new: [Double]) -> Double {
    var total = 0.0
    for index in old.indices {
      let delta = new[index] - old[index]
      total += delta * delta
    }
    return total
  }

  /// A sum in fixed chunk order, so that it does not depend on the thread count.
  static func orderedSum(_ values: [Double]) -> Double {
    var total = 0.0
    var start = 0
    while start < values.count {
      var partial = 0.0
      for value in values[start..<min(values.count, start + AssignmentKernel.chunkRows)] { partial += value }
      total += partial
      start += AssignmentKernel.chunkRows
    }
    return total
  }
}
