import _KSelectKernels

/// Silhouette widths (Rousseeuw 1987) with Euclidean distances, computed exactly in blocks.
///
/// For point i in cluster C: a(i) is the mean distance to the other points of C, b(i) the
/// smallest mean distance to the points of another cluster, s(i) = (b − a) / max(a, b), and
/// s(i) = 0 when C has one point. Memory is linear in n (blocks of points), never O(n²).
public enum Silhouette {
  /// Points per block of parallel work (a multiple of the kernel's 8 rows).
  static let blockRows = 64

  /// s(i) for every point, or `nil` when the silhouette is undefined (fewer than 2 clusters).
  ///
  /// The distances go through a blocked SIMD kernel (8 points against 4 others per tile) as
  /// sqrt(max(0, ‖x‖² − 2x·y + ‖y‖²)) on centred data; pairs so close that the expanded form
  /// would cancel (d² below 10⁻⁴ of ‖x‖² + ‖y‖², the point itself included) are recomputed
  /// directly. The result does not depend on the thread count.
  /// - Complexity: O(n² d) time, O(n d) memory (a centred copy of the data), never O(n²).
  public static func pointValues(
    _ data: Dataset, labels: [Int], clusterCount k: Int, parallelism: Parallelism = .allCores
  ) -> [Double]? {
    pointValues(data, labelings: [labels], clusterCounts: [k], parallelism: parallelism)[0]
  }

  /// s(i) for every point under each of several labellings of the same points, from one pass
  /// over the pairs: each distance is computed once and added to its cluster's sum in every
  /// labelling, so a sweep's silhouettes for all its k cost little more than one k's.
  ///
  /// - Parameters:
  ///   - labelings: The cluster of every point, one array per labelling, each in
  ///     `0..<clusterCounts[t]`.
  ///   - clusterCounts: The number of clusters of every labelling.
  ///   - steps: The rows are evaluated in this many consecutive slices (the results do not
  ///     depend on it), and `afterStep` is called with 1, 2, … after each.
  /// - Returns: One entry per labelling: s(i) for every point, or `nil` when it has fewer than
  ///   2 clusters.
  /// - Complexity: O(n² (d + L)) time for L labellings, O(n (d + L)) memory, never O(n²).
  public static func pointValues(
    _ data: Dataset, labelings: [[Int]], clusterCounts: [Int], parallelism: Parallelism = .allCores,
    steps: Int = 1, afterStep: ((Int) -> Void)? = nil
  ) -> [[Double]?] {
    pointValues(
      PreparedData(data), labelings: labelings, clusterCounts: clusterCounts, parallelism: parallelism, steps: steps,
      afterStep: afterStep)
  }

  /// As `pointValues(_:labelings:clusterCounts:parallelism:steps:afterStep:)`, on data already
  /// prepared for fits: the kernel reads its centred rows and their squared norms, so a sweep
  /// centres its data once. (Silhouettes do not change under the preparation's exact rescaling.)
  /// - Complexity: O(n² (d + L)) time for L labellings, O(n L) memory, never O(n²).
  public static func pointValues(
    _ data: PreparedData, labelings: [[Int]], clusterCounts: [Int], parallelism: Parallelism = .allCores,
    steps: Int = 1, afterStep: ((Int) -> Void)? = nil
  ) -> [[Double]?] {
    values(
      data, of: nil, labelings: labelings, clusterCounts: clusterCounts, parallelism: parallelism, steps: steps,
      afterStep: afterStep)
  }

  /// s(i) of the points `rows` only, each exact: a(i) and b(i) are its mean distances to ALL n
  /// points of each cluster, from the same blocked kernel and one pass for every labelling, so a
  /// sample of s points costs s/n of `pointValues`. The result does not depend on the thread
  /// count.
  ///
  /// - Parameters:
  ///   - rows: The points to evaluate (row indices, each in `0..<n`; repeats allowed), in the
  ///     order of the results.
  ///   - labelings, clusterCounts, parallelism, steps, afterStep: As for `pointValues`.
  /// - Returns: One entry per labelling: s(i) for every point of `rows`, in their order, or
  ///   `nil` when it has fewer than 2 clusters.
  /// - Complexity: O(s n (d + L)) time for s rows and L labellings, O(n L + s L) memory.
  public static func sampledValues(
    _ data: PreparedData, rows: [Int], labelings: [[Int]], clusterCounts: [Int], parallelism: Parallelism = .allCores,
    steps: Int = 1, afterStep: ((Int) -> Void)? = nil
  ) -> [[Double]?] {
    precondition(rows.allSatisfy { (0..<data.rowCount).contains($0) }, "every sampled row is a row of the data")
    return values(
      data, of: rows, labelings: labelings, clusterCounts: clusterCounts, parallelism: parallelism, steps: steps,
      afterStep: afterStep)
  }

  /// s(i) of `rows` (every point when `nil`) under every labelling, against all n points.
  private static func values(
    _ data: PreparedData, of rows: [Int]?, labelings: [[Int]], clusterCounts: [Int], parallelism: Parallelism,
    steps: Int, afterStep: ((Int) -> Void)?
  ) -> [[Double]?] {
    precondition(labelings.count == clusterCounts.count, "one cluster count per labelling")
    let defined = clusterCounts.indices.filter { clusterCounts[$0] >= 2 }
    var results = [[Double]?](repeating: nil, count: labelings.count)
    let n = data.rowCount
    let evaluated = rows?.count ?? n
    guard !defined.isEmpty, n > 0, evaluated > 0 else {
      for step in 1...max(1, steps) { afterStep?(step) }
      return results
    }
    let slots = ClusterSlots(labelings: defined.map { labelings[$0] }, clusterCounts: defined.map { clusterCounts[$0] })
    // Never empty, so that its address can be taken (d = 0 leaves it so).
    let centred = data.centred.values.isEmpty ? [0] : data.centred.values
    let norms = data.rowNorms
    let chosen = rows ?? [0]
    let blocks = (evaluated + blockRows - 1) / blockRows
    let stepCount = max(1, steps)
    var perBlock = [[[Double]]]()
    centred.withUnsafeBufferPointer { xs in
      norms.withUnsafeBufferPointer { xn in
        slots.offsets.withUnsafeBufferPointer { os in
          chosen.withUnsafeBufferPointer { cs in
            let inputs = KernelInputs(
              x: xs.baseAddress!, norms: xn.baseAddress!, offsets: os.baseAddress!,
              rows: rows == nil ? nil : cs.baseAddress!)
            for step in 0..<stepCount {
              let first = blocks * step / stepCount
              let last = blocks * (step + 1) / stepCount
              perBlock += parallelism.map(last - first) { index in
                let block = first + index
                return blockValues(
                  positions: (block * blockRows)..<min(evaluated, (block + 1) * blockRows), d: data.columnCount, n: n,
                  inputs: inputs, slots: slots)
              }
              afterStep?(step + 1)
            }
          }
        }
      }
    }
    for (position, t) in defined.enumerated() { results[t] = perBlock.flatMap { $0[position] } }
    return results
  }

  /// s(i) of the evaluated points at `positions` (rows themselves, or places in `inputs.rows`)
  /// under every labelling of `slots`, 8 points per kernel call (a short last group repeats its
  /// last point and drops the copies).
  private static func blockValues(
    positions: Range<Int>, d: Int, n: Int, inputs: KernelInputs, slots: ClusterSlots
  ) -> [[Double]] {
    let lanes = Int(KSK_LANES)
    let labellings = slots.sizes.count
    var panel = [Double](repeating: 0, count: d * lanes)
    var panelNorms = [Double](repeating: 0, count: lanes)
    var sums = [Double](repeating: 0, count: 2 * slots.count * lanes)
    var clusterSums = slots.sizes.map { [Double](repeating: 0, count: $0.count) }
    var values = [[Double]](repeating: [], count: labellings)
    for t in 0..<labellings { values[t].reserveCapacity(positions.count) }
    for start in stride(from: positions.lowerBound, to: positions.upperBound, by: lanes) {
      let count = min(lanes, positions.upperBound - start)
      for lane in 0..<lanes {
        let i = inputs.row(start + min(lane, count - 1))
        for j in 0..<d { panel[j * lanes + lane] = inputs.x[i * d + j] }
        panelNorms[lane] = inputs.norms[i]
      }
      for index in sums.indices { sums[index] = 0 }
      ksk_silhouette_rows8(
        KernelVariant.best, panel, panelNorms, inputs.x, inputs.norms, n, d, inputs.offsets,
        labellings, slots.count, &sums)
      let odd = slots.count * lanes
      for lane in 0..<count {
        let i = inputs.row(start + lane)
        for t in 0..<labellings {
          let base = slots.bases[t]
          for r in clusterSums[t].indices {
            let slot = (base + r) * lanes + lane
            clusterSums[t][r] = sums[slot] + sums[odd + slot]
          }
          values[t].append(
            width(sums: clusterSums[t], sizes: slots.sizes[t], own: Int(slots.offsets[i * labellings + t]) - base))
        }
      }
    }
    return values
  }

  /// Every cluster of several labellings numbered in one range of slots: labelling t's cluster
  /// r is slot bases[t] + r, and offsets[i · L + t] is point i's slot in labelling t.
  private struct ClusterSlots: Sendable {
    /// Point i's slot under every labelling, row-major n × L.
    var offsets: [Int32]
    /// The first slot of every labelling.
    var bases: [Int]
    /// The cluster sizes of every labelling.
    var sizes: [[Int]]
    /// The number of slots, Σ k.
    var count: Int

    init(labelings: [[Int]], clusterCounts: [Int]) {
      let labellings = labelings.count
      let n = labelings[0].count
      bases = []
      sizes = []
      count = 0
      offsets = [Int32](repeating: 0, count: n * labellings)
      for (t, labels) in labelings.enumerated() {
        precondition(labels.count == n, "every labelling has one label per point")
        var counts = [Int](repeating: 0, count: clusterCounts[t])
        for (i, label) in labels.enumerated() {
          counts[label] += 1
          offsets[i * labellings + t] = Int32(count + label)
        }
        bases.append(count)
        sizes.append(counts)
        count += clusterCounts[t]
      }
    }
  }

  /// Read-only buffers shared by the blocks. Nobody writes them while the blocks run, which is
  /// what makes the unchecked `Sendable` conformance sound.
  private struct KernelInputs: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let offsets: UnsafePointer<Int32>
    /// The evaluated rows, or `nil` when every row is evaluated in order.
    let rows: UnsafePointer<Int>?

    /// The row evaluated at `position`.
    func row(_ position: Int) -> Int { rows.map { $0[position] } ?? position }
  }

  /// s(i) from the sums of distances of point i to every cluster.
  package static func width(sums: [Double], sizes: [Int], own: Int) -> Double {
    guard sizes[own] > 1 else { return 0 }
    let a = sums[own] / Double(sizes[own] - 1)
    var b = Double.infinity
    for r in sums.indices where r != own && sizes[r] > 0 { b = min(b, sums[r] / Double(sizes[r])) }
    guard b.isFinite else { return 0 }
    let denominator = max(a, b)
    return denominator > 0 ? (b - a) / denominator : 0
  }

  /// The mean silhouette width, or `nil` when undefined.
  public static func mean(_ values: [Double]?) -> Double? {
    guard let values, !values.isEmpty else { return nil }
    return values.reduce(0, +) / Double(values.count)
  }
}
