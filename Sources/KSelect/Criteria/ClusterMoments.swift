/// Cluster sizes and centroids of a partition, shared by the centroid-based criteria.
struct ClusterMoments {
  /// n_r for every cluster r in `0..<k`.
  let sizes: [Int]
  /// μ_r, row-major k × d (zero for an empty cluster).
  let centroids: [Double]
  /// d, the number of features.
  let dimension: Int

  /// Computes sizes and centroids (the mean of each cluster's points).
  /// - Complexity: O(n d).
  init(_ data: Dataset, labels: [Int], clusterCount k: Int) {
    let d = data.columnCount
    var sizes = [Int](repeating: 0, count: k)
    var sums = [Double](repeating: 0, count: k * d)
    for i in 0..<data.rowCount {
      let r = labels[i]
      precondition(r >= 0 && r < k, "label \(r) is outside 0..<\(k)")
      sizes[r] += 1
      for j in 0..<d { sums[r * d + j] += data.values[i * d + j] }
    }
    for r in 0..<k where sizes[r] > 0 {
      for j in 0..<d { sums[r * d + j] /= Double(sizes[r]) }
    }
    self.sizes = sizes
    self.centroids = sums
    self.dimension = d
  }

  /// ‖x_i − μ_{label(i)}‖² for row i.
  func squaredDistanceToCentroid(_ data: Dataset, row i: Int, label r: Int) -> Double {
    squaredDistance(data.values, i * dimension, centroids, r * dimension, dimension)
  }

  /// W_k = Σ_i ‖x_i − μ_{label(i)}‖².
  func withinSumOfSquares(_ data: Dataset, labels: [Int]) -> Double {
    var sum = 0.0
    for i in 0..<data.rowCount { sum += squaredDistanceToCentroid(data, row: i, label: labels[i]) }
    return sum
  }
}
