import _KSelectKernels

/// The arithmetic of `LloydRun.split` on raw rows: means, squared distances and sums of squares
/// of subsets of the rows of `x` (row-major, `d` columns), each accumulated in subset order.
struct PointSubsets {
  /// The most power-iteration steps for a split's axis (10 cost W_k 3.5e-4 on two of fifteen
  /// k of the quick benchmark sweep).
  static let powerSteps = 30
  let x: UnsafePointer<Double>
  let d: Int
  /// The variant of the split step's kernel.
  let variant: KernelVariant

  /// The mean of the rows `subset` (non-empty).
  func mean(_ subset: [Int]) -> [Double] {
    var sum = [Double](repeating: 0, count: d)
    for i in subset { for j in 0..<d { sum[j] += x[i * d + j] } }
    return sum.map { $0 / Double(subset.count) }
  }

  /// ‖x_i − centre‖².
  func distance(_ i: Int, _ centre: [Double]) -> Double {
    centre.withUnsafeBufferPointer { squaredDistance(x + i * d, $0.baseAddress!, d) }
  }

  /// The largest dimension for which `principalAxis` forms the d × d scatter matrix. Forming it
  /// costs m·d²/2 multiply-adds for m rows and each power step d² more, where the matrix-free
  /// product Σ vᵢ(vᵢ·a) costs 2·m·d per step: with `powerSteps` steps the matrix pays only below
  /// d = 4 · `powerSteps`, and above it would take d² doubles (3.2 GB at d = 20,000).
  static let scatterDimensionLimit = 4 * powerSteps

  /// The principal axis of `rows` about `centre`, by at most `powerSteps` steps of power
  /// iteration on their scatter matrix started at the farthest point (fewer once the axis stops
  /// changing); `nil` when every point is at the centre. Up to `scatterDimensionLimit` features
  /// the matrix is formed once (`scatterMatrix`); above, each step multiplies without it.
  func principalAxis(_ rows: [Int], centre: [Double]) -> [Double]? {
    var farthest = rows[0]
    var farthestDistance = -1.0
    for i in rows {
      let far = distance(i, centre)
      if far > farthestDistance { (farthest, farthestDistance) = (i, far) }
    }
    guard farthestDistance > 0 else { return nil }
    let scatter =
      d <= Self.scatterDimensionLimit ? scatterMatrix(x, dimension: d, rows: rows, centre: centre) : nil
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
    ksk_scatter_product(variant, x, d, rows, rows.count, centre, axis, &next)
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
                  variant, x, d, r.baseAddress!, r.count, normal, threshold, s.baseAddress!, sums.baseAddress!,
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
      Double(counts[0]) * squaredDistance(m0, 0, centre, 0, d) + Double(counts[1])
        * squaredDistance(m1, 0, centre, 0, d)
    }
  }
}
