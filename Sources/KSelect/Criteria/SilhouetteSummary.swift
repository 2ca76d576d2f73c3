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
  /// `sampleSize` distinct points are drawn uniformly without replacement
  /// (`RandomSource.distinctIndices`); for each, s(i) is the exact silhouette width, with a(i)
  /// and b(i) computed against ALL n points (not just the sample, `sampledValues`), and the
  /// estimate is the mean of those s(i). It is unbiased for the exact mean, with the standard
  /// error of `sampleStandardError`. When `sampleSize` ≥ n the exact mean of `pointValues` is
  /// returned and `random` is not used.
  ///
  /// - Parameters:
  ///   - data: The points, one per row.
  ///   - labels: The cluster of every row, in `0..<clusterCount`.
  ///   - clusterCount: The number of clusters k.
  ///   - sampleSize: How many points to evaluate (at least 1).
  ///   - random: The source of the sample.
  ///   - parallelism: The threads that evaluate the sampled points; the result does not depend
  ///     on it.
  /// - Returns: The estimated mean silhouette width, or `nil` when it is undefined (k < 2).
  /// - Complexity: O(sampleSize · n · d) time, O(n d) memory (a centred copy of the data).
  public static func sampledMean(
    _ data: Dataset, labels: [Int], clusterCount: Int, sampleSize: Int, using random: RandomSource,
    parallelism: Parallelism = .allCores
  ) -> Double? {
    precondition(labels.count == data.rowCount, "one label per row")
    precondition(sampleSize >= 1, "the sample needs at least one point")
    guard clusterCount >= 2, data.rowCount > 0 else { return nil }
    guard sampleSize < data.rowCount else {
      return mean(pointValues(data, labels: labels, clusterCount: clusterCount, parallelism: parallelism))
    }
    let rows = random.distinctIndices(sampleSize, below: data.rowCount)
    let values = sampledValues(
      PreparedData(data), rows: rows, labelings: [labels], clusterCounts: [clusterCount], parallelism: parallelism)
    return mean(values[0])
  }

  /// The standard error of the mean of `values`, the s(i) of a uniform sample drawn without
  /// replacement from `populationSize` points: √((1 − s/N) · S² / s), S² the sample variance
  /// (divisor s − 1) and 1 − s/N the finite-population correction (0 when the sample is every
  /// point).
  /// - Returns: `nil` for fewer than 2 values.
  /// - Complexity: O(s).
  public static func sampleStandardError(_ values: [Double], populationSize: Int) -> Double? {
    let s = values.count
    guard s >= 2 else { return nil }
    precondition(populationSize >= s, "a sample without replacement is at most its population")
    let mean = values.reduce(0, +) / Double(s)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(s - 1)
    let correction = 1 - Double(s) / Double(populationSize)
    return (correction * variance / Double(s)).squareRoot()
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

  static var columns: [String] { ["silhouette", "silhouette_se"] }

  /// The mean from the sweep's one silhouette pass (exact, or estimated on a sample).
  static func score(at index: Int, in evidence: SweepEvidence) -> Double? { evidence.meanSilhouettes[index] }

  /// The mean and its standard error (0 when exact).
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] {
    [evidence.meanSilhouettes[index], evidence.silhouetteStandardErrors[index]]
  }
}

extension KMetrics {
  /// The mean silhouette width (`nil` at k = 1).
  public var silhouette: Double? { self["silhouette"] }
  /// The standard error of the mean silhouette width: 0 when exact, the sample's when
  /// estimated on a sample (`nil` at k = 1).
  public var silhouetteSE: Double? { self["silhouette_se"] }
}
