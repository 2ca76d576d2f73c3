import KSelect

extension Silhouette {
  /// The naive reference: s(i) from direct distances, one point at a time, against which the
  /// blocked silhouettes are checked; `nil` for fewer than 2 clusters.
  /// - Complexity: O(n² d).
  package static func naivePointValues(_ data: Dataset, labels: [Int], clusterCount k: Int) -> [Double]? {
    guard k >= 2 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    var sizes = [Int](repeating: 0, count: k)
    for label in labels { sizes[label] += 1 }
    return data.values.withUnsafeBufferPointer { xs in
      (0..<n).map { i in
        var sums = [Double](repeating: 0, count: k)
        for other in 0..<n {
          sums[labels[other]] += squaredDistance(xs.baseAddress! + i * d, xs.baseAddress! + other * d, d).squareRoot()
        }
        return width(sums: sums, sizes: sizes, own: labels[i])
      }
    }
  }
}
