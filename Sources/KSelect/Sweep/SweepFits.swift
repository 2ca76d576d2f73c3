/// The best-of-restarts fit for every k of a sweep, plus the fit at k_min − 1 that f(k_min)
/// needs: what the sweep and each of its subsamples fit alike.
struct SweepFits {
  /// The fit at every k of the sweep, in order.
  let fits: [KMeansResult]
  /// W at k_min − 1 (`nil` when k_min = 1 or the sweep has no k).
  let previousWCSS: Double?
  /// W_1: the k = 1 fit when the sweep has it (so that k = 1 explains exactly 0), else T.
  let totalWCSS: Double

  /// Fits `prepared` for every k of `ks` (and k_min − 1), the k-means++ centres shared between
  /// the k, on random stream `stream`; `afterEach(done, total)` follows every fit.
  /// - Throws: as `KMeans.fit(_:clusterCount:options:)`.
  init(
    _ prepared: PreparedData, ks: [Int], options: KMeansOptions, stream: [UInt64],
    afterEach: ((Int, Int) -> Void)? = nil
  ) throws {
    let fitKs = ks.first.map { $0 > 1 ? [$0 - 1] + ks : ks } ?? []
    let prefixes = Seeder.Prefixes(ks: fitKs, restarts: options.restarts)
    var all = [KMeansResult]()
    for (index, k) in fitKs.enumerated() {
      all.append(try KMeans.fit(prepared, clusterCount: k, options: options, stream: stream, prefixes: prefixes))
      afterEach?(index + 1, fitKs.count)
    }
    let hasPrevious = fitKs.count > ks.count
    fits = hasPrevious ? Array(all.dropFirst()) : all
    previousWCSS = hasPrevious ? all[0].wcss : nil
    totalWCSS = fitKs.first == 1 ? all[0].wcss : prepared.totalSumOfSquares
  }
}
