import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: normalised instability (Lange et al. 2004)")
struct InstabilityTests {
  /// Two labellings, their label counts and their disagreement worked out by hand.
  struct HandCase: Sendable {
    let own: [Int]
    let transferred: [Int]
    let ownLabels: Int
    let transferredLabels: Int
    let expected: Double
  }

  static let handCases: [HandCase] = [
    // Relabelled but identical: no disagreement.
    HandCase(own: [0, 0, 1, 1], transferred: [1, 1, 0, 0], ownLabels: 2, transferredLabels: 2, expected: 0),
    // [[2, 1], [0, 3]]: the identity keeps 5 of 6.
    HandCase(
      own: [0, 0, 0, 1, 1, 1], transferred: [0, 0, 1, 1, 1, 1], ownLabels: 2, transferredLabels: 2, expected: 1.0 / 6),
    // [[0, 2, 0], [1, 0, 1], [2, 0, 0]]: 0 → 1, 1 → 2, 2 → 0 keeps 2 + 1 + 2 = 5 of 6.
    HandCase(
      own: [0, 0, 1, 1, 2, 2], transferred: [1, 1, 2, 0, 0, 0], ownLabels: 3, transferredLabels: 3, expected: 1.0 / 6),
    // Three own labels against two: [[2, 0], [1, 1], [0, 2]] keeps 4 of 6.
    HandCase(
      own: [0, 0, 1, 1, 2, 2], transferred: [0, 0, 0, 1, 1, 1], ownLabels: 3, transferredLabels: 2, expected: 1.0 / 3),
    // Every point of its own cluster, all predicted together: 1 of 3 kept.
    HandCase(own: [0, 1, 2], transferred: [0, 0, 0], ownLabels: 3, transferredLabels: 3, expected: 2.0 / 3),
  ]

  @Test("disagreement after the best matching of labels, by hand", arguments: handCases)
  func disagreementByHand(_ hand: HandCase) {
    let table = ContingencyTable(
      hand.own, hand.transferred, rowLabels: hand.ownLabels, columnLabels: hand.transferredLabels)
    #expect(abs(Instability.disagreement(table) - hand.expected) < 1e-15, "\(hand)")
  }

  @Test(
    "d₀ for k = 2 against its closed form E[min(X, m − X)] / m, X ~ Binomial(m, ½)",
    arguments: [2, 7, 10, 75])
  func randomBaselineTwoLabels(size m: Int) {
    // Two labels agree on X ~ Binomial(m, 1/2) points; the better of the two matchings keeps
    // max(X, m − X), so the disagreement is min(X, m − X) / m.
    let probabilities = (0...m).map { x in exp(Self.logChoose(m, x) - Double(m) * log(2.0)) }
    let outcomes = (0...m).map { Double(min($0, m - $0)) / Double(m) }
    Self.expectMonteCarloAgreement(m: m, k: 2, probabilities: probabilities, outcomes: outcomes)
  }

  @Test("d₀ against the exact mean over every pair of labellings", arguments: [(3, 3), (4, 3), (4, 4), (5, 3)])
  func randomBaselineEnumerated(size m: Int, labels k: Int) {
    // All k^m × k^m pairs are equally likely.
    let labellings = Self.allLabellings(size: m, labels: k)
    var outcomes = [Double]()
    for first in labellings {
      for second in labellings {
        outcomes.append(Instability.disagreement(ContingencyTable(first, second, rowLabels: k, columnLabels: k)))
      }
    }
    let probability = 1 / Double(outcomes.count)
    Self.expectMonteCarloAgreement(
      m: m, k: k, probabilities: [Double](repeating: probability, count: outcomes.count), outcomes: outcomes)
  }

  @Test("the random tables: m trials over k² equal cells, about m / k² in each")
  func multinomialTables() {
    let random = RandomSource(seed: 5)
    var totals = [Int](repeating: 0, count: 9)
    for _ in 0..<200 {
      let counts = random.uniformMultinomial(trials: 90, cells: 9)
      #expect(counts.reduce(0, +) == 90 && counts.allSatisfy { $0 >= 0 })
      for cell in 0..<9 { totals[cell] += counts[cell] }
    }
    // Each cell's total over 200 tables is Binomial(18000, 1/9): mean 2000, sd ≈ 42.
    #expect(totals.allSatisfy { abs($0 - 2000) < 200 }, "\(totals)")
  }

  @Test("d₀ is a constant of (m, k): the same in every call")
  func baselineDeterministic() {
    #expect(
      Instability.randomDisagreement(size: 40, clusterCount: 3)
        == Instability.randomDisagreement(size: 40, clusterCount: 3))
    #expect(Instability.randomDisagreement(size: 1, clusterCount: 2) == 0)
  }

  @Test("the pick: the least mean among k ≥ 2, the larger k on exact ties, k = 1 never")
  func choose() {
    func value(_ mean: Double) -> StrengthValue { StrengthValue(mean: mean, standardError: 0.01, splits: 10) }
    #expect(Instability.choose(ks: [1, 2, 3, 4], instabilities: [value(0), value(0.3), value(0.1), value(0.1)]) == 4)
    #expect(Instability.choose(ks: [2, 3], instabilities: [nil, value(0.5)]) == 3)
    #expect(Instability.choose(ks: [1], instabilities: [value(0)]) == nil)
  }

  /// The Monte Carlo d₀(m, k) lies within 4 of its standard errors (from the exact variance) of
  /// the exact mean of `outcomes` under `probabilities`.
  static func expectMonteCarloAgreement(m: Int, k: Int, probabilities: [Double], outcomes: [Double]) {
    let mean = zip(probabilities, outcomes).reduce(0) { $0 + $1.0 * $1.1 }
    let variance = zip(probabilities, outcomes).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
    let standardError = (variance / Double(Instability.randomLabellingPairs)).squareRoot()
    let estimate = Instability.randomDisagreement(size: m, clusterCount: k)
    #expect(abs(estimate - mean) <= 4 * standardError, "m = \(m), k = \(k): \(estimate) vs \(mean) ± \(standardError)")
  }

  static func logChoose(_ n: Int, _ x: Int) -> Double {
    lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
  }

  /// Every labelling of `m` points with labels in 0..<k.
  static func allLabellings(size m: Int, labels k: Int) -> [[Int]] {
    var result: [[Int]] = [[]]
    for _ in 0..<m { result = result.flatMap { prefix in (0..<k).map { prefix + [$0] } } }
    return result
  }
}
