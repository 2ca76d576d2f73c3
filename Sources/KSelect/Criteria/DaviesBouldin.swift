/// The Davies–Bouldin index, as scikit-learn's `davies_bouldin_score` defines it.
///
/// With k clusters C_r, centroids μ_r and s_r the mean Euclidean distance of C_r's points to
/// μ_r: DB = (1/k) Σ_r max_{q≠r} (s_r + s_q) / ‖μ_r − μ_q‖. Smaller is better; 0 is the minimum.
///
/// Citation: D. L. Davies and D. W. Bouldin (1979), "A cluster separation measure", IEEE
/// Transactions on Pattern Analysis and Machine Intelligence PAMI-1(2), 224–227.
public enum DaviesBouldin {
  /// Below this, scikit-learn treats a distance as zero (`isclose(·, 0)` with `atol = 1e-8`).
  static let zeroTolerance = 1e-8

  /// The Davies–Bouldin index of a partition.
  ///
  /// As in scikit-learn, k is the number of clusters that actually hold points, and:
  /// - the index is `nil` unless 2 ≤ k ≤ n − 1 (scikit-learn raises an error there);
  /// - it is 0 when every s_r, or every centroid distance, is within 1e-8 of zero;
  /// - a pair of clusters whose centroids coincide exactly (‖μ_r − μ_q‖ = 0) contributes 0 to
  ///   the maximum instead of an infinite ratio (scikit-learn sets those distances to ∞).
  ///
  /// - Parameters:
  ///   - data: The points, one per row.
  ///   - labels: The cluster of every row, in `0..<clusterCount`.
  ///   - k: The number of clusters of the partition (labels range over `0..<k`).
  /// - Returns: The index, or `nil` when it is undefined (see above).
  /// - Complexity: O(n d + k² d).
  public static func score(_ data: Dataset, labels: [Int], clusterCount k: Int) -> Double? {
    precondition(labels.count == data.rowCount, "one label per row")
    guard k >= 2 else { return nil }
    let d = data.columnCount
    let moments = ClusterMoments(data, labels: labels, clusterCount: k)
    let clusters = (0..<k).filter { moments.sizes[$0] > 0 }
    guard clusters.count >= 2, clusters.count < data.rowCount else { return nil }

    var spread = [Double](repeating: 0, count: k)
    for i in 0..<data.rowCount {
      spread[labels[i]] += moments.squaredDistanceToCentroid(data, row: i, label: labels[i]).squareRoot()
    }
    for r in clusters { spread[r] /= Double(moments.sizes[r]) }

    func centroidDistance(_ r: Int, _ q: Int) -> Double {
      squaredDistance(moments.centroids, r * d, moments.centroids, q * d, d).squareRoot()
    }
    let allTight = clusters.allSatisfy { abs(spread[$0]) <= zeroTolerance }
    let allTogether = clusters.allSatisfy { r in
      clusters.allSatisfy { q in centroidDistance(r, q) <= zeroTolerance }
    }
    if allTight || allTogether { return 0 }

    var total = 0.0
    for r in clusters {
      var worst = 0.0
      for q in clusters where q != r {
        let distance = centroidDistance(r, q)
        guard distance != 0 else { continue }
        worst = max(worst, (spread[r] + spread[q]) / distance)
      }
      total += worst
    }
    return total / Double(clusters.count)
  }
}

extension Criterion {
  /// The Davies–Bouldin index.
  public static let daviesBouldin = Criterion(rawValue: "davies_bouldin")
}

extension DaviesBouldin: LabelIndex {
  static var criterion: Criterion { .daviesBouldin }
  static var indexName: String { "Davies–Bouldin index" }
  static var summaryHeader: String { "DB" }
  static var largerIsBetter: Bool { false }
}

extension KMetrics {
  /// The Davies–Bouldin index (`nil` at k = 1).
  public var daviesBouldin: Double? { self["davies_bouldin"] }
}
