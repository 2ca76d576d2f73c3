/// The Calinski–Harabasz index (variance ratio criterion), as scikit-learn's
/// `calinski_harabasz_score` defines it.
///
/// With n points, k clusters C_r of sizes n_r and centroids μ_r, and the overall mean μ:
/// CH = [B_k / (k − 1)] / [W_k / (n − k)], where B_k = Σ_r n_r ‖μ_r − μ‖² is the between-cluster
/// and W_k = Σ_r Σ_{i∈C_r} ‖x_i − μ_r‖² the within-cluster sum of squares. Larger is better.
///
/// Citation: T. Caliński and J. Harabasz (1974), "A dendrite method for cluster analysis",
/// Communications in Statistics 3(1), 1–27.
public enum CalinskiHarabasz {
  /// The Calinski–Harabasz index of a partition.
  ///
  /// As in scikit-learn, k is the number of clusters that actually hold points (a label in
  /// `0..<clusterCount` that no point carries does not count), and:
  /// - the index is undefined, and `nil` is returned, unless 2 ≤ k ≤ n − 1 (scikit-learn raises
  ///   an error there: k = 1 has no between-cluster spread, k = n no within-cluster spread);
  /// - when W_k = 0 (every cluster is a set of identical points) the index is returned as 1.0,
  ///   scikit-learn's convention for the otherwise infinite ratio.
  ///
  /// - Parameters:
  ///   - data: The points, one per row.
  ///   - labels: The cluster of every row, in `0..<clusterCount`.
  ///   - k: The number of clusters of the partition (labels range over `0..<k`).
  /// - Returns: The index, or `nil` when it is undefined (see above).
  /// - Complexity: O(n d).
  public static func score(_ data: Dataset, labels: [Int], clusterCount k: Int) -> Double? {
    precondition(labels.count == data.rowCount, "one label per row")
    guard k >= 2 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    let stats = ClusterMoments(data, labels: labels, clusterCount: k)
    let present = stats.sizes.filter { $0 > 0 }.count
    guard present >= 2, present < n else { return nil }
    let mean = data.columnMeans()
    var between = 0.0
    for r in 0..<k where stats.sizes[r] > 0 {
      between += Double(stats.sizes[r]) * squaredDistance(stats.centroids, r * d, mean, 0, d)
    }
    let within = stats.withinSumOfSquares(data, labels: labels)
    guard within != 0 else { return 1.0 }
    return between * Double(n - present) / (within * Double(present - 1))
  }
}

extension Criterion {
  /// The Calinski–Harabasz index.
  public static let calinskiHarabasz = Criterion(rawValue: "calinski_harabasz")
}

extension CalinskiHarabasz: LabelIndex {
  static var criterion: Criterion { .calinskiHarabasz }
  static var indexName: String { "Calinski–Harabasz index" }
  static var summaryHeader: String { "CH" }
  static var largerIsBetter: Bool { true }
}

extension KMetrics {
  /// The Calinski–Harabasz index (`nil` at k = 1).
  public var calinskiHarabasz: Double? { self["calinski_harabasz"] }
}
