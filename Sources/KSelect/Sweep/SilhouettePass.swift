/// The sweep's silhouettes: s(i) of every point at every k from one pass over the pairs of
/// points, or, with a sample size below n, the mean silhouettes estimated on a sample. The
/// silhouette criterion reads the means; the report reads the point values (at the recommended
/// k, and at every k for `k=<k>/assignments.csv`).
struct SilhouettePass {
  /// The mean silhouette per k (`nil` at k = 1).
  var meanSilhouettes: [Double?]
  /// s(i) per k, when computed exactly (`nil` at k = 1 or when sampled).
  var pointSilhouettes: [[Double]?]
  /// The silhouette sample size, when the means were estimated on a sample.
  var sampleSize: Int?

  /// The stream tag of the silhouette sample's randomness.
  static let streamTag: UInt64 = 0x7369_6C68

  /// The silhouettes of every fit, on all threads; progress is reported in as many steps as
  /// there are fits.
  static func compute(_ data: Dataset, prepared: PreparedData, fits: [KMeansResult], options: SweepOptions) -> Self {
    let sampled = options.silhouetteSample.flatMap { $0 < data.rowCount ? $0 : nil }
    let report: (Int) -> Void = { options.progress?(SweepProgress(stage: .criteria, done: $0, total: fits.count)) }
    guard let sampled else {
      let values = Silhouette.pointValues(
        prepared, labelings: fits.map(\.labels), clusterCounts: fits.map(\.clusterCount),
        parallelism: options.fit.parallelism, steps: fits.count, afterStep: report)
      return SilhouettePass(meanSilhouettes: values.map(Silhouette.mean), pointSilhouettes: values, sampleSize: nil)
    }
    var means = [Double?]()
    for (index, fit) in fits.enumerated() {
      let k = fit.clusterCount
      let random = RandomSource(seed: options.fit.seed, stream: [streamTag, UInt64(k)])
      means.append(
        Silhouette.sampledMean(data, labels: fit.labels, clusterCount: k, sampleSize: sampled, using: random))
      report(index + 1)
    }
    return SilhouettePass(
      meanSilhouettes: means, pointSilhouettes: fits.map { _ in nil }, sampleSize: sampled)
  }
}
