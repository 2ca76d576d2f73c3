import Foundation

/// The k sweep: one best-of-restarts k-means fit per k, shared by every criterion, plus the
/// gap statistic's reference fits, then every criterion's recommendation and the consensus.
public enum Sweep {
  /// Runs the sweep on `input.scaled`.
  /// - Throws: `KSelectError.invalidParameter` for options out of range or k_min above the
  ///   number of distinct points; `KSelectError.numerical` if a GSL routine fails.
  public static func run(_ input: ClusteringInput, options: SweepOptions) throws -> SweepResult {
    try run(input.scaled, options: options)
  }

  /// Runs the sweep on data already in the clustering's space.
  /// - Throws: as `run(_:options:)`.
  public static func run(_ data: Dataset, options requested: SweepOptions) throws -> SweepResult {
    try requested.validate()
    let start = ContinuousClock.now
    var options = requested
    var notes = [String]()
    // No k above n can be fitted: k_max is lowered to n before the estimate, and when that is
    // too much, to the number of distinct points (counted only then: it costs a sort).
    options.kMax = max(options.kMin, min(options.kMax, data.rowCount))
    let limit = options.memoryLimit ?? MemoryEstimate.physicalMemory
    do {
      try MemoryEstimate.check(
        rowCount: data.rowCount, columnCount: data.columnCount, options: options, limit: limit)
    } catch {
      let distinct = data.distinctRowCount()
      guard distinct < options.kMax else { throw error }
      options.kMax = max(options.kMin, distinct)
      try MemoryEstimate.check(
        rowCount: data.rowCount, columnCount: data.columnCount, options: options, limit: limit)
    }
    let prepared = PreparedData(data)
    let distinct = prepared.distinctRowCount(upTo: options.kMax)
    guard distinct >= options.kMin else {
      throw KSelectError.invalidParameter(
        "--k-min \(options.kMin) exceeds the number of distinct points (\(distinct))")
    }
    if distinct < requested.kMax {
      notes.append("k_max lowered from \(requested.kMax) to \(distinct), the number of distinct points")
      options.kMax = distinct
    }
    let ks = Array(options.kMin...options.kMax)
    // f(k_min) needs W at k_min − 1: fitted too, but not reported.
    let fitKs = options.kMin > 1 ? [options.kMin - 1] + ks : ks
    var timings = SweepTimings()

    let fitsStart = ContinuousClock.now
    var allFits = [KMeansResult]()
    let prefixes = Seeder.Prefixes(ks: fitKs, restarts: options.fit.restarts)
    for (index, k) in fitKs.enumerated() {
      var fitOptions = options.fit
      fitOptions.clusterCount = k
      allFits.append(try KMeans.fit(prepared, options: fitOptions, stream: [], prefixes: prefixes))
      options.progress?(SweepProgress(stage: .fits, done: index + 1, total: fitKs.count))
    }
    timings.sweep = fitsStart.secondsElapsed
    let previousWCSS: Double? = options.kMin > 1 ? allFits.first?.wcss : nil
    let fits = options.kMin > 1 ? Array(allFits.dropFirst()) : allFits

    let referencesStart = ContinuousClock.now
    let references = try ReferenceFits.compute(data, ks: ks, options: options)
    timings.references = referencesStart.secondsElapsed

    let criteriaStart = ContinuousClock.now
    options.progress?(SweepProgress(stage: .criteria, done: 0, total: ks.count))
    let quality = QualityScores.compute(data, fits: fits, options: options)
    timings.silhouette = criteriaStart.secondsElapsed

    // W_1: the k = 1 fit when the sweep has it (so that k = 1 explains exactly 0), else T.
    let totalWCSS = fitKs.first == 1 ? allFits[0].wcss : prepared.totalSumOfSquares
    var metrics = [KMetrics]()
    var previous = previousWCSS
    for (index, fit) in fits.enumerated() {
      let k = ks[index]
      let gap = prepared.isEffectivelyZero(fit.wcss) ? nil : references.summary(at: index, dataWCSS: fit.wcss)
      metrics.append(
        KMetrics(
          k: k, wcss: fit.wcss,
          explainedVariance: totalWCSS > 0 ? 1 - fit.wcss / totalWCSS : 0,
          logWCSS: prepared.isEffectivelyZero(fit.wcss) ? nil : log(fit.wcss),
          referenceLogWCSSMean: gap?.referenceLogWMean, gap: gap?.gap, gapSD: gap?.sd, gapSE: gap?.se,
          fk: PhamDimovNguyen.f(clusterCount: k, wcss: fit.wcss, previousWCSS: previous, dimension: data.columnCount),
          alpha: PhamDimovNguyen.alpha(clusterCount: k, dimension: data.columnCount),
          silhouette: quality.meanSilhouettes[index], calinskiHarabasz: quality.calinskiHarabasz[index],
          daviesBouldin: quality.daviesBouldin[index], iterations: fit.iterations, converged: fit.converged))
      previous = fit.wcss
    }
    var recommendations = Recommendations.make(metrics: metrics, options: options)
    if prepared.squaresUnderflow {
      recommendations = recommendations.map { Recommendations.undecided($0.criterion, magnitude: prepared) }
      notes.append(
        "no criterion can decide: in the data's own units their squared distances underflow double precision "
          + "(W_k at k = \(ks.last!) is \(fits.last!.wcss)); rerun with --scaling zscore")
    }
    let consensus = Recommendations.consensus(recommendations)
    let recommendedK = Recommendations.reportedK(consensus: consensus, kMin: options.kMin)
    let recommendedIndex = ks.firstIndex(of: recommendedK)!
    if recommendations.first(where: { $0.criterion == .gap })?.k == 1, consensus.k != 1 {
      notes.append(
        "the gap statistic, the one criterion here that tests against structureless reference data, picks k = 1: "
          + "the data may have no cluster structure (the silhouette, Calinski–Harabasz and Davies–Bouldin "
          + "cannot recommend k = 1)")
    }
    if let sample = quality.sampleSize {
      notes.append("mean silhouettes estimated on a random sample of \(sample) of \(data.rowCount) points")
    }
    timings.total = start.secondsElapsed
    return SweepResult(
      options: options, ks: ks, fits: fits, metrics: metrics, references: references.fits,
      recommendations: recommendations, consensus: consensus, recommendedK: recommendedK,
      pointSilhouettes: quality.pointSilhouettes[recommendedIndex], silhouetteSampleSize: quality.sampleSize,
      notes: notes, timings: timings)
  }
}

extension ContinuousClock.Instant {
  /// Seconds since this instant.
  var secondsElapsed: Double {
    let elapsed = ContinuousClock.now - self
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}
