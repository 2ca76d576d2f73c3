/// A numeric data matrix: `rowCount` points (rows) of `columnCount` features (columns), stored
/// as one contiguous row-major buffer.
///
/// Notation used across the library: n = `rowCount`, d = `columnCount`, x_i = row i.
public struct Dataset: Sendable, Equatable {
  /// Number of points, n.
  public let rowCount: Int
  /// Number of features, d.
  public let columnCount: Int
  /// Row-major values: element (i, j) is `values[i * columnCount + j]`.
  public internal(set) var values: [Double]
  /// The feature names, one per column.
  public let featureNames: [String]

  /// Creates a data set from a row-major buffer.
  /// - Precondition: `values.count == rowCount * columnCount` and `featureNames.count == columnCount`.
  public init(rowCount: Int, columnCount: Int, values: [Double], featureNames: [String]? = nil) {
    precondition(values.count == rowCount * columnCount, "buffer size does not match the shape")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.featureNames = featureNames ?? (0..<columnCount).map { "x\($0 + 1)" }
    precondition(self.featureNames.count == columnCount, "one name per column")
  }

  /// Creates a data set from an array of equally long rows.
  public init(rows: [[Double]], featureNames: [String]? = nil) {
    let d = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == d }, "rows must have equal length")
    self.init(rowCount: rows.count, columnCount: d, values: rows.flatMap { $0 }, featureNames: featureNames)
  }

  /// Row `i` as an array (a copy; hot paths use the buffer directly).
  public func row(_ i: Int) -> [Double] {
    Array(values[(i * columnCount)..<((i + 1) * columnCount)])
  }

  /// The mean of every column.
  /// - Complexity: O(n d).
  public func columnMeans() -> [Double] {
    var means = [Double](repeating: 0, count: columnCount)
    guard rowCount > 0 else { return means }
    for i in 0..<rowCount {
      for j in 0..<columnCount { means[j] += values[i * columnCount + j] }
    }
    return means.map { $0 / Double(rowCount) }
  }

  /// The population variance (divisor n) of every column, computed around the mean.
  /// - Complexity: O(n d).
  public func columnVariances() -> [Double] {
    let means = columnMeans()
    var sums = [Double](repeating: 0, count: columnCount)
    guard rowCount > 0 else { return sums }
    for i in 0..<rowCount {
      for j in 0..<columnCount {
        let delta = values[i * columnCount + j] - means[j]
        sums[j] += delta * delta
      }
    }
    return sums.map { $0 / Double(rowCount) }
  }

  /// The largest magnitude of a value minus its column's mean (0 without rows).
  /// - Complexity: O(n d).
  public func largestCentredMagnitude() -> Double {
    let means = columnMeans()
    var largest = 0.0
    for i in 0..<rowCount {
      for j in 0..<columnCount { largest = max(largest, abs(values[i * columnCount + j] - means[j])) }
    }
    return largest
  }

  /// The total sum of squares around the overall mean, T = W_1.
  public func totalSumOfSquares() -> Double {
    columnVariances().reduce(0, +) * Double(rowCount)
  }

  /// The number of distinct rows (exact equality of all coordinates), counted by sorting the
  /// row indices, so that it needs no copy of the rows (memory estimates count rows with it).
  /// - Complexity: O(n log n · d) time, 8n bytes besides the data.
  public func distinctRowCount() -> Int {
    guard rowCount > 1 else { return rowCount }
    let d = columnCount
    return values.withUnsafeBufferPointer { v in
      func precedes(_ a: Int, _ b: Int) -> Bool {
        for j in 0..<d where v[a * d + j] != v[b * d + j] { return v[a * d + j] < v[b * d + j] }
        return false
      }
      let order = (0..<rowCount).sorted(by: precedes)
      var count = 1
      for q in 1..<order.count where precedes(order[q - 1], order[q]) { count += 1 }
      return count
    }
  }

  /// The number of distinct rows (exact equality of all coordinates), counted up to `limit`:
  /// the count stops growing once it reaches it, and copies of at most `limit` rows are held.
  /// - Complexity: O(n d) expected.
  public func distinctRowCount(upTo limit: Int) -> Int {
    var seen = Set<[Double]>()
    for i in 0..<rowCount {
      seen.insert(row(i))
      if seen.count >= limit { break }
    }
    return seen.count
  }

  /// A data set made of the rows at `indices`, in that order.
  public func selectingRows(_ indices: [Int]) -> Dataset {
    var out = [Double]()
    out.reserveCapacity(indices.count * columnCount)
    for i in indices { out.append(contentsOf: values[(i * columnCount)..<((i + 1) * columnCount)]) }
    return Dataset(rowCount: indices.count, columnCount: columnCount, values: out, featureNames: featureNames)
  }
}
