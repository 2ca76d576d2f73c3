import Testing

@testable import KSelect

@Suite("Decision: the decision rule")
struct DecisionRuleTests {
  /// ln W*_kb of four references around `base`: deviations ±0.01 and ±0.02 at every k, so the
  /// mean is `base` and s_k = √(2.5e−4 · 1.25) ≈ 0.0177 at every k.
  static func references(_ base: [Double]) -> [[Double]] {
    base.map { b in [0.01, -0.01, 0.02, -0.02].map { b + $0 } }
  }
  static let base = [5, 4.5, 4.2, 4.0, 3.85]

  static func evidence(logW: [Double], silhouettes: [Double?], ks: [Int] = [1, 2, 3, 4, 5]) -> DecisionRule.Evidence {
    let offset = ks[0] - 1
    return DecisionRule.Evidence(
      ks: ks, logW: logW, referenceLogW: Array(references(base)[offset...]), silhouettes: silhouettes, seFactor: 1)
  }

  @Test("a clear gap peak: structure, and both readings give it")
  func clearPeak() throws {
    // Gap = (0, 0.5, 1.2, 1.05, 0.95): Tibshirani's rule stops at k = 3 (1.2 ≥ 1.05 − s), the
    // largest gap is at 3 too.
    let logW = zip(Self.base, [0, 0.5, 1.2, 1.05, 0.95]).map { $0 - $1 }
    let (verdict, decision) = DecisionRule.decide(
      Self.evidence(logW: logW, silhouettes: [nil, 0.5, 0.6, 0.4, 0.3]))
    #expect(verdict.hasStructure == true && verdict.gapRuleK == 3)
    let test = try #require(verdict.gapTest)
    #expect(abs(test.pValue - 0.2) < 1e-12 && test.rejectsNull)
    #expect(decision.k == 3 && decision.gapBracket == 3...3)
    #expect(decision.reason.contains("both readings of the gap curve give k = 3"))
  }

  @Test("the silhouette chooses between the gap curve's two readings")
  func bracket() {
    // Gap = (0, 0.5, 1.0, 0.99, 1.3): k_T = 3 (1.0 ≥ 0.99 − s), k* = 5 and k_G = 5 (no smaller
    // k within s of 1.3). Of k = 3…5 the silhouette is largest at 4.
    let logW = zip(Self.base, [0, 0.5, 1.0, 0.99, 1.3]).map { $0 - $1 }
    let (verdict, decision) = DecisionRule.decide(
      Self.evidence(logW: logW, silhouettes: [nil, 0.9, 0.4, 0.45, 0.42]))
    #expect(verdict.hasStructure == true)
    #expect(decision.gapBracket == 3...5 && decision.k == 4)
  }

  @Test("no gain over k = 1: no clear cluster structure, k = 1")
  func noStructure() throws {
    // The data's curve is the references' mean: every curve's gain is 0, p = 1, and
    // Tibshirani's rule stops at k = 1.
    let (verdict, decision) = DecisionRule.decide(
      Self.evidence(logW: Self.base, silhouettes: [nil, 0.6, 0.5, 0.4, 0.3]))
    #expect(verdict.hasStructure == false && verdict.gapRuleK == 1)
    #expect(try #require(verdict.gapTest).pValue == 1)
    #expect(decision.k == 1 && decision.reason == "no clear cluster structure; k = 1")
    #expect(verdict.reason.hasPrefix("no clear cluster structure"))
  }

  @Test("Tibshirani's rule alone can declare structure")
  func ruleAlone() {
    // Gap = (0, 0.5, 0.5, 0.5, 0.5) plus the references' own deviations make every curve's gain
    // large, but the data's gap rises by far more than s_2 from k = 1 to 2.
    let logW = zip(Self.base, [0, 0.5, 0.5, 0.5, 0.5]).map { $0 - $1 }
    let (verdict, decision) = DecisionRule.decide(
      Self.evidence(logW: logW, silhouettes: [nil, 0.7, 0.5, 0.4, 0.3]))
    #expect(verdict.hasStructure == true && verdict.gapRuleK == 2 && decision.k == 2)
  }

  @Test("without references the silhouette decides and structure is not tested")
  func noReferences() {
    let evidence = DecisionRule.Evidence(
      ks: [1, 2, 3], logW: [3, 2, 1], referenceLogW: [[], [], []], silhouettes: [nil, 0.4, 0.7], seFactor: 1)
    let (verdict, decision) = DecisionRule.decide(evidence)
    #expect(verdict.hasStructure == nil && verdict.gapTest == nil)
    #expect(decision.k == 3 && decision.reason.contains("no reference data sets"))
  }

  @Test("a sweep from k = 2 assumes structure")
  func fromTwo() {
    let logW = zip(Self.base, [0, 0.5, 1.2, 1.05, 0.95]).map { $0 - $1 }
    let (verdict, decision) = DecisionRule.decide(
      Self.evidence(logW: Array(logW.dropFirst()), silhouettes: [0.5, 0.6, 0.4, 0.3], ks: [2, 3, 4, 5]))
    #expect(verdict.hasStructure == nil && verdict.gapTest == nil && decision.k == 3)
  }

  @Test("the sweep: uniform noise has no structure, separated blobs have their k")
  func onData() throws {
    let uniform = Generators.uniformSquare(count: 200, seed: 3)
    let options = SweepOptions(kMax: 6, fit: KMeansOptions(restarts: 3, seed: 1), resamples: 0)
    let none = try Sweep.run(uniform, options: options)
    #expect(none.structure.hasStructure == false && none.recommendedK == 1)
    #expect(none.headline == "no clear cluster structure; k = 1")
    let three = try Sweep.run(blobsWithGaps(), options: options)
    #expect(three.structure.hasStructure == true && three.recommendedK == 3 && three.headline == "k = 3")
  }

  /// 150 points in three tight, far-apart groups.
  func blobsWithGaps() -> Dataset {
    let random = RandomSource(seed: 5)
    let centres: [[Double]] = [[0, 0], [10, 0], [0, 10]]
    return Dataset(rows: (0..<150).map { i in centres[i % 3].map { $0 + random.gaussian(sigma: 0.5) } })
  }
}
