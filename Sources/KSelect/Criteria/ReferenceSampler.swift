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
/// - `pca`: the data are centred on their column means μ, their m = min(n, d) principal axes V
///   (d × m) found with GSL's SVD (`PrincipalComponents`), rotated to X' = X_c V, drawn uniformly
///   over the range of each column of X' and mapped back, Z = Z' Vᵀ + μ. Along a direction where
///   the data have no spread the range has zero width, so the references have no spread there
///   either; the directions past the n-th, where centred data never spread, are left out.
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
  /// principal axes by decreasing variance. Empty for `box`.
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
  ///   `KSelectError.insufficientMemory` or `KSelectError.numerical` when GSL's SVD cannot
  ///   allocate its matrices or fails.
  /// - Complexity: O(n d) for `box`; for `pca`, O(n d m + m³) time and O(n d + d m + m²) extra
  ///   memory (a centred copy of the data, the axes, the SVD's work), m = min(n, d).
  public init(_ data: Dataset, space: ReferenceSpace) throws {
    try self.init(data, prepared: nil, space: space)
  }

  /// As `init(_:space:)`, with the principal axes of `pca` taken from `prepared`, the data's
  /// centred rows (made here when `nil`).
  init(_ data: Dataset, prepared: PreparedData?, space: ReferenceSpace) throws {
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
      let prepared = prepared ?? PreparedData(data)
      let components = try PrincipalComponents(fitting: prepared)
      let means = components.means
      let m = components.axisCount
      var basis = [Double](repeating: 0, count: d * m)
      for j in 0..<m {
        for a in 0..<d { basis[a * m + j] = components.axes[j * d + a] }
      }
      var lower = [Double](repeating: .infinity, count: m)
      var upper = [Double](repeating: -.infinity, count: m)
      // The coordinates of the centred rows, in the data's units (dividing by the exact power of
      // two `scale` undoes the preparation's rescaling without rounding).
      let centred = prepared.centred.values
      for i in 0..<n {
        for j in 0..<m {
          var coordinate = 0.0
          for a in 0..<d { coordinate += centred[i * d + a] * basis[a * m + j] }
          coordinate /= prepared.scale
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
  /// - Complexity: O(n d) for `box`, O(n d m) for `pca`, m = min(n, d).
  public func sample(using random: RandomSource) -> Dataset { sample(rowCount: rowCount, using: random) }

  /// A reference data set of `count` points uniform over the fitted box: the first `count`
  /// points of `sample(using:)` from the same source.
  ///
  /// - Parameters:
  ///   - count: The number of points (≥ 0).
  ///   - random: The random source; exactly `count` · (number of sampling axes) `uniform()`
  ///     draws are taken from it.
  /// - Returns: `count` × d points with the data's feature names.
  /// - Complexity: O(count · d) for `box`, O(count · d m) for `pca`, m = min(n, d).
  public func sample(rowCount count: Int, using random: RandomSource) -> Dataset {
    let d = columnCount
    let m = lowerBounds.count
    var values = [Double](repeating: 0, count: count * d)
    var draw = [Double](repeating: 0, count: m)
    for i in 0..<count {
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
    return Dataset(rowCount: count, columnCount: d, values: values, featureNames: featureNames)
  }
}
