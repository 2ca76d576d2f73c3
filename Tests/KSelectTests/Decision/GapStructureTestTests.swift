import Testing

@testable import KSelect

@Suite("Decision: the gap statistic's Monte Carlo structure test")
struct GapStructureTestTests {
  @Test("gains and p-value by hand")
  func byHand() throws {
    // Curves (k = 1, 2): data (1, 0), references (1, 0.9) and (1, 0.8); totals (3, 1.7).
    // Gap of each against the mean of the other two: data (0, 0.85), first reference
    // (0, 0.4 − 0.9 = −0.5), second (0, 0.45 − 0.8 = −0.35). The data's gain 0.85 beats both.
    let test = try #require(GapStructureTest.run(logW: [1, 0], referenceLogW: [[1, 1], [0.9, 0.8]]))
    #expect(abs(test.statistic - 0.85) < 1e-12)
    #expect(abs(test.pValue - 1.0 / 3) < 1e-12 && test.references == 2)
    #expect(abs(test.level - 1.0 / 3) < 1e-12 && test.rejectsNull)
  }

  @Test("a reference with the data's gain counts against the data")
  func ties() throws {
    // Data (1, 0.8) equals the second reference: gains 0.05, −0.1 and 0.05: p = 2/3.
    let test = try #require(GapStructureTest.run(logW: [1, 0.8], referenceLogW: [[1, 1], [0.9, 0.8]]))
    #expect(abs(test.statistic - 0.05) < 1e-12)
    #expect(abs(test.pValue - 2.0 / 3) < 1e-12 && !test.rejectsNull)
  }

  @Test("a constant shift of any curve changes no gain")
  func shiftInvariance() throws {
    let references: [[Double]] = [[3, 3.1], [2.6, 2.7], [2.4, 2.3]]
    let moved = references.map { [$0[0], $0[1] - 4] }
    let base = try #require(GapStructureTest.run(logW: [3, 2, 1.5], referenceLogW: references))
    let shifted = try #require(GapStructureTest.run(logW: [13, 12, 11.5], referenceLogW: moved))
    #expect(abs(base.statistic - shifted.statistic) < 1e-9 && base.pValue == shifted.pValue)
  }

  @Test("no test without k ≥ 2 or without references")
  func undefined() {
    #expect(GapStructureTest.run(logW: [1], referenceLogW: [[1, 2]]) == nil)
    #expect(GapStructureTest.run(logW: [1, 0], referenceLogW: [[], []]) == nil)
  }

  @Test("under the null the test rejects at its level: P(p ≤ 1/(B + 1)) = 1/(B + 1)")
  func exactLevel() throws {
    // 4000 trials of B + 1 = 10 exchangeable random curves (k = 1…4): the data's curve rejects
    // with probability 0.1, so about 400 times (sd 19); 320…480 is more than 4 sd either way.
    let random = RandomSource(seed: 11)
    var rejections = 0
    for _ in 0..<4000 {
      let curves = (0..<10).map { _ in (0..<4).map { k in 5 - 0.5 * Double(k) + random.gaussian(sigma: 0.1) } }
      let references = (0..<4).map { k in (1..<10).map { curves[$0][k] } }
      if try #require(GapStructureTest.run(logW: curves[0], referenceLogW: references)).rejectsNull { rejections += 1 }
    }
    #expect((320...480).contains(rejections))
  }
}
