import KSelect

/// The words the summaries share for the structure verdict and the selection frequencies, so
/// that summary.json, summary.md and the figures say the same thing.
enum DecisionText {
  /// Where the Hopkins statistic draws its uniform points, and how it measures distances.
  static let hopkinsWindow = "features' box widened by range/(n−1) per side, toroidal distances"
  /// How the selection frequencies' resamples are drawn.
  static let resamplingScheme = "subsamples without replacement"

  /// The verdict in a word or two: `structure`, `no structure` or `not tested`.
  static func verdict(_ structure: StructureVerdict) -> String {
    switch structure.hasStructure {
    case true?: return "structure"
    case false?: return "no structure"
    case nil: return "not tested"
    }
  }

  /// Why a sweep has no selection frequencies (one clause).
  static func noFrequencies(_ result: SweepResult) -> String {
    result.options.resamples == 0
      ? "not computed (\(result.options.naming.name(.resamples)) 0)"
      : "not computed: the data are too small to subsample"
  }

  /// The sentence's first letter in upper case, unless it starts with the symbol k.
  static func capitalized(_ text: String) -> String {
    text.hasPrefix("k ") ? text : text.prefix(1).uppercased() + text.dropFirst()
  }
}
