/// The partition-quality criteria of a sweep: mean silhouette (exact, or sampled when asked),
/// Calinski–Harabasz and Davies–Bouldin, for every k, from the sweep's own fits.
struct QualityScores {
  /// The mean silhouette per k (`nil` at k = 1).
  var meanSilhouettes: [Double?]
  /// s(i) per k, when computed exactly (`nil` at k = 1 or when sampled).
  var pointSilhouettes: [[Double]?]
  /// The Calinski–Harabasz index per k.
  var calinskiHarabasz: [Double?]
  /// The Davies–Bouldin index per k.
  var daviesBouldin: [Double?]
  /// The silhouette sample size, when the means were estimated on a sample.
  var sampleSize: Int?

  /// The stream tag of the silhouette sample's randomness.
  static let streamTag: UInt64 = 0x7369_6C68

  /// Computes every score for every fit. The exact silhouettes of all k come from one pass over
  /// the pairs of points, on all threads; its progress is reported in as many steps as there are
  /// fits.
  static func compute(_ data: Dataset, fits: [KMeansResult], options: SweepOptions) -> QualityScores {
    let sampled = options.silhouetteSample.flatMap { $0 < data.rowCount ? $0 : nil }
    var scores = QualityScores(
      meanSilhouettes: [], pointSilhouettes: [], calinskiHarabasz: [], daviesBouldin: [], sampleSize: sampled)
    let report: (Int) -> Void = { options.progress?(SweepProgress(stage: .criteria, done: $0, total: fits.count)) }
    if sampled == nil {
      scores.pointSilhouettes = Silhouette.pointValues(
        data, labelings: fits.map(\.labels), clusterCounts: fits.map(\.clusterCount),
        parallelism: options.fit.parallelism, steps: fits.count, afterStep: report)
      scores.meanSilhouettes = scores.pointSilhouettes.map(Silhouette.mean)
    }
    for (index, fit) in fits.enumerated() {
      let k = fit.clusterCount
      if let sampled {
        let random = RandomSource(seed: options.fit.seed, stream: [streamTag, UInt64(k)])
        scores.meanSilhouettes.append(
          Silhouette.sampledMean(data, labels: fit.labels, clusterCount: k, sampleSize: sampled, using: random))
        scores.pointSilhouettes.append(nil)
        report(index + 1)
      }
      scores.calinskiHarabasz.append(CalinskiHarabasz.score(data, labels: fit.labels, clusterCount: k))
      scores.daviesBouldin.append(DaviesBouldin.score(data, labels: fit.labels, clusterCount: k))
    }
    return scores
  }
}
