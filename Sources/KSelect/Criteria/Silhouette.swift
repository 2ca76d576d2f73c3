/// Silhouette widths (Rousseeuw 1987) with Euclidean distances, computed exactly in blocks.
///
/// For point i in cluster C: a(i) is the mean distance to the other points of C, b(i) the
/// smallest mean distance to the points of another cluster, s(i) = (b − a) / max(a, b), and
/// s(i) = 0 when C has one point. Memory is O(n + k) per block of points, never O(n²).
public enum Silhouette {
  /// Points per block of parallel work.
  static let blockRows = 256

  /// s(i) for every point, or `nil` when the silhouette is undefined (fewer than 2 clusters).
  /// - Complexity: O(n² d) time, O(n) memory.
  public static func pointValues(
    _ data: Dataset, labels: [Int], clusterCount k: Int, parallelism: Parallelism = .allCores
  ) -> [Double]? {
    guard k >= 2 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    var counts = [Int](repeating: 0, count: k)
    for label in labels { counts[label] += 1 }
    let sizes = counts
    let blocks = (n + blockRows - 1) / blockRows
    let perBlock: [[Double]] = data.values.withUnsafeBufferPointer { xs in
      labels.withUnsafeBufferPointer { ls in
        let x = SharedReads(base: xs.baseAddress!)
        let l = SharedReads(base: ls.baseAddress!)
        return parallelism.map(blocks) { block in
          var sums = [Double](repeating: 0, count: k)
          var out = [Double]()
          for i in (block * blockRows)..<min(n, (block + 1) * blockRows) {
            for r in 0..<k { sums[r] = 0 }
            let xi = x.base + i * d
            for other in 0..<n {
              sums[l.base[other]] += AssignmentKernel.squaredDistance(xi, x.base + other * d, d).squareRoot()
            }
            out.append(width(sums: sums, sizes: sizes, own: l.base[i]))
          }
          return out
        }
      }
    }
    return perBlock.flatMap { $0 }
  }

  /// s(i) from the sums of distances of point i to every cluster.
  static func width(sums: [Double], sizes: [Int], own: Int) -> Double {
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
