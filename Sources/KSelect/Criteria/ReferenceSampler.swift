import CGSL

/// Where the gap statistic's uniform reference data are drawn.
public enum ReferenceSpace: String, CaseIterable, Codable, Sendable {
  /// The box spanned by the range of every feature.
  case box
  /// The box aligned with the data's principal components (Tibshirani et al.'s option (b)).
  case pca
}

/// Draws the gap statistic's reference data sets: n points uniform over a box fitted to the data.
///
/// - `box`: each feature is uniform over [min, max] of that feature.
/// - `pca`: the data are centred on their column means μ, decomposed as X_c = U D Vᵀ with GSL's
///   SVD, rotated to X' = X_c V, drawn uniformly over the range of each column of X' and mapped
///   back, Z = Z' Vᵀ + μ. When n < d, only the n right singular vectors that X_c has are used: the
///   data have no spread along the other directions, and neither do the references.
///
/// Every coordinate comes from one `RandomSource.uniform()` call, in row-major order, so a
/// seeded source reproduces the same reference data.
public struct ReferenceSampler: Sendable {
  /// The space the points are drawn in.
  public let space: ReferenceSpace
  /// The number of points drawn per reference data set (the data's n).
  public let rowCount: Int
  /// The number of features d.
  public let columnCount: Int
  /// The smallest coordinate of the data along each sampling axis: per feature for `box`, per
  /// principal axis (a column of X') for `pca`.
  public let lowerBounds: [Double]
  /// The largest coordinate of the data along each sampling axis.
  public let upperBounds: [Double]
  /// For `pca`, V: d rows of m = min(n, d) numbers, row-major, whose columns are the orthonormal
  /// principal axes in GSL's order (decreasing singular value). Empty for `box`.
  public let axes: [Double]
  /// For `pca`, the column means μ the data were centred on. Empty for `box`.
  public let center: [Double]
  private let featureNames: [String]

  /// Fits the sampling box to `data`.
  ///
  /// - Parameters:
  ///   - data: The data the references imitate (n ≥ 1 rows, d ≥ 1 columns).
  ///   - space: The box to draw in.
  /// - Throws: `KSelectError.unusableData` when `data` has no rows or no columns;
  ///   `KSelectError.insufficientMemory` when GSL cannot allocate the SVD's matrices;
  ///   `KSelectError.numerical` when the SVD fails.
  /// - Complexity: O(n d) for `box`; O(n d min(n, d)) time and O(n d) extra memory for `pca`.
  public init(_ data: Dataset, space: ReferenceSpace) throws {
    let n = data.rowCount
    let d = data.columnCount
    guard n >= 1, d >= 1 else {
      throw KSelectError.unusableData(
        path: "", message: "reference data need at least one row and one column; the data have \(n) × \(d)")
    }
    self.space = space
    rowCount = n
    columnCount = d
    featureNames = data.featureNames
    switch space {
    case .box:
      var lower = Array(data.values[0..<d])
      var upper = lower
      for i in 1..<n {
        for j in 0..<d {
          let value = data.values[i * d + j]
          lower[j] = min(lower[j], value)
          upper[j] = max(upper[j], value)
        }
      }
      lowerBounds = lower
      upperBounds = upper
      axes = []
      center = []
    case .pca:
      let means = data.columnMeans()
      let basis = try Self.principalAxes(data, means: means)
      let m = basis.count / d
      var lower = [Double](repeating: .infinity, count: m)
      var upper = [Double](repeating: -.infinity, count: m)
      var centred = [Double](repeating: 0, count: d)
      for i in 0..<n {
        for a in 0..<d { centred[a] = data.values[i * d + a] - means[a] }
        for j in 0..<m {
          var coordinate = 0.0
          for a in 0..<d { coordinate += centred[a] * basis[a * m + j] }
          lower[j] = min(lower[j], coordinate)
          upper[j] = max(upper[j], coordinate)
        }
      }
      lowerBounds = lower
      upperBounds = upper
      axes = basis
      center = means
    }
  }

  /// One reference data set: n points uniform over the fitted box.
  ///
  /// - Parameters:
  ///   - random: The random source; exactly n · (number of sampling axes) `uniform()` draws are
  ///     taken from it.
  /// - Returns: n × d points with the data's feature names.
  /// - Complexity: O(n d) for `box`, O(n d min(n, d)) for `pca`.
  public func sample(using random: RandomSource) -> Dataset {
    let d = columnCount
    let m = lowerBounds.count
    var values = [Double](repeating: 0, count: rowCount * d)
    var draw = [Double](repeating: 0, count: m)
    for i in 0..<rowCount {
      for j in 0..<m { draw[j] = lowerBounds[j] + (upperBounds[j] - lowerBounds[j]) * random.uniform() }
      switch space {
      case .box:
        for j in 0..<d { values[i * d + j] = draw[j] }
      case .pca:
        for a in 0..<d {
          var value = center[a]
          for j in 0..<m { value += draw[j] * axes[a * m + j] }
          values[i * d + a] = value
        }
      }
    }
    return Dataset(rowCount: rowCount, columnCount: d, values: values, featureNames: featureNames)
  }

  /// The right singular vectors of the centred data, d × min(n, d) row-major.
  ///
  /// GSL's `gsl_linalg_SV_decomp_mod` needs at least as many rows as columns: for n ≥ d it
  /// decomposes X_c (n × d) and V comes out directly; for n < d it decomposes X_cᵀ (d × n), whose
  /// left singular vectors, left in place of the matrix, are X_c's right singular vectors.
  private static func principalAxes(_ data: Dataset, means: [Double]) throws -> [Double] {
    GSLErrors.disableAbort()
    let n = data.rowCount
    let d = data.columnCount
    let transposed = n < d
    let rows = transposed ? d : n
    let columns = transposed ? n : d
    let matrices = (
      a: gsl_matrix_alloc(rows, columns), x: gsl_matrix_alloc(columns, columns),
      v: gsl_matrix_alloc(columns, columns)
    )
    let vectors = (s: gsl_vector_alloc(columns), work: gsl_vector_alloc(columns))
    defer {
      for matrix in [matrices.a, matrices.x, matrices.v] { if let matrix { gsl_matrix_free(matrix) } }
      for vector in [vectors.s, vectors.work] { if let vector { gsl_vector_free(vector) } }
    }
    guard let a = matrices.a, let x = matrices.x, let v = matrices.v, let s = vectors.s, let work = vectors.work
    else {
      throw KSelectError.insufficientMemory(
        "cannot allocate a \(rows) × \(columns) matrix for the principal-component reference box")
    }
    for i in 0..<n {
      for j in 0..<d {
        let centred = data.values[i * d + j] - means[j]
        if transposed { gsl_matrix_set(a, j, i, centred) } else { gsl_matrix_set(a, i, j, centred) }
      }
    }
    try GSLErrors.check(gsl_linalg_SV_decomp_mod(a, x, v, s, work), "gsl_linalg_SV_decomp_mod")
    // V is in `v` (d × d) when n ≥ d, and in `a` (d × n, overwritten by U) when n < d.
    let source = transposed ? a : v
    let m = columns
    var basis = [Double](repeating: 0, count: d * m)
    for row in 0..<d {
      for j in 0..<m { basis[row * m + j] = gsl_matrix_get(source, row, j) }
    }
    return basis
  }
}
