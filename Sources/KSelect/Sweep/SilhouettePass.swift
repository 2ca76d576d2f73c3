/// The sweep's silhouettes: s(i) of every point at every k from one pass over the pairs of
/// points, or, with a sample (`SweepOptions.silhouetteSampleSize(rowCount:)`), s(i) of the same
/// sampled points at every k, each exact against all n points, from one pass over the sample's
/// pairs with every point. The silhouette criterion reads the means and their standard errors;
/// the report reads the point values (at the recommended k, and at every k for
/// `k=<k>/assignments.csv`) or the sample's.
struct SilhouettePass {
  /// The mean silhouette per k (`nil` at k = 1).
  var meanSilhouettes: [Double?]
  /// The standard error of each mean: 0 when exact, `Silhouette.sampleStandardError` when
  /// sampled (`nil` at k = 1).
  var standardErrors: [Double?]
  /// s(i) per k, when computed exactly (`nil` at k = 1 or when sampled).
  var pointSilhouettes: [[Double]?]
  /// The sampled points and their s(i), when the means were estimated on a sample.
  var sample: SilhouetteSample?

  /// The stream tag of the silhouette sample's randomness.
  static let streamTag: UInt64 = 0x7369_6C68

  /// The silhouettes of every fit, on all threads; progress is reported in as many steps as
  /// there are fits. One sample serves every k, so differences between k's means are not
  /// blurred by different draws.
  /// - Complexity: O(n² (d + L)) exact, O(s n (d + L)) with a sample of s points, for L fits.
  static func compute(_ prepared: PreparedData, fits: [KMeansResult], options: SweepOptions) -> Self {
    let n = prepared.rowCount
    let report: (Int) -> Void = { options.progress?(SweepProgress(stage: .criteria, done: $0, total: fits.count)) }
    guard let size = options.silhouetteSampleSize(rowCount: n) else {
      let values = Silhouette.pointValues(
        prepared, labelings: fits.map(\.labels), clusterCounts: fits.map(\.clusterCount),
        parallelism: options.fit.parallelism, steps: fits.count, afterStep: report)
      return SilhouettePass(
        meanSilhouettes: values.map(Silhouette.mean), standardErrors: values.map { $0 == nil ? nil : 0 },
        pointSilhouettes: values, sample: nil)
    }
    let random = RandomSource(seed: options.fit.seed, stream: [streamTag])
    let rows = random.distinctIndices(size, below: n).sorted()
    let values = Silhouette.sampledValues(
      prepared, rows: rows, labelings: fits.map(\.labels), clusterCounts: fits.map(\.clusterCount),
      parallelism: options.fit.parallelism, steps: fits.count, afterStep: report)
    let sample = SilhouetteSample(rows: rows, rowCount: n, valuesByK: values)
    return SilhouettePass(
      meanSilhouettes: values.map(Silhouette.mean),
      standardErrors: values.map { $0.flatMap { Silhouette.sampleStandardError($0, populationSize: n) } },
      pointSilhouettes: fits.map { _ in nil }, sample: sample)
  }
}

/// The points the mean silhouettes were estimated on, and their s(i) at every k.
public struct SilhouetteSample: Sendable, Equatable {
  /// The sampled rows (0-based, in the clustering's data), increasing: a uniform sample without
  /// replacement.
  public var rows: [Int]
  /// n, the rows of the data the sample was drawn from.
  public var rowCount: Int
  /// s(i) of every sampled row, in the order of `rows`, at every k of the sweep (`nil` at k = 1).
  public var valuesByK: [[Double]?]

  /// The sample's size.
  public var size: Int { rows.count }
}
