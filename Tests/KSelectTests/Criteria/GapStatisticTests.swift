import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: gap statistic")
struct GapStatisticTests {
  @Test("summary by hand")
  func summaryByHand() {
    // W = e, W* = e², e⁴: ln W = 1, l̄ = (2 + 4)/2 = 3, Gap = 2,
    // sd = sqrt(((2 − 3)² + (4 − 3)²) / 2) = 1 (divisor B), se = sqrt(1 + 1/2) = sqrt(1.5).
    let summary = GapStatistic.summarize(wcss: exp(1), referenceWCSS: [exp(2), exp(4)])
    #expect(abs(summary.logW - 1) < 1e-15)
    #expect(abs(summary.referenceLogWMean - 3) < 1e-15)
    #expect(abs(summary.gap - 2) < 1e-15)
    #expect(abs(summary.sd - 1) < 1e-15)
    #expect(abs(summary.se - 1.5.squareRoot()) < 1e-15)
  }

  @Test("one reference has sd 0")
  func singleReference() {
    let summary = GapStatistic.summarize(wcss: 4, referenceWCSS: [8])
    #expect(summary.sd == 0)
    #expect(summary.se == 0)
    #expect(abs(summary.gap - log(2)) < 1e-15)
  }

  @Test("rules by hand")
  func rulesByHand() {
    // Gap = .1, .5, .45, .8, .7 with s = .1: first local max at index 1 (.45 ≤ .5), global max at 3.
    // Tibs: index 0? .1 ≥ .5 − .1 no; index 1: .5 ≥ .45 − .1 yes → 1.
    // firstSEmax: bar .5 − .1 = .4, .1 < .4 → 1. globalSEmax: bar .8 − .1 = .7: .1, .5, .45 < .7 → 3.
    let gap = [0.1, 0.5, 0.45, 0.8, 0.7]
    let se = [Double](repeating: 0.1, count: 5)
    #expect(GapRule.tibs2001SEmax.choose(gap: gap, standardErrors: se) == 1)
    #expect(GapRule.firstSEmax.choose(gap: gap, standardErrors: se) == 1)
    #expect(GapRule.globalSEmax.choose(gap: gap, standardErrors: se) == 3)
    #expect(GapRule.firstmax.choose(gap: gap, standardErrors: se) == 1)
    #expect(GapRule.globalmax.choose(gap: gap, standardErrors: se) == 3)
    // With f = 4 the global peak's bar is .8 − .4 = .4 and .5 qualifies first.
    #expect(GapRule.globalSEmax.choose(gap: gap, standardErrors: se, seFactor: 4) == 1)
  }

  @Test("raw values are R's method names")
  func names() {
    #expect(
      GapRule.allCases.map(\.rawValue) == ["Tibs2001SEmax", "firstSEmax", "globalSEmax", "firstmax", "globalmax"])
  }

  @Test(
    "R cluster 2.1.4 maxSE on recorded tables: identical choices",
    arguments: ["criteria_maxse.csv", "criteria_maxse_random.csv"])
  func againstR(fixture: String) throws {
    let rows = try Fixture.rows(fixture)
    #expect(rows.count >= 18)
    for row in rows {
      let gap = try Fixture.numbers(row["gap"])
      let se = try Fixture.numbers(row["se"])
      let factor = try #require(try Fixture.number(row["se_factor"]))
      for rule in GapRule.allCases {
        let expected = try #require(Int(row[rule.rawValue] ?? ""))
        #expect(
          rule.choose(gap: gap, standardErrors: se, seFactor: factor) == expected - 1,
          "\(row["name"]!) \(rule.rawValue) SE.factor \(factor)")
      }
    }
  }
}
