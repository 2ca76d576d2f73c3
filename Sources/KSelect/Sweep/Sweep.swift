import Foundation

/// The k sweep: one best-of-restarts k-means fit per k, shared by every criterion, plus the
/// gap statistic's reference fits; then every criterion's recommendation, the structure verdict
/// and the decision (`DecisionRule`), and the decision repeated on subsamples (`Resampling`).
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
        ParameterError(.kMin, .atMostDistinctPoints(distinct), got: .integer(options.kMin)))
    }
    if distinct < requested.kMax {
      notes.append("k_max lowered from \(requested.kMax) to \(distinct), the number of distinct points")
      options.kMax = distinct
    }
    let ks = Array(options.kMin...options.kMax)
    var timings = SweepTimings()

    let fitsStart = ContinuousClock.now
    let progress = options.progress
    let sweepFits = try SweepFits(prepared, ks: ks, options: options.fit, stream: []) { done, total in
      progress?(SweepProgress(stage: .fits, done: done, total: total))
    }
    timings.sweep = fitsStart.secondsElapsed
    let fits = sweepFits.fits

    let referencesStart = ContinuousClock.now
    let references = try ReferenceFits.compute(data, prepared: prepared, ks: ks, options: options)
    timings.references = referencesStart.secondsElapsed

    let stabilityStart = ContinuousClock.now
    let stability = StabilityPass.compute(prepared, ks: ks, options: options)
    timings.stability = stabilityStart.secondsElapsed

    let criteriaStart = ContinuousClock.now
    options.progress?(SweepProgress(stage: .criteria, done: 0, total: ks.count))
    let silhouettes = SilhouettePass.compute(prepared, fits: fits, options: options)
    let evidence = SweepEvidence(
      data: data, prepared: prepared, options: options, ks: ks, fits: fits, previousWCSS: sweepFits.previousWCSS,
      referenceWCSS: references.referenceWCSS, referenceMeanVariance: references.meanVariance,
      meanSilhouettes: silhouettes.meanSilhouettes, silhouetteStandardErrors: silhouettes.standardErrors,
      stability: stability)
    let metrics = Self.metrics(evidence, totalWCSS: sweepFits.totalWCSS)
    timings.silhouette = criteriaStart.secondsElapsed
    var recommendations = Recommendations.make(metrics: metrics, options: options)
    if prepared.squaresUnderflow {
      recommendations = recommendations.map {
        Recommendations.undecided($0.criterion, magnitude: prepared, naming: options.naming)
      }
      notes.append(
        "no criterion can decide: in the data's own units their squared distances underflow double precision "
          + "(W_k at k = \(ks.last!) is \(fits.last!.wcss)); rerun with \(options.naming.name(.scaling)) zscore")
    }
    let consensus = Recommendations.consensus(recommendations)

    let hopkinsStart = ContinuousClock.now
    let hopkins = data.rowCount >= 3 ? hopkinsTest(data, options: options) : nil
    timings.hopkins = hopkinsStart.secondsElapsed
    let (structure, decision) = DecisionRule.decide(
      DecisionRule.Evidence(
        metrics: metrics, referenceWCSS: references.referenceWCSS, options: options,
        meanVariance: references.meanVariance, structureSample: references.structureSample),
      hopkins: hopkins)

    let resamplingStart = ContinuousClock.now
    let frequencies = try Resampling.frequencies(
      data, ks: ks, referenceWCSS: references.referenceWCSS, referenceMeanVariance: references.meanVariance,
      full: recommendations, options: options)
    timings.resampling = resamplingStart.secondsElapsed
    if let frequencies, frequencies.subsampleSize < Resampling.fourFifths(of: data.rowCount) {
      notes.append(
        "the selection frequencies use subsamples of \(frequencies.subsampleSize) of \(data.rowCount) points "
          + "(at most \(Resampling.maximumSubsampleSize)): they show how stable the choice is at that size")
    }
    if let sample = silhouettes.sample {
      notes.append(
        "mean silhouettes estimated on a random sample of \(sample.size) of \(data.rowCount) points "
          + "(each point's s(i) exact, against every point; standard errors in silhouette_se)")
    }
    timings.total = start.secondsElapsed
    return SweepResult(
      options: options, ks: ks, fits: fits, metrics: metrics, references: references.fits,
      referencePlan: references.plan,
      recommendations: recommendations, consensus: consensus, structure: structure, decision: decision,
      selectionFrequencies: frequencies,
      pointSilhouettesByK: silhouettes.pointSilhouettes, silhouetteSample: silhouettes.sample,
      notes: notes, timings: timings)
  }
}

extension Sweep {
  /// The metrics table: W_k, the explained variance 1 − W_k / W_1 (`totalWCSS` is W_1: the
  /// k = 1 fit when the sweep has it, so that k = 1 explains exactly 0, else T) and every
  /// criterion's values at every k.
  static func metrics(_ evidence: SweepEvidence, totalWCSS: Double) -> [KMetrics] {
    evidence.fits.indices.map { index in
      let fit = evidence.fits[index]
      var values = [String: Double]()
      for criterion in SweepCriteria.all {
        for (column, value) in zip(criterion.columns, criterion.values(at: index, in: evidence)) {
          values[column] = value
        }
      }
      return KMetrics(
        k: evidence.ks[index], wcss: fit.wcss, explainedVariance: totalWCSS > 0 ? 1 - fit.wcss / totalWCSS : 0,
        values: values, iterations: fit.iterations, converged: fit.converged)
    }
  }
}

extension Sweep {
  /// The Hopkins statistic of the data with its default sample size, on its own random stream.
  static func hopkinsTest(_ data: Dataset, options: SweepOptions) -> HopkinsResult {
    Hopkins.test(
      data, sampleSize: Hopkins.defaultSampleSize(rowCount: data.rowCount),
      using: RandomSource(seed: options.fit.seed, stream: [Hopkins.streamTag]), parallelism: options.fit.parallelism)
  }
}

extension ContinuousClock.Instant {
  /// Seconds since this instant.
  var secondsElapsed: Double {
    let elapsed = ContinuousClock.now - self
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}
