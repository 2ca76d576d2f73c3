import KSelect

/// The selection frequencies laid out as summary.md's table and the heat map draw them: one row
/// per resampled criterion (in the reports' order) and one for the recommendation, one column per
/// k of the sweep, and a last column for "no choice" when a subsample or the full data made none.
struct SelectionGrid {
  /// One cell: how many subsamples chose the column's k, and whether the full data did.
  struct Cell: Equatable {
    /// The number of subsamples.
    var count: Int
    /// Whether the sweep on the full data chose this k (or, in the last column, none).
    var isFullChoice: Bool
  }

  /// The number of subsamples.
  let resamples: Int
  /// The columns' k, `nil` for "no choice".
  let columns: [Int?]
  /// The rows: the criterion's name (or `SelectionCounts.recommendationName`) and its cells.
  let rows: [(name: String, cells: [Cell])]

  /// The grid of `result`'s frequencies, `nil` when it has none.
  init?(_ result: SweepResult) {
    guard let frequencies = result.selectionFrequencies else { return nil }
    let full = frequencies.choices.map { choice -> Int? in
      choice.name == SelectionCounts.recommendationName
        ? result.decision.k : result.recommendation(Criterion(rawValue: choice.name))?.k
    }
    let showsNone = zip(frequencies.choices, full).contains { $0.undecided > 0 || $1 == nil }
    let columns: [Int?] = result.ks.map { $0 } + (showsNone ? [nil] : [])
    resamples = frequencies.resamples
    self.columns = columns
    rows = zip(frequencies.choices, full).map { choice, full in
      (choice.name, columns.map { Cell(count: choice.count(of: $0), isFullChoice: $0 == full) })
    }
  }

  /// The column's heading: `k = 3`, or `no choice`.
  static func heading(_ k: Int?) -> String { k.map { "k = \($0)" } ?? "no choice" }
}
