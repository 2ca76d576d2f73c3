/// A data set made ready for repeated k-means fits: centred (the distance kernels lose
/// precision far from the origin), brought to a safe magnitude, and with the quantities every
/// fit needs computed once.
///
/// Data whose centred magnitude lies outside [10⁻¹⁰⁰, 10¹⁰⁰] are multiplied by an exact power
/// of two (`scale`) so that squared distances neither underflow nor overflow; fits work in that
/// space and `KMeans` maps their results back. Ordinary data keep `scale == 1`.
///
/// The sweep builds one and shares it across every k and restart.
public struct PreparedData: Sendable {
  /// The centred data (each column has mean 0), multiplied by `scale`.
  public let centred: Dataset
  /// The column means that were subtracted.
  public let means: [Double]
  /// The exact power of two the centred data were multiplied by (1 for ordinary data).
  public let scale: Double
  /// The mean of the column variances of `centred`: the scale of the convergence tolerance
  /// (as scikit-learn's `tol`), in the prepared space.
  public let meanVariance: Double
  /// The total sum of squares T = W_1, in the data's own units.
  public let totalSumOfSquares: Double
  /// The largest magnitude of a centred value, in the data's own units.
  public let largestCentredMagnitude: Double
  /// ‖x‖² of every centred row (the distance kernels' expanded form needs it).
  let rowNorms: [Double]
  /// The largest of `rowNorms` (0 without rows): the scale of the kernels' rounding margins.
  let largestRowNorm: Double

  /// Prepares `data` (in the space the clustering uses, i.e. already scaled): one pass for the
  /// means, one that centres the rows into a new buffer and takes their squared norms and sum,
  /// and, only when the magnitude needs `scale`, one more that rescales and sums again.
  public init(_ data: Dataset) {
    let n = data.rowCount
    let d = data.columnCount
    let means = data.columnMeans()
    var rowNorms = [Double](repeating: 0, count: n)
    var total = 0.0
    var largest = 0.0
    let centredValues = [Double](unsafeUninitializedCapacity: n * d) { out, initialized in
      data.values.withUnsafeBufferPointer { x in
        for i in 0..<n {
          var sum = 0.0
          for j in 0..<d {
            let value = x[i * d + j] - means[j]
            out[i * d + j] = value
            largest = max(largest, abs(value))
            sum += value * value
            total += value * value
          }
          rowNorms[i] = sum
        }
      }
      initialized = n * d
    }
    var centred = Dataset(rowCount: n, columnCount: d, values: centredValues, featureNames: data.featureNames)
    let scale = Self.safeScale(largest: largest)
    if scale != 1 {
      total = 0
      centred.values.withUnsafeMutableBufferPointer { v in
        for i in 0..<n {
          var sum = 0.0
          for j in 0..<d {
            v[i * d + j] *= scale
            sum += v[i * d + j] * v[i * d + j]
            total += v[i * d + j] * v[i * d + j]
          }
          rowNorms[i] = sum
        }
      }
    }
    self.rowNorms = rowNorms
    self.largestRowNorm = rowNorms.max() ?? 0
    self.centred = centred
    self.means = means
    self.scale = scale
    self.largestCentredMagnitude = largest
    // Divided twice: scale² itself may overflow (subnormal data), the result may underflow.
    self.totalSumOfSquares = total / scale / scale
    self.meanVariance = n > 0 && d > 0 ? total / Double(n * d) : 0
  }

  /// 1 when `largest` is zero or within [10⁻¹⁰⁰, 10¹⁰⁰]; otherwise the power of two that brings
  /// it into [1, 2), or as close as a finite power of two can (2¹⁰²³ brings the smallest
  /// subnormal, 2⁻¹⁰⁷⁴, to 2⁻⁵¹).
  static func safeScale(largest: Double) -> Double {
    guard largest > 0, largest < 1e-100 || largest > 1e100 else { return 1 }
    let exponent = min(-largest.exponent, Double.greatestFiniteMagnitude.exponent)
    return Double(sign: .plus, exponent: exponent, significand: 1)
  }

  /// The smallest centred magnitude whose square is a double with full precision and 53 bits of
  /// room below it (2⁻⁴⁸⁴ ≈ 10⁻¹⁴⁶): for smaller data the squared distances and sums of squares
  /// the criteria read, in the data's own units, are subnormal or 0.
  public static let smallestSquarableMagnitude = Double(sign: .plus, exponent: -484, significand: 1)

  /// Whether the data are so small that their squared distances underflow in their own units
  /// (W_k then reads 0 whatever k, and no criterion can decide): rescaling them, with
  /// `Scaling.zscore` for instance, cures it.
  public var squaresUnderflow: Bool {
    largestCentredMagnitude > 0 && largestCentredMagnitude < Self.smallestSquarableMagnitude
  }

  /// Number of points.
  public var rowCount: Int { centred.rowCount }
  /// Number of features.
  public var columnCount: Int { centred.columnCount }

  /// Whether a within-cluster sum of squares is zero up to rounding: at most 10⁻²⁰ of the total
  /// sum of squares (centring and averaging identical points leave residues near 10⁻³⁰ T).
  public func isEffectivelyZero(_ wcss: Double) -> Bool { wcss <= 1e-20 * totalSumOfSquares }

  /// Whether the data hold at least `count` distinct points (stops counting once they do).
  /// - Complexity: O(n d) expected.
  public func hasDistinctRows(atLeast count: Int) -> Bool { distinctRowCount(upTo: count) >= count }

  /// The number of distinct points (as the fits see them: centred rows), counted up to `limit`.
  /// - Complexity: O(n d) expected.
  public func distinctRowCount(upTo limit: Int) -> Int { centred.distinctRowCount(upTo: limit) }
}
