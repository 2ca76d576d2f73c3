import _KSelectKernels

/// Distance bounds that let the single-point transfer passes after a full one skip most rows
/// without computing a distance: Hamerly's bounds, applied to the weighted transfer test.
///
/// For every row they hold an upper bound on its distance to its own cluster's mean and a lower
/// bound on its distance to every other mean. When a mean moves by δ, every distance to it moves
/// by at most δ, so the bounds stay valid if each cluster's accumulated movement is added to the
/// upper bounds of its rows and the largest movement is subtracted from every lower bound. A row
/// of cluster A can gain from a transfer only if min_B n_B/(n_B+1) · lower² ≤ n_A/(n_A−1) ·
/// upper²; every other row provably has no improving transfer.
struct TransferBounds {
  /// Per row: the upper bound on ‖x − μ_own‖ when it was set, minus the own cluster's `drift`
  /// then (+∞ once the row has changed cluster).
  private var upper: [Double]
  /// Per row: the lower bound on the distance to every other mean when it was set, plus
  /// `largestDrift` then.
  private var lower: [Double]
  /// Per cluster: the accumulated movement of its mean.
  private var drift: [Double]
  /// The accumulated largest movement of any mean.
  private var largestDrift = 0.0
  /// The means the movements were last measured from (k × d).
  private var means: [Double]
  private let dimension: Int

  /// Bounds from every row's squared distance to its own mean (`own`) and to the nearest other
  /// one (`other`), each trusted to within `margin(i)`, under `means`.
  init(own: [Double], other: [Double], means: [Double], dimension: Int, margin: (Int) -> Double) {
    upper = own.indices.map { (own[$0] + margin($0)).squareRoot() }
    lower = other.indices.map { max(0, other[$0] - margin($0)).squareRoot() }
    drift = [Double](repeating: 0, count: means.count / max(dimension, 1))
    self.means = means
    self.dimension = dimension
  }

  /// Accounts for the means having moved to `updated`.
  mutating func advance(to updated: [Double]) {
    var largest = 0.0
    for r in drift.indices {
      let movement = squaredDistance(updated, r * dimension, means, r * dimension, dimension).squareRoot()
      drift[r] += movement
      largest = max(largest, movement)
    }
    largestDrift += largest
    means = updated
  }

  /// The rows, in order, that might gain from a transfer: all but those whose bounds prove that
  /// no transfer lowers W_k under the current means. `outWeight[A]` is n_A/(n_A−1), 0 for a
  /// cluster of one point (whose point cannot move); `smallestInWeight` the smallest
  /// n_B/(n_B+1); `variant` runs the kernel that lists them.
  func unresolvedRows(
    labels: [Int32], outWeight: [Double], smallestInWeight: Double, variant: KernelVariant = .best
  ) -> [Int] {
    // other² · smallestInWeight ≤ own² · outWeight, as other ≤ ratio · own with both ≥ 0.
    let ratio = outWeight.map { ($0 / smallestInWeight).squareRoot() }
    var rows = [Int](repeating: 0, count: labels.count + 1)
    let count = ksk_transfer_unresolved(
      variant, labels, labels.count, upper, lower, ratio, drift, largestDrift, &rows)
    rows.removeLast(rows.count - count)
    return rows
  }

  /// Sets row `i`'s bounds (it belongs to cluster `label`) from its squared distances under the
  /// current means, trusted to within `margin`.
  mutating func reset(_ i: Int, label: Int, own: Double, other: Double, margin: Double) {
    upper[i] = (own + margin).squareRoot() - drift[label]
    lower[i] = max(0, other - margin).squareRoot() + largestDrift
  }

  /// Marks row `i` as having changed cluster: its bounds must be set again before use.
  mutating func invalidate(_ i: Int) {
    upper[i] = .infinity
  }
}
