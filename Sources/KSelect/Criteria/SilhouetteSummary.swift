extension Silhouette {
  /// The mean silhouette width of every cluster.
  ///
  /// - Parameters:
  ///   - values: s(i) for every point, as `pointValues` returns them.
  ///   - labels: The cluster of every point, in `0..<clusterCount`.
  ///   - clusterCount: The number of clusters k.
  /// - Returns: k means, in cluster order; an empty cluster's mean is undefined and given as NaN.
  /// - Complexity: O(n + k).
  public static func clusterMeans(_ values: [Double], labels: [Int], clusterCount: Int) -> [Double] {
    precondition(values.count == labels.count, "one silhouette width per label")
    var sums = [Double](repeating: 0, count: clusterCount)
    var counts = [Int](repeating: 0, count: clusterCount)
    for (value, label) in zip(values, labels) {
      sums[label] += value
      counts[label] += 1
    }
    return (0..<clusterCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
  }

  /// An estimate of the mean silhouette width from a uniform random sample of the points.
  ///
  /// `sampleSize` distinct points are drawn uniformly without replacement; for each, s(i) is the
  /// exact silhouette width, with a(i) and b(i) computed against ALL n points (not just the
  /// sample), and the estimate is the mean of those s(i). It is unbiased for the exact mean and
  /// costs O(sampleSize · n · d) instead of O(n² d). When `sampleSize` ≥ n the exact mean of
  /// `pointValues` is returned and `random` is not used.
  ///
  /// - Parameters:
  ///   - data: The points, one per row.
  ///   - labels: The cluster of every row, in `0..<clusterCount`.
  ///   - clusterCount: The number of clusters k.
  ///   - sampleSize: How many points to evaluate (at least 1).
  ///   - random: The source of the sample (partial Fisher–Yates with `uniformInt(below:)`).
  ///   - parallelism: The threads that evaluate the sampled points; the result does not depend
  ///     on it.
  /// - Returns: The estimated mean silhouette width, or `nil` when it is undefined (k < 2).
  /// - Complexity: O(sampleSize · n · d) time, O(n + k) memory.
  public static func sampledMean(
    _ data: Dataset, labels: [Int], clusterCount: Int, sampleSize: Int, using random: RandomSource,
    parallelism: Parallelism = .allCores
  ) -> Double? {
    precondition(labels.count == data.rowCount, "one label per row")
    precondition(sampleSize >= 1, "the sample needs at least one point")
    let k = clusterCount
    guard k >= 2, data.rowCount > 0 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    guard sampleSize < n else {
      return mean(pointValues(data, labels: labels, clusterCount: k, parallelism: parallelism))
    }
    var order = Array(0..<n)
    for slot in 0..<sampleSize { order.swapAt(slot, slot + random.uniformInt(below: n - slot)) }
    let chosen = Array(order[0..<sampleSize])
    var counts = [Int](repeating: 0, count: k)
    for label in labels { counts[label] += 1 }
    let sizes = counts
    let blocks = (chosen.count + blockRows - 1) / blockRows
    let perBlock: [[Double]] = data.values.withUnsafeBufferPointer { xs in
      labels.withUnsafeBufferPointer { ls in
        chosen.withUnsafeBufferPointer { cs in
          let x = SharedReads(base: xs.baseAddress!)
          let l = SharedReads(base: ls.baseAddress!)
          let c = SharedReads(base: cs.baseAddress!)
          let count = cs.count
          return parallelism.map(blocks) { block in
            var sums = [Double](repeating: 0, count: k)
            var out = [Double]()
            for slot in (block * blockRows)..<min(count, (block + 1) * blockRows) {
              let i = c.base[slot]
              for r in 0..<k { sums[r] = 0 }
              let xi = x.base + i * d
              for other in 0..<n {
                sums[l.base[other]] += squaredDistance(xi, x.base + other * d, d).squareRoot()
              }
              out.append(width(sums: sums, sizes: sizes, own: l.base[i]))
            }
            return out
          }
        }
      }
    }
    let widths = perBlock.flatMap { $0 }
    return widths.reduce(0, +) / Double(widths.count)
  }
}

extension Criterion {
  /// The mean silhouette width.
  public static let silhouette = Criterion(rawValue: "silhouette")
}

extension Silhouette: PartitionIndex {
  static var criterion: Criterion { .silhouette }
  static var indexName: String { "mean silhouette" }
  static var summaryHeader: String { "silhouette" }
  static var largerIsBetter: Bool { true }

  /// The mean from the sweep's one silhouette pass (exact, or estimated on a sample).
  static func score(at index: Int, in evidence: SweepEvidence) -> Double? { evidence.meanSilhouettes[index] }
}

extension KMetrics {
  /// The mean silhouette width (`nil` at k = 1).
  public var silhouette: Double? { self["silhouette"] }
}
