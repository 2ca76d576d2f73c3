/// Turns the metrics table into each criterion's recommendation and the consensus.
enum Recommendations {
  /// The consensus rule, as stated in the summaries.
  static let consensusRule =
    "the k recommended by the most criteria; a tie goes to the smaller k (the more parsimonious model)"

  /// Every criterion's recommendation, in `Criterion.allCases` order.
  static func make(metrics: [KMetrics], options: SweepOptions) -> [CriterionRecommendation] {
    Criterion.allCases.map { criterion in
      switch criterion {
      case .elbow: return elbow(metrics, sensitivity: options.kneeSensitivity)
      case .gap: return gap(metrics, options: options)
      case .fk: return fk(metrics)
      case .silhouette:
        return extremum(metrics, criterion, \.silhouette, largest: true, name: "mean silhouette")
      case .calinskiHarabasz:
        return extremum(metrics, criterion, \.calinskiHarabasz, largest: true, name: "Calinski–Harabasz index")
      case .daviesBouldin:
        return extremum(metrics, criterion, \.daviesBouldin, largest: false, name: "Davies–Bouldin index")
      }
    }
  }

  static func elbow(_ metrics: [KMetrics], sensitivity: Double) -> CriterionRecommendation {
    guard metrics.count >= 3 else {
      return CriterionRecommendation(
        criterion: .elbow, k: nil, reason: "a knee needs at least 3 values of k; the sweep has \(metrics.count)")
    }
    let knee = Kneedle.knee(
      x: metrics.map { Double($0.k) }, y: metrics.map(\.wcss), sensitivity: sensitivity)
    guard let knee else {
      return CriterionRecommendation(
        criterion: .elbow, k: nil,
        reason: "Kneedle (S = \(sensitivity)) finds no knee in the WCSS curve: it bends nowhere more than elsewhere")
    }
    let k = Int(knee.rounded())
    return CriterionRecommendation(
      criterion: .elbow, k: k, reason: "Kneedle (S = \(sensitivity)) finds the knee of the WCSS curve at k = \(k)")
  }

  static func gap(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    guard options.references > 0 else {
      return CriterionRecommendation(criterion: .gap, k: nil, reason: "the gap statistic was skipped (--references 0)")
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

  static func fk(_ metrics: [KMetrics]) -> CriterionRecommendation {
    let verdict = PhamDimovNguyen.recommend(ks: metrics.map(\.k), values: metrics.map(\.fk))
    guard !verdict.clearStructure else {
      return CriterionRecommendation(criterion: .fk, k: verdict.k, reason: verdict.reason)
    }
    // Pham, Dimov & Nguyen read "no f(K) below 0.85" as data without cluster structure: K = 1.
    let hasOne = metrics.first?.k == 1
    return CriterionRecommendation(
      criterion: .fk, k: hasOne ? 1 : nil,
      reason: verdict.reason + (hasOne ? "; read as k = 1" : "; k = 1 is outside the sweep, so no recommendation"))
  }

  static func extremum(
    _ metrics: [KMetrics], _ criterion: Criterion, _ value: KeyPath<KMetrics, Double?>, largest: Bool, name: String
  ) -> CriterionRecommendation {
    var best: (k: Int, value: Double)? = nil
    for row in metrics {
      guard let v = row[keyPath: value], v.isFinite else { continue }
      if best == nil || (largest ? v > best!.value : v < best!.value) { best = (row.k, v) }
    }
    guard let best else {
      return CriterionRecommendation(
        criterion: criterion, k: nil, reason: "the \(name) needs k ≥ 2; the sweep has no such k")
    }
    return CriterionRecommendation(
      criterion: criterion, k: best.k,
      reason: "the \(largest ? "largest" : "smallest") \(name) (\(best.value)) is at k = \(best.k)")
  }

  /// No recommendation from `criterion`, because the data (`prepared`) are too small for their
  /// squared distances to be represented in their own units.
  static func undecided(_ criterion: Criterion, magnitude prepared: PreparedData) -> CriterionRecommendation {
    CriterionRecommendation(
      criterion: criterion, k: nil,
      reason: "the data's values (centred magnitude up to \(prepared.largestCentredMagnitude)) are too small for their "
        + "squared distances in double precision, so W_k and this criterion are meaningless; rescale them "
        + "(--scaling zscore)")
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

  /// The k whose assignments are reported: the consensus, or k_min when no criterion decides
  /// (a consensus exists whenever any criterion recommends a k).
  static func reportedK(consensus: Consensus, kMin: Int) -> Int { consensus.k ?? kMin }
}
