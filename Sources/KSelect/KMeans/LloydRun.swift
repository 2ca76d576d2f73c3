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
/// `LloydRun+Refinement.swift`, which only ever lowers W_k and ends on a Lloyd fixed point.
package struct LloydRun: Sendable {
  package let data: PreparedData
  package let clusterCount: Int
  package let maxIterations: Int
  /// The absolute tolerance on the total squared centroid shift.
  let absoluteTolerance: Double
  let parallelism: Parallelism
  /// Whether to polish converged runs with single-point transfers.
  package let refines: Bool
  /// The iteration variant (`auto` already resolved); all give the same labels.
  var algorithm: KMeansAlgorithm
  /// The kernel variant of every kernel the run calls (tests also run the portable one on AVX2
  /// machines); all give the same numbers.
  package var kernelVariant: KernelVariant = .best
  /// Makes the assignment step of every iteration instead of `algorithm` (tests run a reference
  /// step through it); `nil` for the step of `algorithm`.
  package var assignmentStep: (@Sendable (LloydRun) -> any AssignmentStep)? = nil

  /// A run on `data` with k = `clusterCount`, at most `maxIterations` iterations, stopping once
  /// the total squared centroid shift is at most `absoluteTolerance`.
  package init(
    data: PreparedData, clusterCount: Int, maxIterations: Int, absoluteTolerance: Double, parallelism: Parallelism,
    refines: Bool, algorithm: KMeansAlgorithm = .lloyd
  ) {
    self.data = data
    self.clusterCount = clusterCount
    self.maxIterations = maxIterations
    self.absoluteTolerance = absoluteTolerance
    self.parallelism = parallelism
    self.refines = refines
    self.algorithm = algorithm
  }

  /// What a run leaves: labels consistent with the centroids and their exact squared distances.
  package struct Outcome: Sendable {
    package var centroids: [Double]
    package var labels: [Int32]
    package var distances: [Double]
    package var iterations: Int
    package var converged: Bool
    package var wcss: Double
  }

  /// Lloyd iterations from `initial`, at most `iterationBudget` of them. The bounded variants
  /// (Hamerly, Elkan) skip distances but give the same labels, so the same iterations.
  package func lloyd(from initial: [Double], iterationBudget: Int) -> Outcome {
    if let assignmentStep {
      var step = assignmentStep(self)
      return lloyd(from: initial, iterationBudget: iterationBudget, step: &step)
    }
    switch algorithm {
    case .hamerly, .elkan:
      var step = BoundedAssignment(
        algorithm: algorithm, data: data, clusterCount: clusterCount, parallelism: parallelism,
        variant: kernelVariant)
      return lloyd(from: initial, iterationBudget: iterationBudget, step: &step)
    case .auto, .lloyd:
      var step = BlockedAssignment(
        data: data, clusterCount: clusterCount, parallelism: parallelism, variant: kernelVariant)
      return lloyd(from: initial, iterationBudget: iterationBudget, step: &step)
    }
  }

  /// Lloyd iterations from `initial` with the assignment step `step`.
  private func lloyd<Step: AssignmentStep>(
    from initial: [Double], iterationBudget: Int, step: inout Step
  ) -> Outcome {
    let n = data.rowCount
    var centroids = initial
    var labels = [Int32](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    // The exact distances are computed only when needed: for repairs and at the end (unless the
    // step writes them).
    var distancesCurrent = false
    func assignStep() {
      distancesCurrent = step.assign(centroids, labels: &labels, distances: &distances)
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
      for i in moved { step.invalidate(row: i) }
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
                dist.base[i] = squaredDistance(x.base + i * d, c.base + Int(l.base[i]) * d, d)
              }
            }
          }
        }
      }
    }
  }

  /// The mean of every cluster's points, from `clusterSums`, which describe `labels`. Empty
  /// clusters are re-seeded with the points farthest from their centroids, which then move to
  /// the emptied cluster (labels, distances and `clusterSums` too); their indices are appended
  /// to `moved`.
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
    RunningClusterSums.freshTotals(
      data, labels, clusterCount: clusterCount, parallelism: parallelism, variant: kernelVariant)
  }

  /// Σ over centroids of the squared distance each one moved.
  static func squaredShift(_ old: [Double], _ new: [Double]) -> Double {
    squaredDistance(new, 0, old, 0, old.count)
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
