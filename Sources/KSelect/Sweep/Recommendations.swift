/// Turns the metrics table into each criterion's recommendation and the plurality vote.
enum Recommendations {
  /// The consensus rule, as stated in the summaries.
  static let consensusRule =
    "the k recommended by the most criteria; a tie goes to the smaller k (the more parsimonious model)"

  /// Every criterion's recommendation, in `SweepCriteria` order.
  static func make(metrics: [KMetrics], options: SweepOptions) -> [CriterionRecommendation] {
    SweepCriteria.all.map { $0.recommendation(metrics, options: options) }
  }

  /// No recommendation from `criterion`, because the data (`prepared`) are too small for their
  /// squared distances to be represented in their own units; the advice names the scaling
  /// parameter as `naming` does.
  static func undecided(
    _ criterion: Criterion, magnitude prepared: PreparedData, naming: ParameterNaming
  ) -> CriterionRecommendation {
    CriterionRecommendation(
      criterion: criterion, k: nil,
      reason: "the data's values (centred magnitude up to \(prepared.largestCentredMagnitude)) are too small for their "
        + "squared distances in double precision, so W_k and this criterion are meaningless; rescale them "
        + "(\(naming.name(.scaling)) zscore)")
  }

  /// The k most criteria recommend; ties go to the smaller k.
  static func consensus(_ recommendations: [CriterionRecommendation]) -> Consensus {
    var votes = [Int: Int]()
    for recommendation in recommendations {
      if let k = recommendation.k { votes[k, default: 0] += 1 }
    }
    guard let most = votes.values.max() else {
      return Consensus(k: nil, agreeing: [], votes: [:], rule: consensusRule)
    }
    let k = votes.filter { $0.value == most }.keys.min()!
    let agreeing = recommendations.filter { $0.k == k }.map(\.criterion)
    return Consensus(k: k, agreeing: agreeing, votes: votes, rule: consensusRule)
  }
}
