/// The cross-tabulation of two labellings of the same points: n_ab, the number of points with
/// label a in the first and label b in the second, and the pair counts built from it.
///
/// Pair counts are over ordered pairs of distinct points (i, j), i ≠ j: a group of m points holds
/// m (m − 1) of them.
struct ContingencyTable {
  /// The number of labels of the first labelling (rows) and of the second (columns).
  let rowLabels: Int
  let columnLabels: Int
  /// n_ab, row-major (`rowLabels` × `columnLabels`).
  let counts: [Int]

  /// Tabulates `first` (labels in 0..<rowLabels) against `second` (labels in 0..<columnLabels).
  /// - Precondition: both labellings have the same length.
  /// - Complexity: O(n + rowLabels · columnLabels).
  init(_ first: [Int], _ second: [Int], rowLabels: Int, columnLabels: Int) {
    precondition(first.count == second.count, "the labellings must cover the same points")
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    var counts = [Int](repeating: 0, count: rowLabels * columnLabels)
    for (a, b) in zip(first, second) { counts[a * columnLabels + b] += 1 }
    self.counts = counts
  }

  /// A table of given counts n_ab (row-major, `rowLabels` × `columnLabels`).
  init(counts: [Int], rowLabels: Int, columnLabels: Int) {
    precondition(counts.count == rowLabels * columnLabels, "the table holds rowLabels × columnLabels counts")
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.counts = counts
  }

  /// The size of row label a.
  func rowTotal(_ a: Int) -> Int {
    (0..<columnLabels).reduce(0) { $0 + counts[a * columnLabels + $1] }
  }

  /// The ordered pairs of points of row label a that the second labelling also puts together,
  /// Σ_b n_ab (n_ab − 1).
  func pairsKeptTogether(row a: Int) -> Int {
    (0..<columnLabels).reduce(0) { total, b in
      let m = counts[a * columnLabels + b]
      return total + m * (m - 1)
    }
  }
}
