import Foundation

/// How the sweep turns its evidence into one k: a structure test first, then the gap curve and
/// the silhouette together (Benchmarks/recovery/DESIGN.md has the study that chose it).
///
/// 1. **Structure.** The data show cluster structure when the gap statistic's Monte Carlo test
///    rejects "no structure" at its level 1/(B + 1) (`GapStructureTest`), or when Tibshirani et
///    al.'s rule on the whole gap curve picks k ≥ 2. Otherwise the answer is k = 1, "no clear
///    cluster structure".
/// 2. **k.** With structure, two readings of the gap curve over k ≥ 2 bracket the answer: k_T,
///    the smallest k ≥ 2 with Gap(k) ≥ Gap(k + 1) − f·s_{k+1} (Tibshirani, Walther & Hastie 2001),
///    and k_G, the smallest k ≥ 2 with Gap(k) ≥ Gap(k*) − f·s_{k*}, k* the k ≥ 2 of the largest
///    gap (Dudoit & Fridlyand 2002). The answer is the k of [min(k_T, k_G), max(k_T, k_G)] with
///    the largest mean silhouette (Rousseeuw 1987), the smaller k on ties.
///
/// Without references (B = 0) structure cannot be tested and k is the silhouette's pick; when
/// the sweep starts above k = 1, structure is assumed and step 2 runs on the sweep's k.
///
/// Citations: R. Tibshirani, G. Walther and T. Hastie (2001), JRSS B 63(2), 411–423; S. Dudoit
/// and J. Fridlyand (2002), "A prediction-based resampling method for estimating the number of
/// clusters in a dataset", Genome Biology 3(7); P. J. Rousseeuw (1987), "Silhouettes", Journal
/// of Computational and Applied Mathematics 20, 53–65.
public enum DecisionRule {
  /// The rule in one paragraph, as the reports state it.
  public static let statement =
    "structure first: the data show cluster structure when their gain in the gap statistic over k = 1 "
    + "beats that of every reference data set (a Monte Carlo test at level 1/(B + 1)) or when "
    + "Tibshirani et al.'s rule picks k ≥ 2; otherwise k = 1 (no clear cluster structure). With structure, "
    + "k is the k with the largest mean silhouette between the gap curve's two readings over k ≥ 2: the "
    + "first k with Gap(k) ≥ Gap(k+1) − s_{k+1}, and the smallest k with Gap(k) ≥ Gap(k*) − s_{k*} for "
    + "the largest gap Gap(k*) (the smaller k on ties)"

  /// What the rule reads, per k of the sweep.
  public struct Evidence: Sendable {
    /// The k of the sweep, consecutive and increasing.
    public var ks: [Int]
    /// ln W_k of the data (`nil` where W_k = 0).
    public var logW: [Double?]
    /// ln W*_kb of the B reference data sets, per k (each empty without references).
    public var referenceLogW: [[Double]]
    /// The mean silhouette per k (`nil` at k = 1 or where undefined).
    public var silhouettes: [Double?]
    /// The SE factor f of the gap readings.
    public var seFactor: Double
    /// How the reasons name parameters ("no reference data sets (references 0)").
    public var naming: ParameterNaming
    /// The Monte Carlo variance of l̄_k per k when the references are smaller than the data
    /// (empty: sd_k²/B; see `GapStatistic.summarize(logW:referenceLogW:meanVariance:)`).
    public var referenceMeanVariance: [Double?] = []
    /// When the references are smaller than the data: the structure test's curves at their size,
    /// ln W_k of a subsample of the data and the references' own ln W*_kb (`nil`: `logW` and
    /// `referenceLogW`).
    public var structureCurves: (logW: [Double?], referenceLogW: [[Double]])? = nil

    /// Creates the evidence from its parts.
    public init(
      ks: [Int], logW: [Double?], referenceLogW: [[Double]], silhouettes: [Double?], seFactor: Double,
      naming: ParameterNaming = .library
    ) {
      self.ks = ks
      self.logW = logW
      self.referenceLogW = referenceLogW
      self.silhouettes = silhouettes
      self.seFactor = seFactor
      self.naming = naming
    }
  }

  /// The structure verdict and the recommended k.
  ///
  /// - Parameters:
  ///   - evidence: The sweep's curves.
  ///   - hopkins: The Hopkins statistic, quoted in the verdict.
  /// - Complexity: O(K B).
  public static func decide(_ evidence: Evidence, hopkins: HopkinsResult? = nil) -> (StructureVerdict, Decision) {
    let ks = evidence.ks
    let defined = evidence.logW.prefix { $0 != nil }.count
    let references = evidence.referenceLogW.first?.count ?? 0
    guard references > 0, defined > 0 else {
      let why = references == 0 ? "no reference data sets (\(evidence.naming.name(.references)) 0)" : "W_k = 0 at k_min"
      let verdict = StructureVerdict(
        hasStructure: nil, gapTest: nil, gapRuleK: nil, hopkins: hopkins,
        reason: "structure not tested: \(why)" + hopkinsClause(hopkins))
      return (verdict, silhouetteOnly(evidence, why: why))
    }
    let logW = evidence.logW.prefix(defined).map { $0! }
    let curves = Array(evidence.referenceLogW.prefix(defined))
    let summaries = logW.indices.map { index in
      GapStatistic.summarize(
        logW: logW[index], referenceLogW: curves[index],
        meanVariance: index < evidence.referenceMeanVariance.count ? evidence.referenceMeanVariance[index] : nil)
    }
    let gap = summaries.map(\.gap)
    let se = summaries.map(\.se)
    let f = evidence.seFactor
    let gapRuleK = ks[GapRule.tibs2001SEmax.choose(gap: gap, standardErrors: se, seFactor: f)]

    var verdict = StructureVerdict(hasStructure: nil, gapTest: nil, gapRuleK: gapRuleK, hopkins: hopkins, reason: "")
    if ks[0] == 1 {
      guard let test = structureTest(evidence, logW: logW, curves: curves) else {
        verdict.reason = "structure not tested: the sweep has no k ≥ 2 with W_k > 0" + hopkinsClause(hopkins)
        return (verdict, Decision(k: 1, rule: statement, reason: "k = 1 is the only k the sweep can judge"))
      }
      verdict.gapTest = test
      verdict.hasStructure = test.rejectsNull || gapRuleK >= 2
      verdict.reason = structureReason(test, gapRuleK: gapRuleK) + hopkinsClause(hopkins)
      if verdict.hasStructure == false, let hopkins, hopkins.pValue < 0.05 {
        verdict.reason +=
          ": the points are not uniform in their box, yet splitting them into k-means clusters gains no more "
          + "than it does on uniform data (one dense group, or groups that overlap)"
      }
      guard verdict.hasStructure == true else {
        return (verdict, Decision(k: 1, rule: statement, reason: "no clear cluster structure; k = 1"))
      }
    } else {
      verdict.reason =
        "structure assumed: the sweep starts at k = \(ks[0]), so the test against k = 1 cannot run"
        + hopkinsClause(hopkins)
    }
    let start = ks[0] == 1 ? 1 : 0
    guard start < defined else {
      return (verdict, Decision(k: ks[0], rule: statement, reason: "the sweep has no k ≥ 2 with a gap value"))
    }
    let tail = (Array(gap[start...]), Array(se[start...]))
    let kT = ks[start + GapRule.tibs2001SEmax.choose(gap: tail.0, standardErrors: tail.1, seFactor: f)]
    let kG = ks[start + GapRule.globalSEmax.choose(gap: tail.0, standardErrors: tail.1, seFactor: f)]
    let bracket = min(kT, kG)...max(kT, kG)
    let readings =
      kT == kG
      ? "both readings of the gap curve give k = \(kT)"
      : "the gap curve's readings give k = \(kT) (Tibshirani et al.'s rule) and k = \(kG) (within s_k* of the "
        + "largest gap)"
    guard let best = bestSilhouette(evidence, in: bracket) else {
      return (
        verdict,
        Decision(
          k: bracket.lowerBound, rule: statement,
          reason: "\(readings); no silhouette is defined there, so the smaller k", gapBracket: bracket)
      )
    }
    let choice =
      bracket.count == 1
      ? "k = \(best.k) (silhouette \(format(best.value)))"
      : "of k = \(bracket.lowerBound)…\(bracket.upperBound) the mean silhouette is largest at k = \(best.k) "
        + "(\(format(best.value)))"
    return (verdict, Decision(k: best.k, rule: statement, reason: "\(readings); \(choice)", gapBracket: bracket))
  }

  /// The Monte Carlo test on the evidence's structure curves when it has them (over their
  /// leading k with W_k > 0), else on the gap curve's own.
  static func structureTest(_ evidence: Evidence, logW: [Double], curves: [[Double]]) -> GapStructureTest? {
    guard let sample = evidence.structureCurves else { return GapStructureTest.run(logW: logW, referenceLogW: curves) }
    let defined = sample.logW.prefix { $0 != nil }.map { $0! }
    return GapStructureTest.run(logW: defined, referenceLogW: Array(sample.referenceLogW.prefix(defined.count)))
  }

  /// The k in `range` with the largest defined mean silhouette (the smaller k on ties).
  static func bestSilhouette(_ evidence: Evidence, in range: ClosedRange<Int>) -> (k: Int, value: Double)? {
    var best: (k: Int, value: Double)? = nil
    for (k, value) in zip(evidence.ks, evidence.silhouettes) where range.contains(k) {
      guard let value, value.isFinite else { continue }
      if best == nil || value > best!.value { best = (k, value) }
    }
    return best
  }

  /// The decision without a gap curve: the silhouette's pick over the sweep's k ≥ 2.
  static func silhouetteOnly(_ evidence: Evidence, why: String) -> Decision {
    guard let last = evidence.ks.last, let best = bestSilhouette(evidence, in: 2...max(2, last)) else {
      return Decision(
        k: evidence.ks[0], rule: statement, reason: "\(why) and no silhouette: k_min = \(evidence.ks[0])")
    }
    return Decision(
      k: best.k, rule: statement,
      reason: "\(why): the largest mean silhouette (\(format(best.value))) is at k = \(best.k)")
  }

  /// The verdict's first sentence from the structure test and the gap rule.
  static func structureReason(_ test: GapStructureTest, gapRuleK: Int) -> String {
    let gain = "the data's gap gain over k = 1 (\(format(test.statistic)))"
    let matched = Int((test.pValue * Double(test.references + 1)).rounded()) - 1
    let testPart =
      test.rejectsNull
      ? "\(gain) beats all \(test.references) reference data sets (Monte Carlo p = \(format(test.pValue)))"
      : "\(gain) is matched by \(matched) of \(test.references) reference data sets (Monte Carlo p = "
        + "\(format(test.pValue)) > 1/\(test.references + 1))"
    let rulePart = "Tibshirani et al.'s rule picks k = \(gapRuleK)"
    if test.rejectsNull { return "cluster structure: \(testPart); \(rulePart)" }
    if gapRuleK >= 2 { return "cluster structure: \(rulePart); \(testPart)" }
    return "no clear cluster structure: \(testPart) and \(rulePart)"
  }

  /// The Hopkins statistic as a clause of the verdict (empty without it).
  static func hopkinsClause(_ hopkins: HopkinsResult?) -> String {
    guard let hopkins else { return "" }
    return "; Hopkins statistic H = \(format(hopkins.statistic)) (m = \(hopkins.sampleSize), D = "
      + "\(hopkins.dimension)), p = \(format(hopkins.pValue)) against uniform data in the features' box"
  }

  /// Three significant digits.
  static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}
