/// The assignment problem: a matching of the rows of an r × c weight table to its columns, each
/// row to at most one column and each column to at most one row, with every row matched when
/// r ≤ c (every column when r > c), whose total weight is the largest possible.
///
/// Used to match the labels of two clusterings of the same points: on their contingency table
/// the matched weight is the number of points the best relabelling puts in agreement.
///
/// The method is Kuhn's Hungarian algorithm in its shortest-augmenting-path form with dual
/// potentials: rows are added one at a time, each along the cheapest alternating path of
/// reduced costs, which the potentials keep non-negative, so the matching of the first i rows
/// is optimal after step i. Weights are maximised by minimising their negatives; integer
/// weights (counts) below 2⁵³ are handled exactly.
///
/// Ties: when several matchings share the largest weight, the one returned is determined by the
/// table alone (the scan order of rows and columns), never by chance.
///
/// Citation: H. W. Kuhn (1955), "The Hungarian method for the assignment problem", Naval
/// Research Logistics Quarterly 2, 83–97; J. Edmonds and R. M. Karp (1972), "Theoretical
/// improvements in algorithmic efficiency for network flow problems", Journal of the ACM 19(2),
/// 248–264 (the potentials that keep shortest-path searches on non-negative costs).
enum Hungarian {
  /// A maximum-weight matching of `weights` (row-major, `rows` × `columns`, finite values).
  /// - Returns: For every row, its column, or `nil` for the rows left unmatched when there are
  ///   more rows than columns.
  /// - Complexity: O(min(r, c)² · max(r, c)) time, O(r + c) extra memory (O(r c) when r > c,
  ///   for the transposed table).
  static func maximumWeightMatching(_ weights: [Double], rows: Int, columns: Int) -> [Int?] {
    precondition(weights.count == rows * columns, "the table holds rows × columns weights")
    guard rows > 0, columns > 0 else { return [Int?](repeating: nil, count: rows) }
    if rows <= columns {
      return minimumCostRowMatching(rows: rows, columns: columns) { -weights[$0 * columns + $1] }
    }
    let columnToRow = minimumCostRowMatching(rows: columns, columns: rows) { -weights[$1 * columns + $0] }
    var rowToColumn = [Int?](repeating: nil, count: rows)
    for (column, row) in columnToRow.enumerated() { rowToColumn[row!] = column }
    return rowToColumn
  }

  /// The total weight of a maximum-weight matching of `weights` (row-major, `rows` × `columns`).
  /// - Complexity: as `maximumWeightMatching`.
  static func maximumWeight(_ weights: [Double], rows: Int, columns: Int) -> Double {
    maximumWeightMatching(weights, rows: rows, columns: columns).enumerated().reduce(0) { total, pair in
      guard let column = pair.element else { return total }
      return total + weights[pair.offset * columns + column]
    }
  }

  /// A minimum-cost matching that matches every one of `rows` ≤ `columns` rows, with
  /// `cost(row, column)` the cost of a pair.
  ///
  /// Row i is added by a Dijkstra-like search from it over reduced costs
  /// cost(r, c) − u[r] − v[c] ≥ 0: `slack[c]` is the cheapest reduced cost of reaching column c
  /// so far and `via[c]` the column before it on that path; the potentials are raised by each
  /// step's least slack, which keeps every reduced cost non-negative and every matched pair's
  /// zero. When the search reaches a free column, the path's pairs are flipped.
  private static func minimumCostRowMatching(rows: Int, columns: Int, cost: (Int, Int) -> Double) -> [Int?] {
    // Column 0 is a sentinel holding the row being added; real columns are 1…columns and rows
    // 1…rows (row 0 means "free").
    var rowPotential = [Double](repeating: 0, count: rows + 1)
    var columnPotential = [Double](repeating: 0, count: columns + 1)
    var rowOfColumn = [Int](repeating: 0, count: columns + 1)
    var via = [Int](repeating: 0, count: columns + 1)
    for row in 1...rows {
      rowOfColumn[0] = row
      var column = 0
      var slack = [Double](repeating: .infinity, count: columns + 1)
      var reached = [Bool](repeating: false, count: columns + 1)
      repeat {
        reached[column] = true
        let current = rowOfColumn[column]
        var step = Double.infinity
        var next = 0
        for candidate in 1...columns where !reached[candidate] {
          let reduced = cost(current - 1, candidate - 1) - rowPotential[current] - columnPotential[candidate]
          if reduced < slack[candidate] {
            slack[candidate] = reduced
            via[candidate] = column
          }
          if slack[candidate] < step {
            step = slack[candidate]
            next = candidate
          }
        }
        for candidate in 0...columns {
          if reached[candidate] {
            rowPotential[rowOfColumn[candidate]] += step
            columnPotential[candidate] -= step
          } else {
            slack[candidate] -= step
          }
        }
        column = next
      } while rowOfColumn[column] != 0
      repeat {
        let previous = via[column]
        rowOfColumn[column] = rowOfColumn[previous]
        column = previous
      } while column != 0
    }
    var columnOfRow = [Int?](repeating: nil, count: rows)
    for column in 1...columns where rowOfColumn[column] != 0 { columnOfRow[rowOfColumn[column] - 1] = column - 1 }
    return columnOfRow
  }
}
