import CGSL

/// The principal components of a data set: the orthonormal axes along which its variance is
/// largest, found with GSL's singular value decomposition.
///
/// With X_c the data centred on its column means (n × d), the principal axes are the right
/// singular vectors of X_c and the variance along axis j is proportional to its squared singular
/// value. Two routes give them, whichever is smaller:
/// - n ≥ d: the SVD of the d × d scatter matrix C = X_cᵀ X_c (`scatterMatrix`), C = U S Uᵀ (the
///   columns of U are the axes, S_j the squared singular values), which keeps memory at O(d²)
///   whatever n;
/// - n < d: the SVD of X_cᵀ itself (d × n), X_cᵀ = U S Vᵀ, which keeps memory at O(n d) and never
///   forms a d × d matrix (a few rows of 20,000 features would need 3.2 GB for one).
///
/// There are m = min(n, d) axes: centred data have no spread beyond the n-th direction.
public struct PrincipalComponents: Sendable, Equatable {
  /// The number of features d.
  public let dimension: Int
  /// The column means the data were centred on.
  public let means: [Double]
  /// The principal axes, row-major, by decreasing variance: axis j is
  /// `axes[j * dimension ..< (j + 1) * dimension]`, for j < `axisCount`. Each axis's
  /// largest-magnitude loading is positive, so the signs do not depend on the SVD routine.
  /// Axes along which the data have no variance are whatever the SVD leaves there.
  public let axes: [Double]
  /// The fraction of the total variance along each axis (all 0 when the data are constant).
  public let explainedVarianceRatios: [Double]

  /// The number of axes, min(n, d).
  public var axisCount: Int { explainedVarianceRatios.count }

  /// Fits the principal components of `data`, centred on its column means.
  /// - Complexity: O(n d m + m³) time (times the SVD's sweeps), m = min(n, d); extra memory
  ///   3 d² doubles when n ≥ d, 2 n d + n² when n < d (see `MemoryEstimate`).
  /// - Throws: `KSelectError.unusableData` when `data` has no rows or columns,
  ///   `KSelectError.insufficientMemory` when GSL cannot allocate its matrices,
  ///   `KSelectError.numerical` when GSL's SVD fails.
  public init(fitting data: Dataset) throws {
    try Self.requireShape(data)
    let means = data.columnMeans()
    try self.init(rows: data, centre: means, means: means)
  }

  /// Fits the principal components of the data `prepared` was made from, from its centred rows
  /// (the same axes and shares; no second centring pass).
  /// - Complexity: as `init(fitting:)` for a `Dataset`.
  /// - Throws: as `init(fitting:)` for a `Dataset`.
  public init(fitting prepared: PreparedData) throws {
    try Self.requireShape(prepared.centred)
    let d = prepared.columnCount
    try self.init(rows: prepared.centred, centre: Array(repeating: 0, count: d), means: prepared.means)
  }

  /// Throws unless `data` has at least one row and one column.
  private static func requireShape(_ data: Dataset) throws {
    guard data.rowCount >= 1, data.columnCount >= 1 else {
      throw KSelectError.unusableData(path: "", message: "principal components need at least one row and one column")
    }
  }

  /// The components of the rows of `data` about `centre`; `means` are the column means reported.
  private init(rows data: Dataset, centre: [Double], means: [Double]) throws {
    GSLErrors.disableAbort()
    let n = data.rowCount
    let d = data.columnCount
    let m = min(n, d)
    // d × m: the SVD overwrites it with U, whose columns are the axes.
    guard let a = gsl_matrix_alloc(d, m), let v = gsl_matrix_alloc(m, m), let s = gsl_vector_alloc(m) else {
      throw KSelectError.insufficientMemory(
        .allocationFailed("cannot allocate a \(d) × \(m) matrix for the principal components"))
    }
    defer {
      gsl_matrix_free(a)
      gsl_matrix_free(v)
      gsl_vector_free(s)
    }
    if n >= d {
      Self.fillScatter(a, data: data, centre: centre)
    } else {
      Self.fillTransposedCentred(a, data: data, centre: centre)
    }
    try GSLErrors.check(gsl_linalg_SV_decomp_jacobi(a, v, s), "gsl_linalg_SV_decomp_jacobi")
    // Variance along each axis: S_j of the scatter matrix, or σ_j² of the data.
    let variances = (0..<m).map { j -> Double in
      let value = gsl_vector_get(s, j)
      return n >= d ? value : value * value
    }
    let order = variances.indices.sorted { variances[$0] > variances[$1] }
    var axes = [Double](repeating: 0, count: m * d)
    for (j, source) in order.enumerated() {
      var largest = 0
      for r in 0..<d where abs(gsl_matrix_get(a, r, source)) > abs(gsl_matrix_get(a, largest, source)) {
        largest = r
      }
      let sign: Double = gsl_matrix_get(a, largest, source) < 0 ? -1 : 1
      for r in 0..<d { axes[j * d + r] = sign * gsl_matrix_get(a, r, source) }
    }
    let total = variances.reduce(0, +)
    dimension = d
    self.means = means
    self.axes = axes
    explainedVarianceRatios = order.map { total > 0 ? max(0, variances[$0]) / total : 0 }
  }

  /// Writes the scatter matrix Σ (x_i − c)(x_i − c)ᵀ of the rows of `data` into the d × d
  /// matrix `a`.
  private static func fillScatter(_ a: UnsafeMutablePointer<gsl_matrix>, data: Dataset, centre: [Double]) {
    let d = data.columnCount
    let scatter = data.values.withUnsafeBufferPointer { x in
      scatterMatrix(x.baseAddress!, dimension: d, rows: 0..<data.rowCount, centre: centre)
    }
    let stride = a.pointee.tda
    let out = a.pointee.data!
    for r in 0..<d {
      for c in 0..<d { out[r * stride + c] = scatter[r * d + c] }
    }
  }

  /// Writes X_cᵀ into the d × n matrix `a`: column i is row i of the data minus `centre`.
  private static func fillTransposedCentred(
    _ a: UnsafeMutablePointer<gsl_matrix>, data: Dataset, centre: [Double]
  ) {
    let n = data.rowCount
    let d = data.columnCount
    let stride = a.pointee.tda
    let out = a.pointee.data!
    data.values.withUnsafeBufferPointer { values in
      for i in 0..<n {
        for j in 0..<d { out[j * stride + i] = values[i * d + j] - centre[j] }
      }
    }
  }

  /// The coordinates of row-major `values` (rows of `dimension` numbers, in the fitted data's
  /// space) on the first `count` principal axes, row-major. Coordinates on axes past
  /// `axisCount` are 0: the fitted data have no spread there.
  /// - Complexity: O(rows · dimension · count).
  public func project(_ values: [Double], onto count: Int) -> [Double] {
    precondition(count >= 1 && count <= dimension && values.count % dimension == 0)
    let rows = values.count / dimension
    var out = [Double](repeating: 0, count: rows * count)
    for i in 0..<rows {
      for j in 0..<min(count, axisCount) {
        var sum = 0.0
        for a in 0..<dimension { sum += (values[i * dimension + a] - means[a]) * axes[j * dimension + a] }
        out[i * count + j] = sum
      }
    }
    return out
  }
}
