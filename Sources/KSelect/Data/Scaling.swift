/// How features are rescaled before clustering.
public enum Scaling: String, CaseIterable, Sendable, Codable {
  /// Features are used as they are.
  case none
  /// Each feature is centred and divided by its population standard deviation.
  case zscore
  /// Each feature is mapped linearly onto [0, 1].
  case minmax
}

/// A fitted per-feature affine map, scaled = (x − offset) / factor, and its inverse.
///
/// A constant feature (zero spread) keeps factor 1 and is listed in `constantColumns`: it is
/// reported, never divided by zero.
public struct Scaler: Sendable, Equatable {
  /// The scaling this map implements.
  public let scaling: Scaling
  /// Subtracted from each feature.
  public let offsets: [Double]
  /// Each feature is divided by this after the offset.
  public let factors: [Double]
  /// Indices of features whose spread is zero.
  public let constantColumns: [Int]

  /// Fits the map of `scaling` to `data`.
  public init(fitting scaling: Scaling, to data: Dataset) {
    self.scaling = scaling
    let d = data.columnCount
    var constant = [Int]()
    var mins = [Double](repeating: .infinity, count: d)
    var maxs = [Double](repeating: -.infinity, count: d)
    data.values.withUnsafeBufferPointer { v in
      for i in 0..<data.rowCount {
        for j in 0..<d {
          mins[j] = Swift.min(mins[j], v[i * d + j])
          maxs[j] = Swift.max(maxs[j], v[i * d + j])
        }
      }
    }
    for j in 0..<d where mins[j] == maxs[j] { constant.append(j) }
    constantColumns = constant
    let isConstant = (0..<d).map { mins[$0] == maxs[$0] }
    switch scaling {
    case .none:
      offsets = Array(repeating: 0, count: d)
      factors = Array(repeating: 1, count: d)
    case .zscore:
      let means = data.columnMeans()
      offsets = means
      factors = (0..<d).map { j in
        isConstant[j] ? 1 : Self.standardDeviation(of: data, column: j, mean: means[j])
      }
    case .minmax:
      offsets = mins
      factors = (0..<d).map { j in isConstant[j] ? 1 : maxs[j] - mins[j] }
    }
  }

  /// A map with given parameters (a report's `scaling.csv`, say); a factor of 1 with offset 0
  /// marks no feature as constant.
  /// - Precondition: as many offsets as factors, every factor nonzero.
  public init(scaling: Scaling, offsets: [Double], factors: [Double]) {
    precondition(offsets.count == factors.count && !factors.contains(0), "one nonzero factor per offset")
    self.scaling = scaling
    self.offsets = offsets
    self.factors = factors
    constantColumns = []
  }

  /// The population standard deviation of one column, computed on deviations divided by the
  /// largest one so that neither tiny (10⁻³⁰⁰) nor huge values underflow or overflow when
  /// squared; 1 when the spread is zero.
  static func standardDeviation(of data: Dataset, column j: Int, mean: Double) -> Double {
    let d = data.columnCount
    var largest = 0.0
    for i in 0..<data.rowCount { largest = Swift.max(largest, abs(data.values[i * d + j] - mean)) }
    guard largest > 0, largest.isFinite else { return 1 }
    var sum = 0.0
    for i in 0..<data.rowCount {
      let ratio = (data.values[i * d + j] - mean) / largest
      sum += ratio * ratio
    }
    let deviation = largest * (sum / Double(data.rowCount)).squareRoot()
    return deviation > 0 && deviation.isFinite ? deviation : 1
  }

  /// The data mapped into the scaled space.
  public func apply(to data: Dataset) -> Dataset {
    guard scaling != .none else { return data }
    var out = data
    let d = data.columnCount
    out.values.withUnsafeMutableBufferPointer { v in
      for i in 0..<data.rowCount {
        for j in 0..<d { v[i * d + j] = (v[i * d + j] - offsets[j]) / factors[j] }
      }
    }
    return out
  }

  /// Points of the scaled space (row-major, d per point) mapped back to the input's units.
  public func restore(_ scaled: [Double]) -> [Double] {
    let d = offsets.count
    return scaled.enumerated().map { index, value in value * factors[index % d] + offsets[index % d] }
  }

  /// Points in the input's units (row-major) mapped into the scaled space.
  public func transform(_ original: [Double]) -> [Double] {
    let d = offsets.count
    return original.enumerated().map { index, value in (value - offsets[index % d]) / factors[index % d] }
  }
}
