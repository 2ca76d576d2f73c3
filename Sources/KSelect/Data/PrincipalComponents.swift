import CGSL

/// The principal components of a data set: the orthonormal axes along which its variance is
/// largest, found with GSL's singular value decomposition.
///
/// With X_c the data centred on its column means, the scatter matrix C = X_cᵀ X_c is symmetric
/// positive semi-definite, so its SVD C = U S Uᵀ gives the principal axes (the columns of U)
/// and the variance along each (S_j / (n − 1)). Decomposing the d × d matrix C rather than the
/// n × d data keeps memory at O(d²) and works for any n, including n < d.
public struct PrincipalComponents: Sendable, Equatable {
  /// The number of features d.
  public let dimension: Int
  /// The column means the data were centred on.
  public let means: [Double]
  /// The principal axes, row-major, by decreasing variance: axis j is
  /// `axes[j * dimension ..< (j + 1) * dimension]`. Each axis's largest-magnitude loading is
  /// positive, so the signs do not depend on the SVD routine.
  public let axes: [Double]
  /// The fraction of the total variance along each axis (all 0 when the data are constant).
  public let explainedVarianceRatios: [Double]

  /// Fits the principal components of `data`, from its scatter matrix about the column means.
  /// - Complexity: O(n d² + d³) time, O(d²) extra memory.
  /// - Throws: `KSelectError.unusableData` when `data` has no rows or columns,
  ///   `KSelectError.numerical` when GSL's SVD fails.
  public init(fitting data: Dataset) throws {
    try Self.requireShape(data)
    let means = data.columnMeans()
    let scatter = data.values.withUnsafeBufferPointer { x in
      scatterMatrix(x.baseAddress!, dimension: data.columnCount, rows: 0..<data.rowCount, centre: means)
    }
    try self.init(scatter: scatter, means: means)
  }

  /// Fits the principal components of the data `prepared` was made from, from the scatter matrix
  /// of its centred rows (the same axes and shares; no second centring pass).
  /// - Complexity: O(n d² + d³) time, O(d²) extra memory.
  /// - Throws: as `init(fitting:)` for a `Dataset`.
  public init(fitting prepared: PreparedData) throws {
    try Self.requireShape(prepared.centred)
    let d = prepared.columnCount
    let scatter = prepared.centred.values.withUnsafeBufferPointer { x in
      scatterMatrix(x.baseAddress!, dimension: d, rows: 0..<prepared.rowCount, centre: Array(repeating: 0, count: d))
    }
    try self.init(scatter: scatter, means: prepared.means)
  }

  /// Throws unless `data` has at least one row and one column.
  private static func requireShape(_ data: Dataset) throws {
    guard data.rowCount >= 1, data.columnCount >= 1 else {
      throw KSelectError.unusableData(path: "", message: "principal components need at least one row and one column")
    }
  }

  /// The components of the d × d scatter matrix `scatter` of data centred on `means`.
  private init(scatter: [Double], means: [Double]) throws {
    GSLErrors.disableAbort()
    let d = means.count
    let (left, singular) = try Self.decompose(scatter, dimension: d)
    let order = singular.indices.sorted { singular[$0] > singular[$1] }
    var axes = [Double](repeating: 0, count: d * d)
    for (j, source) in order.enumerated() {
      let column = (0..<d).map { left[$0 * d + source] }
      let largest = column.indices.max { abs(column[$0]) < abs(column[$1]) }!
      let sign: Double = column[largest] < 0 ? -1 : 1
      for a in 0..<d { axes[j * d + a] = sign * column[a] }
    }
    let total = singular.reduce(0, +)
    dimension = d
    self.means = means
    self.axes = axes
    explainedVarianceRatios = order.map { total > 0 ? max(0, singular[$0]) / total : 0 }
  }

  /// The coordinates of row-major `values` (rows of `dimension` numbers, in the fitted data's
  /// space) on the first `count` principal axes, row-major.
  /// - Complexity: O(rows · dimension · count).
  public func project(_ values: [Double], onto count: Int) -> [Double] {
    precondition(count >= 1 && count <= dimension && values.count % dimension == 0)
    let rows = values.count / dimension
    var out = [Double](repeating: 0, count: rows * count)
    for i in 0..<rows {
      for j in 0..<count {
        var sum = 0.0
        for a in 0..<dimension { sum += (values[i * dimension + a] - means[a]) * axes[j * dimension + a] }
        out[i * count + j] = sum
      }
    }
    return out
  }

  /// The SVD of the symmetric d × d matrix `matrix` (row-major) with GSL's one-sided Jacobi
  /// routine, which is accurate for small singular values.
  /// - Returns: U row-major and the singular values (column j of U goes with value j).
  private static func decompose(_ matrix: [Double], dimension d: Int) throws -> (u: [Double], s: [Double]) {
    guard let a = gsl_matrix_alloc(d, d), let v = gsl_matrix_alloc(d, d), let s = gsl_vector_alloc(d) else {
      throw KSelectError.insufficientMemory("cannot allocate a \(d) × \(d) matrix for the principal components")
    }
    defer {
      gsl_matrix_free(a)
      gsl_matrix_free(v)
      gsl_vector_free(s)
    }
    for r in 0..<d {
      for c in 0..<d { gsl_matrix_set(a, r, c, matrix[r * d + c]) }
    }
    try GSLErrors.check(gsl_linalg_SV_decomp_jacobi(a, v, s), "gsl_linalg_SV_decomp_jacobi")
    let u = (0..<(d * d)).map { gsl_matrix_get(a, $0 / d, $0 % d) }
    return (u, (0..<d).map { gsl_vector_get(s, $0) })
  }
}
