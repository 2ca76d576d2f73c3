extension SweepResult {
  /// The answer in a few words, as the reports' headlines and the figures' titles state it:
  /// "no clear cluster structure; k = 1", "k = 3", or "k = 3 (structure not tested)".
  public var headline: String {
    switch structure.hasStructure {
    case false?: return "no clear cluster structure; k = 1"
    case true?: return "k = \(decision.k)"
    case nil: return "k = \(decision.k) (structure not tested)"
    }
  }

  /// How often the decision's k was chosen again on the subsamples, and the other k chosen
  /// ("k = 5 in 9 of 20 subsamples of 120 points; k = 4 in 6, k = 6 in 5"), `nil` without
  /// selection frequencies.
  public var confidence: String? {
    guard let frequencies = selectionFrequencies,
      let counts = frequencies.counts(SelectionCounts.recommendationName)
    else { return nil }
    let others = counts.counts.filter { $0.key != decision.k }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    let main =
      "k = \(decision.k) in \(counts.count(of: decision.k)) of \(frequencies.resamples) subsamples "
      + "of \(frequencies.subsampleSize) points"
    return others.isEmpty ? main : main + "; " + others.map { "k = \($0.key) in \($0.value)" }.joined(separator: ", ")
  }
}
