extension SweepResult {
  /// The answer in a few words, as the reports' headlines and the figures' titles state it:
  /// "no clear cluster structure; k = 1", "k = 3", "k = 3 (structure not tested)", with
  /// ", uncertain" when fewer than half of the subsamples repeat the k.
  public var headline: String {
    let doubt = isUncertain ? ", uncertain" : ""
    switch structure.hasStructure {
    case false?: return "no clear cluster structure; k = 1" + doubt
    case true?: return "k = \(decision.k)" + doubt
    case nil: return "k = \(decision.k) (structure not tested)" + doubt
    }
  }

  /// Whether fewer than half of the subsamples chose the decision's k (`false` without
  /// selection frequencies).
  public var isUncertain: Bool {
    guard let frequencies = selectionFrequencies,
      let counts = frequencies.counts(SelectionCounts.recommendationName)
    else { return false }
    return 2 * counts.count(of: decision.k) < frequencies.resamples
  }

  /// How often the decision's k was chosen again on the subsamples, and the other k chosen
  /// ("k = 3 in 18 of 20 subsamples of 120 points; k = 4 in 2"); when fewer than half of the
  /// subsamples repeat it, the sentence says the choice is uncertain. `nil` without selection
  /// frequencies.
  public var confidence: String? {
    guard let frequencies = selectionFrequencies,
      let counts = frequencies.counts(SelectionCounts.recommendationName)
    else { return nil }
    let others = counts.counts.filter { $0.key != decision.k }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    let repeated = counts.count(of: decision.k)
    let minority = isUncertain
    let main =
      "k = \(decision.k) in \(minority ? "only " : "")\(repeated) of \(frequencies.resamples) subsamples "
      + "of \(frequencies.subsampleSize) points" + (minority ? ", fewer than half: the choice of k is uncertain" : "")
    return others.isEmpty ? main : main + "; " + others.map { "k = \($0.key) in \($0.value)" }.joined(separator: ", ")
  }
}
