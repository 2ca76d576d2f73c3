import Foundation

/// The gap statistic's Monte Carlo test of "no cluster structure" (Barnard 1963; Besag &
/// Diggle 1977), on the references the sweep has already fitted.
///
/// Under the null hypothesis the data are one more draw from the references' distribution, so the
/// data's curve ln W_k and the B references' curves ln W*_kb (k = 1…K) are exchangeable. For each
/// of these B + 1 curves c, its gap curve is taken against the mean of the other B curves,
/// Gap_c(k) = mean_{c' ≠ c} ln W_{c'}(k) − ln W_c(k), and its gain
/// T_c = max_{k ≥ 2} [Gap_c(k) − Gap_c(1)], how much better than at k = 1 the best k ≥ 2 does.
/// The p-value is the share of the B + 1 curves whose gain is at least the data's,
/// p = #{c : T_c ≥ T_data} / (B + 1); under the null P(p ≤ j/(B + 1)) = j/(B + 1) exactly. The
/// smallest attainable p-value, 1/(B + 1), is reached when the data's gain beats every
/// reference's (0.048 for B = 20).
///
/// Citation: G. A. Barnard (1963), discussion of "The spectral analysis of point processes", JRSS
/// B 25, 294; J. Besag and P. J. Diggle (1977), "Simple Monte Carlo tests for spatial pattern",
/// Applied Statistics 26(3), 327–333.
public struct GapStructureTest: Sendable, Codable, Equatable {
  /// T_data, the data's gain max_{k ≥ 2} [Gap(k) − Gap(1)] against the other curves.
  public var statistic: Double
  /// The Monte Carlo p-value, in {1/(B + 1), 2/(B + 1), …, 1}.
  public var pValue: Double
  /// B, the number of reference data sets.
  public var references: Int

  /// Gains closer than this are ties (they count against the data).
  static let tieTolerance = 1e-12

  /// The smallest p-value the test can give, 1/(B + 1): the level at which the sweep declares
  /// structure.
  public var level: Double { 1 / Double(references + 1) }

  /// Whether the data's gain beats every reference's (p = 1/(B + 1)).
  public var rejectsNull: Bool { pValue <= level + Self.tieTolerance }

  /// The test on the data's ln W_k and the references' ln W*_kb.
  ///
  /// - Parameters:
  ///   - logW: ln W_k of the data for k = 1…K (K ≥ 2, all finite).
  ///   - referenceLogW: ln W*_kb, one array of B ≥ 1 values per k, in the order of `logW`.
  /// - Returns: The test, or `nil` when K < 2 or there is no reference.
  /// - Complexity: O(K B).
  public static func run(logW: [Double], referenceLogW: [[Double]]) -> GapStructureTest? {
    let count = logW.count
    guard count >= 2, referenceLogW.count == count, let b = referenceLogW.first?.count, b >= 1 else { return nil }
    // Curve 0 is the data, curve c ≥ 1 is reference c − 1.
    var curves: [[Double]] = [logW]
    for c in 0..<b { curves.append(referenceLogW.map { $0[c] }) }
    var totals = [Double](repeating: 0, count: count)
    for curve in curves { for k in 0..<count { totals[k] += curve[k] } }
    let others = Double(b)
    let gains = curves.map { curve -> Double in
      var best = -Double.infinity
      let first = (totals[0] - curve[0]) / others - curve[0]
      for k in 1..<count { best = max(best, (totals[k] - curve[k]) / others - curve[k]) }
      return best - first
    }
    let atLeast = gains.filter { $0 >= gains[0] - tieTolerance }.count
    return GapStructureTest(statistic: gains[0], pValue: Double(atLeast) / Double(b + 1), references: b)
  }
}
