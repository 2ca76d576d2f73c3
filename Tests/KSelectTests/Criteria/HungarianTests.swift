import Testing

@testable import KSelect

@Suite("Criteria: the assignment problem (Hungarian algorithm)")
struct HungarianTests {
  @Test("a 3 × 3 table by hand")
  func square() {
    // The six permutations weigh 6, 11, 5, 9, 7, 6: the best is row 0 → 0, 1 → 2, 2 → 1 (4 + 5 + 2).
    let weights: [Double] = [4, 1, 3, 2, 0, 5, 3, 2, 2]
    #expect(Hungarian.maximumWeightMatching(weights, rows: 3, columns: 3) == [0, 2, 1])
    #expect(Hungarian.maximumWeight(weights, rows: 3, columns: 3) == 11)
  }

  @Test("more columns than rows: every row matched, a tie between two best matchings")
  func wide() {
    // [[1, 5, 3], [4, 6, 2]]: 5 + 4 = 9 and 3 + 6 = 9 tie; 7 is the next best.
    let weights: [Double] = [1, 5, 3, 4, 6, 2]
    let matching = Hungarian.maximumWeightMatching(weights, rows: 2, columns: 3)
    #expect(matching == [1, 0] || matching == [2, 1])
    #expect(Hungarian.maximumWeight(weights, rows: 2, columns: 3) == 9)
    #expect(Hungarian.maximumWeightMatching(weights, rows: 2, columns: 3) == matching)
  }

  @Test("more rows than columns: one row left unmatched")
  func tall() {
    // [[1, 4], [5, 6], [3, 2]]: 4 + 5 = 9 and 6 + 3 = 9 tie; 7 is the next best.
    let weights: [Double] = [1, 4, 5, 6, 3, 2]
    let matching = Hungarian.maximumWeightMatching(weights, rows: 3, columns: 2)
    #expect(matching == [1, 0, nil] || matching == [nil, 1, 0])
    #expect(Hungarian.maximumWeight(weights, rows: 3, columns: 2) == 9)
  }

  @Test("a table of equal weights: any permutation, total k times the weight")
  func allTied() {
    let matching = Hungarian.maximumWeightMatching([Double](repeating: 2, count: 16), rows: 4, columns: 4)
    #expect(Set(matching.compactMap { $0 }) == Set(0..<4))
    #expect(Hungarian.maximumWeight([Double](repeating: 2, count: 16), rows: 4, columns: 4) == 8)
  }

  @Test("negative weights, a single cell and empty tables")
  func edges() {
    #expect(Hungarian.maximumWeightMatching([-1, -2, -3, -1], rows: 2, columns: 2) == [0, 1])
    #expect(Hungarian.maximumWeightMatching([7], rows: 1, columns: 1) == [0])
    #expect(Hungarian.maximumWeightMatching([], rows: 0, columns: 3) == [])
    #expect(Hungarian.maximumWeightMatching([], rows: 2, columns: 0) == [nil, nil])
    #expect(Hungarian.maximumWeight([], rows: 2, columns: 0) == 0)
  }

  @Test("the best weight of every enumerated matching, on random small tables with many ties")
  func againstEnumeration() {
    let random = RandomSource(seed: 17)
    for rows in 1...5 {
      for columns in 1...5 {
        for _ in 0..<20 {
          let weights = (0..<(rows * columns)).map { _ in Double(random.uniformInt(below: 5)) }
          let matching = Hungarian.maximumWeightMatching(weights, rows: rows, columns: columns)
          let matched = matching.compactMap { $0 }
          #expect(matched.count == min(rows, columns) && Set(matched).count == matched.count)
          let total = Hungarian.maximumWeight(weights, rows: rows, columns: columns)
          #expect(total == Self.bestByEnumeration(weights, rows: rows, columns: columns), "\(weights)")
        }
      }
    }
  }

  /// The largest total weight over every one-to-one matching of min(r, c) rows and columns.
  static func bestByEnumeration(_ weights: [Double], rows: Int, columns: Int) -> Double {
    func best(row: Int, used: Set<Int>, unmatchedLeft: Int) -> Double {
      guard row < rows else { return 0 }
      var value = -Double.infinity
      if unmatchedLeft > 0 { value = best(row: row + 1, used: used, unmatchedLeft: unmatchedLeft - 1) }
      for column in 0..<columns where !used.contains(column) {
        value = max(
          value,
          weights[row * columns + column] + best(row: row + 1, used: used.union([column]), unmatchedLeft: unmatchedLeft)
        )
      }
      return value
    }
    return best(row: 0, used: [], unmatchedLeft: max(0, rows - columns))
  }
}
