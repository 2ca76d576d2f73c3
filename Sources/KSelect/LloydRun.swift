/// One run of Lloyd's algorithm from given initial centroids, on centred data.
///
/// Each iteration assigns every point to its nearest centroid, then moves every centroid to the
/// mean of its points. The run stops when no label changes (strict convergence), when the total
/// squared centroid movement is at most `tolerance × mean feature variance`, or after
/// `maxIterations` iterations. A cluster left empty is re-seeded with the point farthest from
/// its centroid; a cluster is never dropped.
///
/// With `refines` set, a converged run is polished with single-point transfers (Hartigan &
/// Wong's criterion: moving x from A to B lowers W_k exactly when
/// n_B/(n_B+1)·‖x−μ_B‖² < n_A/(n_A−1)·‖x−μ_A‖²), then Lloyd resumes; each transfer strictly
/// lowers W_k and a transfer-stable partition is also a Lloyd fixed point, so the result is a
/// k-means solution at least as good as plain Lloyd's from the same seeding.
struct LloydRun {
  let data: PreparedData
  let clusterCount: Int
  let maxIterations: Int
  /// The absolute tolerance on the total squared centroid shift.
  let absoluteTolerance: Double
  let parallelism: Parallelism
  /// Whether to polish converged runs with single-point transfers.
  let refines: Bool

  /// What a run leaves: labels consistent with the centroids and their exact squared distances.
  struct Outcome {
    var centroids: [Double]
    var labels: [Int32]
    var distances: [Double]
    var iterations: Int
    var converged: Bool
    var wcss: Double
  }

  /// Runs Lloyd's algorithm from `initial` (row-major k × d), polishing when `refines` is set.
  func run(from initial: [Double]) -> Outcome {
    var outcome = lloyd(from: initial, iterationBudget: maxIterations)
    guard refines else { return outcome }
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

  /// Plain Lloyd iterations from `initial`, at most `iterationBudget` of them.
  func lloyd(from initial: [Double], iterationBudget: Int) -> Outcome {
    let n = data.rowCount
    var centroids = initial
    var labels = [Int32](repeating: -1, count: n)
    var previous = [Int32](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    var iterations = 0
    var converged = false
    var centroidsMatchLabels = false
    while iterations < iterationBudget {
      iterations += 1
      assign(centroids, labels: &labels, distances: &distances)
      if iterations > 1 && labels == previous {
        converged = true
        centroidsMatchLabels = true
        break
      }
      let updated = updatedCentroids(labels: &labels, distances: &distances, old: centroids)
      let shift = Self.squaredShift(centroids, updated)
      centroids = updated
      swap(&labels, &previous)
      if shift <= absoluteTolerance {
        converged = true
        break
      }
    }
    if !centroidsMatchLabels {
      assign(centroids, labels: &labels, distances: &distances)
    }
    let wcss = Self.orderedSum(distances)
    return Outcome(
      centroids: centroids, labels: labels, distances: distances, iterations: iterations,
      converged: converged, wcss: wcss)
  }

  /// Assigns every point to its nearest centroid, in parallel over fixed chunks.
  func assign(_ centroids: [Double], labels: inout [Int32], distances: inout [Double]) {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    data.centred.values.withUnsafeBufferPointer { xs in
      centroids.withUnsafeBufferPointer { cs in
        labels.withUnsafeMutableBufferPointer { ls in
          distances.withUnsafeMutableBufferPointer { ds in
            let x = SharedReads(base: xs.baseAddress!)
            let c = SharedReads(base: cs.baseAddress!)
            let l = DisjointWrites(base: ls.baseAddress!)
            let dist = DisjointWrites(base: ds.baseAddress!)
            parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
              AssignmentKernel.assign(
                points: x.base, rows: AssignmentKernel.rows(ofChunk: chunk, rowCount: n), dimension: d,
                centroids: c.base, clusterCount: k, labels: l.base, distances: dist.base)
            }
          }
        }
      }
    }
  }

  /// The mean of every cluster's points; empty clusters are re-seeded with the points farthest
  /// from their centroids, which then move to the emptied cluster (labels and distances too).
  func updatedCentroids(labels: inout [Int32], distances: inout [Double], old: [Double]) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    var (sums, counts) = clusterSums(labels)
    let empty = (0..<k).filter { counts[$0] == 0 }
    if !empty.isEmpty {
      let farthest = (0..<n).sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
      var donors = farthest.makeIterator()
      for r in empty {
        // Take the farthest point whose cluster keeps at least one point.
        while let i = donors.next() {
          let from = Int(labels[i])
          guard counts[from] > 1 else { continue }
          counts[from] -= 1
          counts[r] = 1
          for j in 0..<d {
            let value = data.centred.values[i * d + j]
            sums[from * d + j] -= value
            sums[r * d + j] = value
          }
          labels[i] = Int32(r)
          distances[i] = 0
          break
        }
      }
    }
    var centroids = old
    for r in 0..<k where counts[r] > 0 {
      for j in 0..<d { centroids[r * d + j] = sums[r * d + j] / Double(counts[r]) }
    }
    return centroids
  }

  /// Single-point transfers in row order until a pass moves nothing (at most 20 passes).
  /// - Returns: the means of the improved partition, or `nil` when no point moved.
  func polish(_ labels: inout [Int32]) -> [Double]? {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    guard k > 1 else { return nil }
    var (means, counts) = clusterSums(labels)
    for r in 0..<k where counts[r] > 0 {
      for j in 0..<d { means[r * d + j] /= Double(counts[r]) }
    }
    var moved = 0
    data.centred.values.withUnsafeBufferPointer { xs in
      means.withUnsafeMutableBufferPointer { mu in
        for _ in 0..<20 {
          var movedThisPass = 0
          for i in 0..<n {
            let a = Int(labels[i])
            let sizeA = Double(counts[a])
            guard counts[a] > 1 else { continue }
            let x = xs.baseAddress! + i * d
            let removal = AssignmentKernel.squaredDistance(x, mu.baseAddress! + a * d, d) * sizeA / (sizeA - 1)
            var best = a
            var bestCost = removal
            for b in 0..<k where b != a {
              let sizeB = Double(counts[b])
              let cost = AssignmentKernel.squaredDistance(x, mu.baseAddress! + b * d, d) * sizeB / (sizeB + 1)
              if cost < bestCost {
                bestCost = cost
                best = b
              }
            }
            guard best != a, bestCost < removal * (1 - 1e-12) else { continue }
            let sizeB = Double(counts[best])
            for j in 0..<d {
              mu[a * d + j] = (mu[a * d + j] * sizeA - x[j]) / (sizeA - 1)
              mu[best * d + j] = (mu[best * d + j] * sizeB + x[j]) / (sizeB + 1)
            }
            counts[a] -= 1
            counts[best] += 1
            labels[i] = Int32(best)
            movedThisPass += 1
          }
          moved += movedThisPass
          if movedThisPass == 0 { break }
        }
      }
    }
    guard moved > 0 else { return nil }
    var (sums, finalCounts) = clusterSums(labels)
    for r in 0..<k where finalCounts[r] > 0 {
      for j in 0..<d { sums[r * d + j] /= Double(finalCounts[r]) }
    }
    return sums
  }

  /// Per-cluster coordinate sums and counts, accumulated in fixed chunks and combined in order.
  func clusterSums(_ labels: [Int32]) -> (sums: [Double], counts: [Int]) {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let chunks = AssignmentKernel.chunkCount(n)
    let partials: [([Double], [Int])] = data.centred.values.withUnsafeBufferPointer { xs in
      labels.withUnsafeBufferPointer { ls in
        let x = SharedReads(base: xs.baseAddress!)
        let l = SharedReads(base: ls.baseAddress!)
        return parallelism.map(chunks) { chunk in
          var sums = [Double](repeating: 0, count: k * d)
          var counts = [Int](repeating: 0, count: k)
          for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) {
            let r = Int(l.base[i])
            counts[r] += 1
            for j in 0..<d { sums[r * d + j] += x.base[i * d + j] }
          }
          return (sums, counts)
        }
      }
    }
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for (partialSums, partialCounts) in partials {
      for index in 0..<(k * d) { sums[index] += partialSums[index] }
      for r in 0..<k { counts[r] += partialCounts[r] }
    }
    return (sums, counts)
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
