/// A data set made ready for repeated k-means fits: centred (the distance kernels lose
/// precision far from the origin) and with the quantities every fit needs computed once.
///
/// The sweep builds one and shares it across every k and restart.
public struct PreparedData: Sendable {
  /// The centred data (each column has mean 0).
  public let centred: Dataset
  /// The column means that were subtracted.
  public let means: [Double]
  /// The mean of the column variances: scikit-learn's scale for the convergence tolerance.
  public let meanVariance: Double
  /// The total sum of squares T = W_1.
  public let totalSumOfSquares: Double

  /// Prepares `data` (in the space the clustering uses, i.e. already scaled).
  public init(_ data: Dataset) {
    let means = data.columnMeans()
    var centred = data
    let d = data.columnCount
    centred.values.withUnsafeMutableBufferPointer { v in
      for i in 0..<data.rowCount {
        for j in 0..<d { v[i * d + j] -= means[j] }
      }
    }
    var total = 0.0
    for value in centred.values { total += value * value }
    self.centred = centred
    self.means = means
    self.totalSumOfSquares = total
    self.meanVariance = data.rowCount > 0 && d > 0 ? total / Double(data.rowCount * d) : 0
  }

  /// Number of points.
  public var rowCount: Int { centred.rowCount }
  /// Number of features.
  public var columnCount: Int { centred.columnCount }

  /// Whether the data hold at least `count` distinct points (stops counting once they do).
  /// - Complexity: O(n d) expected.
  public func hasDistinctRows(atLeast count: Int) -> Bool {
    var seen = Set<[Double]>()
    let d = columnCount
    for i in 0..<rowCount {
      seen.insert(Array(centred.values[(i * d)..<((i + 1) * d)]))
      if seen.count >= count { return true }
    }
    return seen.count >= count
  }

  /// The number of distinct points, counted up to `limit`.
  public func distinctRowCount(upTo limit: Int) -> Int {
    var seen = Set<[Double]>()
    let d = columnCount
    for i in 0..<rowCount {
      seen.insert(Array(centred.values[(i * d)..<((i + 1) * d)]))
      if seen.count >= limit { break }
    }
    return seen.count
  }
}
