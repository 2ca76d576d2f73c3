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

  /// How often the decision's k was chosen again on the subsamples ("chosen in 18 of 20
  /// subsamples"), `nil` without selection frequencies.
  public var confidence: String? {
    guard let frequencies = selectionFrequencies,
      let counts = frequencies.counts(SelectionCounts.recommendationName)
    else { return nil }
    return "k = \(decision.k) in \(counts.count(of: decision.k)) of \(frequencies.resamples) subsamples "
      + "of \(frequencies.subsampleSize) points"
  }
}
