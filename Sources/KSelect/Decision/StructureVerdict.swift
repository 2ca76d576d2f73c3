/// Whether the data show cluster structure at all, and the evidence for the verdict.
public struct StructureVerdict: Sendable, Codable, Equatable {
  /// `true` when the data show structure, `false` for "no clear cluster structure; k = 1",
  /// `nil` when the sweep cannot test it (no reference data sets, or k = 1 not in the sweep).
  public var hasStructure: Bool?
  /// The gap statistic's Monte Carlo test (`nil` when it cannot run).
  public var gapTest: GapStructureTest?
  /// The k that Tibshirani et al.'s rule picks on the gap curve over every k of the sweep
  /// (`nil` without a gap curve).
  public var gapRuleK: Int?
  /// The Hopkins statistic (reported beside the verdict, not part of it; `nil` for n < 3).
  public var hopkins: HopkinsResult?
  /// One or two sentences: the verdict and why.
  public var reason: String

  /// Creates a verdict from its parts.
  public init(
    hasStructure: Bool?, gapTest: GapStructureTest?, gapRuleK: Int?, hopkins: HopkinsResult?, reason: String
  ) {
    self.hasStructure = hasStructure
    self.gapTest = gapTest
    self.gapRuleK = gapRuleK
    self.hopkins = hopkins
    self.reason = reason
  }
}
