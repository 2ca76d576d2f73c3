/// How often each criterion and the recommendation chose each k on resamples of the data: the
/// uncertainty of the chosen k ("k = 3 in 18 of 20 resamples").
public struct SelectionFrequencies: Sendable, Codable, Equatable {
  /// N, the number of resamples.
  public var resamples: Int
  /// m, the rows of every resample (drawn without replacement).
  public var subsampleSize: Int
  /// n, the rows of the data.
  public var rowCount: Int
  /// One row per criterion that is resampled, in the reports' order, then the recommendation.
  public var choices: [SelectionCounts]

  /// Creates the frequencies from their parts.
  public init(resamples: Int, subsampleSize: Int, rowCount: Int, choices: [SelectionCounts]) {
    self.resamples = resamples
    self.subsampleSize = subsampleSize
    self.rowCount = rowCount
    self.choices = choices
  }

  /// The row named `name` (a criterion's name, or `SelectionCounts.recommendationName`).
  public func counts(_ name: String) -> SelectionCounts? { choices.first { $0.name == name } }
}

/// How often one criterion (or the recommendation) chose each k over the resamples.
public struct SelectionCounts: Sendable, Codable, Equatable {
  /// The name used for the recommendation's row.
  public static let recommendationName = "recommendation"

  /// The criterion's name, or `recommendationName`.
  public var name: String
  /// The number of resamples that chose each k (only k chosen at least once).
  public var counts: [Int: Int]
  /// The number of resamples where it made no choice.
  public var undecided: Int

  /// Creates a row from its parts.
  public init(name: String, counts: [Int: Int], undecided: Int) {
    self.name = name
    self.counts = counts
    self.undecided = undecided
  }

  /// The number of resamples that chose `k`.
  public func count(of k: Int?) -> Int { k.map { counts[$0] ?? 0 } ?? undecided }
}
