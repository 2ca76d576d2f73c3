/// The sweep's answer: the recommended k, the rule that chose it and why.
public struct Decision: Sendable, Codable, Equatable {
  /// The recommended number of clusters (1 when the data show no clear cluster structure).
  public var k: Int
  /// The rule, as stated in the reports (`DecisionRule.statement`).
  public var rule: String
  /// One sentence: how the rule reached `k` on these data.
  public var reason: String
  /// The range of k the gap curve's two readings bracket, when the rule used them.
  public var gapBracket: ClosedRange<Int>?

  /// Creates a decision from its parts.
  public init(k: Int, rule: String, reason: String, gapBracket: ClosedRange<Int>? = nil) {
    self.k = k
    self.rule = rule
    self.reason = reason
    self.gapBracket = gapBracket
  }
}
