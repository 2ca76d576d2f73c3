import Foundation

/// The gap statistic of Tibshirani, Walther & Hastie (2001): how much smaller the data's
/// within-cluster sum of squares W_k is than that of uniform reference data.
///
/// With B reference data sets and W*_kb their within-cluster sums of squares at k:
/// l̄_k = (1/B) Σ_b ln W*_kb, Gap(k) = l̄_k − ln W_k,
/// sd_k = sqrt((1/B) Σ_b (ln W*_kb − l̄_k)²) (divisor B, as in the paper) and
/// s_k = sd_k · sqrt(1 + 1/B), the standard error that the choice rules of `GapRule` use: the
/// null spread of ln W_k plus the Monte Carlo error sd_k²/B of l̄_k. References smaller than the
/// data (`ReferencePlan`) give l̄_k a larger Monte Carlo variance v_k, and s_k = sqrt(sd_k² + v_k).
///
/// Citation: R. Tibshirani, G. Walther and T. Hastie (2001), "Estimating the number of clusters
/// in a data set via the gap statistic", JRSS B 63(2), 411–423.
public enum GapStatistic {
  /// Gap(k) and its spread at one k.
  ///
  /// - Parameters:
  ///   - wcss: W_k of the data (positive).
  ///   - referenceWCSS: W*_kb of the B reference data sets (at least one, all positive).
  /// - Returns: ln W_k, l̄_k, Gap(k), sd_k and s_k. A zero W gives an infinite logarithm; callers
  ///   that can meet one (k = n) should not ask.
  /// - Complexity: O(B).
  public static func summarize(wcss: Double, referenceWCSS: [Double]) -> GapSummary {
    summarize(logW: log(wcss), referenceLogW: referenceWCSS.map { log($0) })
  }

  /// As `summarize(wcss:referenceWCSS:)`, from ln W_k and the ln W*_kb.
  /// - Parameters:
  ///   - meanVariance: v_k, the Monte Carlo variance of l̄_k when it is not sd_k²/B (references
  ///     smaller than the data); `nil` gives Tibshirani et al.'s s_k = sd_k · sqrt(1 + 1/B).
  /// - Complexity: O(B).
  public static func summarize(logW: Double, referenceLogW logs: [Double], meanVariance: Double? = nil) -> GapSummary {
    precondition(!logs.isEmpty, "the gap statistic needs at least one reference data set")
    let b = Double(logs.count)
    let mean = logs.reduce(0, +) / b
    let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / b
    let sd = variance.squareRoot()
    let se = meanVariance.map { (variance + $0).squareRoot() } ?? sd * (1 + 1 / b).squareRoot()
    return GapSummary(logW: logW, referenceLogWMean: mean, gap: mean - logW, sd: sd, se: se)
  }
}

/// Gap(k) with the quantities it is made of, at one k.
public struct GapSummary: Sendable, Codable, Equatable {
  /// ln W_k of the data.
  public var logW: Double
  /// l̄_k, the mean of ln W*_kb over the reference data sets.
  public var referenceLogWMean: Double
  /// Gap(k) = l̄_k − ln W_k.
  public var gap: Double
  /// sd_k, the standard deviation of ln W*_kb (divisor B).
  public var sd: Double
  /// s_k = sd_k · sqrt(1 + 1/B), the simulation standard error (sqrt(sd_k² + v_k) for
  /// references smaller than the data).
  public var se: Double

  /// Creates a summary from its parts.
  /// - Parameters:
  ///   - logW: ln W_k.
  ///   - referenceLogWMean: l̄_k.
  ///   - gap: Gap(k).
  ///   - sd: sd_k.
  ///   - se: s_k.
  public init(logW: Double, referenceLogWMean: Double, gap: Double, sd: Double, se: Double) {
    self.logW = logW
    self.referenceLogWMean = referenceLogWMean
    self.gap = gap
    self.sd = sd
    self.se = se
  }
}

/// How k is chosen from the gap curve, with the names and exact behaviour of R's
/// `cluster::maxSE` (cluster 2.1.4).
///
/// With Gap(k) and standard errors s_k for k = 1…K and an SE factor f:
/// - `tibs2001SEmax`: the smallest k with Gap(k) ≥ Gap(k+1) − f·s_{k+1} (the paper's rule), or K;
/// - `firstSEmax`: the smallest k with Gap(k) ≥ Gap(k*) − f·s_{k*}, k* the first local maximum;
/// - `globalSEmax`: as `firstSEmax` with k* the global maximum;
/// - `firstmax`: the first local maximum (the first k with Gap(k+1) ≤ Gap(k)), or K;
/// - `globalmax`: the global maximum (the first one on ties).
public enum GapRule: String, CaseIterable, Codable, Sendable {
  /// Tibshirani, Walther & Hastie's rule.
  case tibs2001SEmax = "Tibs2001SEmax"
  /// The smallest k within f standard errors of the first local maximum (R's default).
  case firstSEmax
  /// The smallest k within f standard errors of the global maximum.
  case globalSEmax
  /// The first local maximum.
  case firstmax
  /// The global maximum.
  case globalmax

  /// The position of the chosen k in the gap table.
  ///
  /// - Parameters:
  ///   - gap: Gap(k) for consecutive k (at least one value, all finite).
  ///   - standardErrors: s_k, one per gap value, non-negative.
  ///   - seFactor: f, the multiple of s_k allowed; 1 by default, non-negative.
  /// - Returns: The 0-based index into `gap` of the chosen k (R's answer minus one).
  /// - Complexity: O(K).
  public func choose(gap: [Double], standardErrors: [Double], seFactor: Double = 1) -> Int {
    let count = gap.count
    precondition(count >= 1, "the gap table is empty")
    precondition(standardErrors.count == count, "one standard error per gap value")
    precondition(standardErrors.allSatisfy { $0 >= 0 } && seFactor >= 0, "standard errors and factor must be ≥ 0")
    let allowance = standardErrors.map { seFactor * $0 }

    /// The first i with Gap(i + 1) ≤ Gap(i), else the last index.
    func firstLocalMaximum() -> Int {
      (0..<(count - 1)).first { gap[$0 + 1] - gap[$0] <= 0 } ?? count - 1
    }
    /// The first index of the largest gap.
    func globalMaximum() -> Int {
      var best = 0
      for i in 1..<count where gap[i] > gap[best] { best = i }
      return best
    }
    /// The first i before `peak` within the allowance of the peak, else the peak.
    func withinAllowance(of peak: Int) -> Int {
      let bar = gap[peak] - allowance[peak]
      return (0..<peak).first { gap[$0] >= bar } ?? peak
    }

    switch self {
    case .tibs2001SEmax:
      return (0..<(count - 1)).first { gap[$0] >= gap[$0 + 1] - allowance[$0 + 1] } ?? count - 1
    case .firstSEmax: return withinAllowance(of: firstLocalMaximum())
    case .globalSEmax: return withinAllowance(of: globalMaximum())
    case .firstmax: return firstLocalMaximum()
    case .globalmax: return globalMaximum()
    }
  }
}

extension Criterion {
  /// The gap statistic.
  public static let gap = Criterion(rawValue: "gap")
}

extension GapStatistic: SweepCriterion {
  static var criterion: Criterion { .gap }
  static var columns: [String] { ["log_wcss", "ref_log_wcss_mean", "gap", "gap_sd", "gap_se"] }
  static var summaryColumns: [(header: String, column: String)] { [("Gap(k)", "gap"), ("s_k", "gap_se")] }

  /// ln W_k, l̄_k, Gap(k), sd_k and s_k: all undefined where W_k is zero up to rounding (ln W_k
  /// would be −∞), the last four also without reference data sets.
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] {
    let wcss = evidence.fits[index].wcss
    guard !evidence.prepared.isEffectivelyZero(wcss) else { return [nil, nil, nil, nil, nil] }
    let references = evidence.referenceWCSS[index]
    let variance = index < evidence.referenceMeanVariance.count ? evidence.referenceMeanVariance[index] : nil
    let gap =
      references.isEmpty
      ? nil : summarize(logW: log(wcss), referenceLogW: references.map { log($0) }, meanVariance: variance)
    return [log(wcss), gap?.referenceLogWMean, gap?.gap, gap?.sd, gap?.se]
  }

  /// The sweep's gap rule over the leading k where Gap(k) is defined.
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    guard options.references > 0 else {
      return CriterionRecommendation(
        criterion: .gap, k: nil, reason: "the gap statistic was skipped (no reference data sets)")
    }
    let defined = Array(metrics.prefix { $0.gap != nil && $0.gapSE != nil })
    guard !defined.isEmpty else {
      return CriterionRecommendation(
        criterion: .gap, k: nil, reason: "Gap(k) is undefined at k_min (W_k = 0: every point is its own cluster)")
    }
    let index = options.gapRule.choose(
      gap: defined.map { $0.gap! }, standardErrors: defined.map { $0.gapSE! }, seFactor: options.seFactor)
    let k = defined[index].k
    return CriterionRecommendation(
      criterion: .gap, k: k,
      reason:
        "\(options.gapRule.rawValue) with SE factor \(options.seFactor) over \(options.references) references picks k = \(k)"
    )
  }
}

extension KMetrics {
  /// ln W_k (`nil` when W_k = 0).
  public var logWCSS: Double? { self["log_wcss"] }
  /// The mean over the references of ln W*_k.
  public var referenceLogWCSSMean: Double? { self["ref_log_wcss_mean"] }
  /// Gap(k).
  public var gap: Double? { self["gap"] }
  /// The standard deviation sd_k of ln W*_k over the references.
  public var gapSD: Double? { self["gap_sd"] }
  /// s_k = sd_k · sqrt(1 + 1/B) (sqrt(sd_k² + v_k) for references smaller than the data).
  public var gapSE: Double? { self["gap_se"] }
}
