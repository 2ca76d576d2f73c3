/// Everything that defines a sweep over k besides the data.
public struct SweepOptions: Sendable {
  /// The smallest k of the sweep.
  public var kMin: Int
  /// The largest k of the sweep (capped by the number of distinct points).
  public var kMax: Int
  /// The k-means settings shared by every fit, on the data and on every reference data set.
  public var fit: KMeansOptions
  /// The number B of reference data sets of the gap statistic (0 skips the gap statistic).
  public var references: Int
  /// The restarts of every reference fit (`nil`: `defaultReferenceRestarts`, or the data's
  /// `fit.restarts` with `exactReferences`).
  public var referenceRestarts: Int?
  /// The points m of every reference data set (`nil`: the rule of `ReferencePlan`, or n with
  /// `exactReferences`; at most n). Below n their ln W*_k are moved to n (`ReferenceCorrection`).
  public var referenceSize: Int?
  /// The Lloyd iteration cap of every reference fit (`nil`: the data's `fit.maxIterations`, which
  /// also bounds it).
  public var referenceMaxIterations: Int?
  /// Whether every reference fit is polished after Lloyd (`nil`: as the data's fits are,
  /// `fit.refines`; Benchmarks/recovery/results/reference-polishing.md measures turning it off).
  public var referenceRefines: Bool?
  /// Whether the references take the full computation by default: n points each, the data's
  /// restarts (Tibshirani, Walther & Hastie's procedure). Explicit reference settings still apply.
  public var exactReferences: Bool
  /// Where reference data sets are drawn.
  public var referenceSpace: ReferenceSpace
  /// The rule that picks k from the gap curve.
  public var gapRule: GapRule
  /// The factor f in the gap rules' Gap(k) ≥ Gap(k') − f·s_k'.
  public var seFactor: Double
  /// Kneedle's sensitivity S.
  public var kneeSensitivity: Double
  /// The silhouette sample's size: when set and smaller than n, the mean silhouettes are
  /// estimated on this many sampled points; `nil` chooses automatically
  /// (`silhouetteSampleSize(rowCount:)`).
  public var silhouetteSample: Int?
  /// Exact silhouettes whatever n (overrides the automatic sample; not with `silhouetteSample`).
  public var exactSilhouettes: Bool
  /// N, the number of subsamples on which the choice of k is repeated (0 turns the selection
  /// frequencies off).
  public var resamples: Int
  /// M, the random 2-fold splits of prediction strength and the normalised instability (0 skips
  /// both).
  public var stabilitySplits: Int
  /// The restarts of each half's fits in those splits.
  public var stabilityRestarts: Int
  /// The most rows of each half of a split: halves are ⌊n/2⌋ and ⌈n/2⌉ rows up to twice this,
  /// then two disjoint random sets of this many rows.
  public var stabilityHalfSize: Int
  /// The restarts of each subsample's fits in the selection frequencies (`nil`: the data's,
  /// `fit.restarts`).
  public var resampleRestarts: Int?
  /// Prediction strength's threshold: its pick is the largest k whose strength reaches it.
  public var predictionStrengthThreshold: Double
  /// The most memory the sweep may need, in bytes (`nil`: the machine's physical memory);
  /// a sweep whose `MemoryEstimate` exceeds it is refused before it starts.
  public var memoryLimit: Int?
  /// Called as the sweep advances (from worker threads; must be thread-safe).
  public var progress: (@Sendable (SweepProgress) -> Void)?
  /// How the sweep's notes and reasons name parameters when they advise changing one
  /// ("rescale them (scaling zscore)"): the library's names unless a front end gives its own.
  public var naming: ParameterNaming

  /// Creates options; the defaults are the command line's.
  public init(
    kMin: Int = 1, kMax: Int = 10, fit: KMeansOptions = KMeansOptions(),
    references: Int = 20, referenceRestarts: Int? = nil, referenceSize: Int? = nil,
    referenceMaxIterations: Int? = nil, referenceRefines: Bool? = nil, exactReferences: Bool = false,
    referenceSpace: ReferenceSpace = .pca,
    gapRule: GapRule = .tibs2001SEmax,
    seFactor: Double = 1, kneeSensitivity: Double = 1, silhouetteSample: Int? = nil, exactSilhouettes: Bool = false,
    resamples: Int = 20, resampleRestarts: Int? = SweepOptions.defaultResampleRestarts, stabilitySplits: Int = 10,
    stabilityRestarts: Int = 3, stabilityHalfSize: Int = SweepOptions.defaultStabilityHalfSize,
    predictionStrengthThreshold: Double = 0.8,
    memoryLimit: Int? = nil, progress: (@Sendable (SweepProgress) -> Void)? = nil, naming: ParameterNaming = .library
  ) {
    self.kMin = kMin
    self.kMax = kMax
    self.fit = fit
    self.references = references
    self.referenceRestarts = referenceRestarts
    self.referenceSize = referenceSize
    self.referenceMaxIterations = referenceMaxIterations
    self.referenceRefines = referenceRefines
    self.exactReferences = exactReferences
    self.referenceSpace = referenceSpace
    self.gapRule = gapRule
    self.seFactor = seFactor
    self.kneeSensitivity = kneeSensitivity
    self.silhouetteSample = silhouetteSample
    self.exactSilhouettes = exactSilhouettes
    self.resamples = resamples
    self.resampleRestarts = resampleRestarts
    self.stabilitySplits = stabilitySplits
    self.stabilityRestarts = stabilityRestarts
    self.stabilityHalfSize = stabilityHalfSize
    self.predictionStrengthThreshold = predictionStrengthThreshold
    self.memoryLimit = memoryLimit
    self.progress = progress
    self.naming = naming
  }

  /// The k-means settings of the reference fits whatever n: the data's, with the references'
  /// restarts and polishing (`referencePlan(rowCount:)` gives the size and iteration cap too).
  public var referenceFit: KMeansOptions {
    var options = fit
    options.restarts = referenceRestarts ?? (exactReferences ? fit.restarts : Self.defaultReferenceRestarts)
    options.refines = effectiveReferenceRefines
    return options
  }

  /// Above this many rows the mean silhouettes are estimated on a sample unless a size is given
  /// or exact ones are asked for (Benchmarks/criteria/README.md measures the choice).
  public static let automaticSilhouetteRows = 10_000

  /// The automatic silhouette sample's size (Benchmarks/criteria/README.md).
  public static let defaultSilhouetteSample = 5_000

  /// The default cap on the stability splits' halves (Benchmarks/criteria/README.md).
  public static let defaultStabilityHalfSize = 5_000

  /// The default restarts of the subsamples' fits (Benchmarks/criteria/README.md).
  public static let defaultResampleRestarts = 3

  /// The silhouette sample for a sweep of n rows, or `nil` for exact silhouettes: none with
  /// `exactSilhouettes`; `silhouetteSample` when given and below n; else
  /// `defaultSilhouetteSample` when n is above `automaticSilhouetteRows`.
  public func silhouetteSampleSize(rowCount n: Int) -> Int? {
    guard !exactSilhouettes else { return nil }
    let size = silhouetteSample ?? (n > Self.automaticSilhouetteRows ? Self.defaultSilhouetteSample : n)
    return size < n ? size : nil
  }

  /// The k-means settings of the subsamples' fits: the data's, with `resampleRestarts` restarts
  /// when set.
  public var resampleFit: KMeansOptions {
    var options = fit
    if let resampleRestarts { options.restarts = resampleRestarts }
    return options
  }

  /// Whether the reference fits are polished: `referenceRefines` when set, else as the data's.
  public var effectiveReferenceRefines: Bool { referenceRefines ?? fit.refines }

  /// The restarts of each reference fit unless set or exact (Benchmarks/recovery/results/
  /// reference-shortcuts.md measures them against the full computation).
  public static let defaultReferenceRestarts = 3

  /// m₀, the size of capped references unless set or exact: data of more than 1.5 m₀ rows get
  /// references of m₀ points, moved to n (Benchmarks/recovery/results/reference-shortcuts.md).
  public static let defaultReferenceSize = 10_000

  /// The most reference data sets a sweep accepts (far more than the gap statistic's standard
  /// error needs: it shrinks as 1/√B).
  public static let maximumReferences = 1_000_000

  /// Checks every parameter's range.
  /// - Throws: `KSelectError.invalidParameter` with the offending parameter, its constraint and value.
  public func validate() throws {
    func refuse(_ parameter: Parameter, _ constraint: ParameterConstraint, _ value: ParameterValue) -> KSelectError {
      KSelectError.invalidParameter(ParameterError(parameter, constraint, got: value))
    }
    guard kMin >= 1 else { throw refuse(.kMin, .atLeast(1), .integer(kMin)) }
    guard kMax >= 1 else { throw refuse(.kMax, .atLeast(1), .integer(kMax)) }
    guard kMax >= kMin else { throw refuse(.kMin, .notAbove(.kMax, kMax), .integer(kMin)) }
    guard references >= 0, references <= Self.maximumReferences else {
      throw refuse(.references, .between(0, Self.maximumReferences), .integer(references))
    }
    if let referenceRestarts, referenceRestarts < 1 || referenceRestarts > KMeansOptions.maximumRestarts {
      throw refuse(.referenceRestarts, .between(1, KMeansOptions.maximumRestarts), .integer(referenceRestarts))
    }
    if let referenceSize, referenceSize < 2 { throw refuse(.referenceSize, .atLeast(2), .integer(referenceSize)) }
    if let referenceMaxIterations, referenceMaxIterations < 1 {
      throw refuse(.referenceMaxIterations, .atLeast(1), .integer(referenceMaxIterations))
    }
    guard seFactor >= 0, seFactor.isFinite else { throw refuse(.seFactor, .nonNegative, .real(seFactor)) }
    guard kneeSensitivity > 0, kneeSensitivity.isFinite else {
      throw refuse(.kneeSensitivity, .positive, .real(kneeSensitivity))
    }
    guard resamples >= 0, resamples <= Self.maximumReferences else {
      throw refuse(.resamples, .between(0, Self.maximumReferences), .integer(resamples))
    }
    if let silhouetteSample, silhouetteSample < 2 {
      throw refuse(.silhouetteSample, .atLeast(2), .integer(silhouetteSample))
    }
    if let silhouetteSample, exactSilhouettes {
      throw refuse(.silhouetteSample, .notWith(.exactSilhouettes), .integer(silhouetteSample))
    }
    if let resampleRestarts, resampleRestarts < 1 || resampleRestarts > KMeansOptions.maximumRestarts {
      throw refuse(.resampleRestarts, .between(1, KMeansOptions.maximumRestarts), .integer(resampleRestarts))
    }
    guard stabilityHalfSize >= 2 else {
      throw refuse(.stabilityHalfSize, .atLeast(2), .integer(stabilityHalfSize))
    }
    guard stabilitySplits >= 0, stabilitySplits <= Self.maximumReferences else {
      throw refuse(.stabilitySplits, .between(0, Self.maximumReferences), .integer(stabilitySplits))
    }
    guard stabilityRestarts >= 1, stabilityRestarts <= KMeansOptions.maximumRestarts else {
      throw refuse(.stabilityRestarts, .between(1, KMeansOptions.maximumRestarts), .integer(stabilityRestarts))
    }
    guard predictionStrengthThreshold > 0, predictionStrengthThreshold <= 1 else {
      throw refuse(.predictionStrengthThreshold, .positiveFraction, .real(predictionStrengthThreshold))
    }
    try fit.validate()
  }
}

/// Where a sweep is: which stage, and how far through it.
public struct SweepProgress: Sendable {
  /// The stages of a sweep, in order.
  public enum Stage: String, Sendable {
    case fits, references, stability, criteria, resamples
  }
  /// The current stage.
  public var stage: Stage
  /// Units of the stage done (k values for fits, reference data sets for references, splits for
  /// stability, subsamples for resamples).
  public var done: Int
  /// Units of the stage in all.
  public var total: Int
}
