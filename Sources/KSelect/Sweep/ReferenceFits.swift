import Foundation

/// The gap statistic's reference side: B reference data sets drawn with GSL, each clustered
/// for every k with the settings of `SweepOptions.referencePlan(rowCount:)`, spread over the
/// threads.
///
/// References of m < n points (the default above `SweepOptions.defaultReferenceSize` rows) are
/// also fitted on their first ⌊m/2⌋ points and moved to n by `ReferenceCorrection`. The
/// structure test then compares like with like: the references' own curves at m points against
/// a random subsample of m of the data's rows, fitted alike (under "no structure" the data's rows
/// are draws from the references' distribution, so the subsample is exchangeable with them).
struct ReferenceFits {
  /// W*_kb for every k and replicate, ordered by k then replicate (moved to n when capped).
  let fits: [ReferenceFit]
  /// W*_kb per k of the sweep at the data's size (empty when there are no references).
  let referenceWCSS: [[Double]]
  /// The Monte Carlo variance of l̄_k per k when the references are capped (`nil`: the exact
  /// references' sd_k²/B).
  let meanVariance: [Double?]
  /// The curves of the structure test when the references are capped (`nil`: the data's and
  /// the references' own).
  let structureSample: StructureSample?
  /// The settings the references were fitted with.
  let plan: ReferencePlan

  /// The structure test's curves at the references' size m.
  struct StructureSample {
    /// ln W_k of m of the data's rows, fitted as the references are (`nil` where W_k = 0).
    let logW: [Double?]
    /// ln W*_kb of the references at m points, per k.
    let referenceLogW: [[Double]]
  }

  /// The stream tag that keeps reference randomness apart from the data fits'.
  static let streamTag: UInt64 = 0x7265_6665_7265_6E63
  /// The stream tag of the structure test's data subsample.
  static let structureStreamTag: UInt64 = 0x7374_7275_6374

  /// Draws and fits the references. Reference b uses random stream (tag, b) for sampling and
  /// (tag, b) followed by `Seeder.stream` for its fits' seedings (its nested half, (tag, b, 1)),
  /// so results do not depend on which thread ran it; its k-means++ centres are shared between
  /// the k that draw them alike. The sampler's principal axes come from `prepared`, the data's
  /// centred rows.
  /// - Complexity: B · (m + m/2) points fitted for every k with the plan's restarts, plus m of
  ///   the data's when capped.
  static func compute(_ data: Dataset, prepared: PreparedData, ks: [Int], options: SweepOptions) throws -> ReferenceFits
  {
    let count = options.references
    let plan = options.referencePlan(rowCount: data.rowCount)
    guard count > 0 else {
      return ReferenceFits(
        fits: [], referenceWCSS: ks.map { _ in [] }, meanVariance: ks.map { _ in nil }, structureSample: nil,
        plan: plan)
    }
    let sampler = try ReferenceSampler(data, prepared: prepared, space: options.referenceSpace)
    let done = ProgressCounter()
    var serial = options.referenceFit(plan)
    serial.parallelism = .serial
    let serialFit = serial
    let perReference: [(full: [Double], half: [Double]?)] = try options.fit.parallelism.tryMap(count) { b in
      let random = RandomSource(seed: options.fit.seed, stream: [streamTag, UInt64(b)])
      let reference = sampler.sample(rowCount: plan.size, using: random)
      let prefixes = Seeder.Prefixes(ks: ks, restarts: serialFit.restarts)
      let prepared = PreparedData(reference)
      let full = try ks.map { k in
        try KMeans.fit(
          prepared, clusterCount: k, options: serialFit, stream: [streamTag, UInt64(b)], prefixes: prefixes
        )
        .wcss
      }
      var half: [Double]? = nil
      if let h = plan.halfSize {
        let nested = PreparedData(reference.selectingRows(Array(0..<h)))
        let nestedPrefixes = Seeder.Prefixes(ks: ks, restarts: serialFit.restarts)
        half = try ks.map { k in
          try KMeans.fit(
            nested, clusterCount: k, options: serialFit, stream: [streamTag, UInt64(b), 1], prefixes: nestedPrefixes
          ).wcss
        }
      }
      options.progress?(SweepProgress(stage: .references, done: done.increment(), total: count))
      return (full, half)
    }
    var fits = [ReferenceFit]()
    var byK = [[Double]]()
    var variances = [Double?]()
    for index in ks.indices {
      let column = perReference.map { $0.full[index] }
      var moved = column
      var variance: Double? = nil
      if plan.isCapped {
        let halves = plan.halfSize.map { _ in perReference.map { $0.half![index] } }
        let result = ReferenceCorrection.move(
          wcss: column, size: plan.size, half: halves, halfSize: plan.halfSize ?? plan.size, to: plan.rowCount)
        moved = result.wcss
        variance = result.meanVariance
      }
      for (b, w) in moved.enumerated() {
        fits.append(ReferenceFit(k: ks[index], replicate: b + 1, wcss: w, logWCSS: log(w)))
      }
      byK.append(moved)
      variances.append(variance)
    }
    var structureSample: StructureSample? = nil
    if plan.isCapped, ks.first == 1 {
      let random = RandomSource(seed: options.fit.seed, stream: [structureStreamTag])
      let rows = random.distinctIndices(plan.size, below: data.rowCount).sorted()
      let subsample = PreparedData(data.selectingRows(rows))
      let sampleFits = try SweepFits(
        subsample, ks: ks, options: options.referenceFit(plan), stream: [structureStreamTag])
      structureSample = StructureSample(
        logW: sampleFits.fits.map { subsample.isEffectivelyZero($0.wcss) ? nil : log($0.wcss) },
        referenceLogW: ks.indices.map { index in perReference.map { log($0.full[index]) } })
    }
    return ReferenceFits(
      fits: fits, referenceWCSS: byK, meanVariance: variances, structureSample: structureSample, plan: plan)
  }
}

/// A thread-safe counter for progress reports.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// Adds one and returns the new value.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
