/// Points assigned to given centroids: what a fitted model says about new points.
///
/// Squared distances are summed feature by feature in the features' order, directly from the
/// differences, so that the same points and centroids give the same bits wherever they are
/// computed (the report's `assignments.csv` and `kselect assign` both use this).
public enum NearestCentroids {
  /// The nearest of `clusterCount` centroids (row-major, `data.columnCount` per centroid) to
  /// every row of `data`, the lower index on ties, and the squared distance to it.
  /// - Complexity: O(n k d).
  public static func assign(
    _ data: Dataset, centroids: [Double], clusterCount k: Int
  ) -> (labels: [Int], squaredDistances: [Double]) {
    let d = data.columnCount
    precondition(k >= 1 && centroids.count == k * d, "k centroids of the data's dimension")
    var labels = [Int](repeating: 0, count: data.rowCount)
    var distances = [Double](repeating: 0, count: data.rowCount)
    for i in 0..<data.rowCount {
      var best = 0
      var bestDistance = Double.infinity
      for c in 0..<k {
        let distance = squaredDistance(data, row: i, centroids, c)
        if distance < bestDistance {
          best = c
          bestDistance = distance
        }
      }
      labels[i] = best
      distances[i] = bestDistance
    }
    return (labels, distances)
  }

  /// The squared distance of every row of `data` to the centroid its label names.
  /// - Complexity: O(n d).
  public static func squaredDistances(_ data: Dataset, centroids: [Double], labels: [Int]) -> [Double] {
    labels.enumerated().map { i, label in squaredDistance(data, row: i, centroids, label) }
  }

  private static func squaredDistance(_ data: Dataset, row i: Int, _ centroids: [Double], _ c: Int) -> Double {
    let d = data.columnCount
    var sum = 0.0
    for j in 0..<d {
      let delta = data.values[i * d + j] - centroids[c * d + j]
      sum += delta * delta
    }
    return sum
  }
}
