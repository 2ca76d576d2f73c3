import CGSL
import Foundation

/// The Hopkins statistic of clustering tendency, in the form of Wright (2022) whose null
/// distribution is known, with its p-value.
///
/// Draw m points u_1…u_m uniformly in the sampling window and m distinct data points x_1…x_m at
/// random. With U_i the distance from u_i to its nearest data point, W_i the distance from x_i to
/// its nearest other data point and D the window's dimension,
///
///   H = Σ U_i^D / (Σ U_i^D + Σ W_i^D).
///
/// Under complete spatial randomness in the window, U_i^D and W_i^D are both exponential with the
/// same rate (for m much smaller than n), so H follows Beta(m, m): H is near 0.5 for uniform
/// data and near 1 for clustered data. The one-sided p-value is P(Beta(m, m) ≥ H). Raising the
/// distances to the power D is what makes the Beta law hold; the common form with plain
/// distances is biased towards 0.5 in more than one dimension.
///
/// The window is the box of the features, each side [min_j − r_j/(n − 1), max_j + r_j/(n − 1)]
/// (r_j the feature's range: the unbiased estimate of a uniform law's support from its sample
/// extremes), with distances measured on the torus of that box (a coordinate difference δ counts
/// as min(|δ|, L_j − |δ|), L_j the side). On the torus every point has the same neighbourhood;
/// without it, data points near the faces have their nearest-neighbour balls cut off, W drifts
/// up and uniform data are rejected far more often than the test's level once D ≥ 5. D counts the
/// features with a positive range (a constant feature adds nothing to any distance).
///
/// The statistic tests uniformity in the window, not the absence of clusters: a single Gaussian
/// blob is far from uniform in its box and gives a small p-value too. The sweep therefore
/// reports it beside the gap statistic's test, which compares k-means fits with references.
///
/// Citation: B. Hopkins and J. G. Skellam (1954), "A new method for determining the type of
/// distribution of plant individuals", Annals of Botany 18(2), 213–227; K. Wright (2022), "Will
/// the real Hopkins statistic please stand up?", The R Journal 14(3), 282–292.
public enum Hopkins {
  /// The stream tag that keeps the statistic's randomness apart from every other draw.
  static let streamTag: UInt64 = 0x686F_706B

  /// The default number of sampled points, m = ⌈n/10⌉ bounded to [5, 100] (and below n): small
  /// against n, as the Beta law needs, and capped so that in very large data negligible
  /// departures from uniformity do not dominate the test.
  public static func defaultSampleSize(rowCount n: Int) -> Int {
    max(1, min(n - 1, min(100, max(5, (n + 9) / 10))))
  }

  /// The statistic on `data`.
  ///
  /// - Parameters:
  ///   - data: The points, in the space the clustering uses (at least 2 rows).
  ///   - sampleSize: m, at least 1 and below n.
  ///   - random: The random source (m · D uniform draws for the window's points, then m draws
  ///     for the data points).
  ///   - parallelism: Threads for the nearest-neighbour searches (the result does not depend on it).
  /// - Returns: H, its p-value, m and D.
  /// - Complexity: O(m n d) time, O(m d) extra memory.
  public static func test(
    _ data: Dataset, sampleSize m: Int, using random: RandomSource, parallelism: Parallelism = .allCores
  ) -> HopkinsResult {
    let n = data.rowCount
    precondition(n >= 2 && m >= 1 && m < n, "the Hopkins statistic needs 1 ≤ m < n")
    let window = TorusWindow(data)
    let probes = (0..<m).flatMap { _ in window.uniformPoint(using: random) }
    let sampledRows = random.distinctIndices(m, below: n)
    let toProbes = nearestDistances(data, queries: probes, excluding: nil, window: window, parallelism: parallelism)
    let toData = nearestDistances(
      data, queries: sampledRows.flatMap { data.row($0) }, excluding: sampledRows, window: window,
      parallelism: parallelism)
    let statistic = Self.statistic(probeDistances: toProbes, dataDistances: toData, dimension: window.dimension)
    let pValue = gsl_cdf_beta_Q(statistic, Double(m), Double(m))
    return HopkinsResult(statistic: statistic, pValue: pValue, sampleSize: m, dimension: window.dimension)
  }

  /// H = Σ U_i^D / (Σ U_i^D + Σ W_i^D) from the window points' nearest-neighbour distances U and
  /// the sampled data points' W, computed in logarithms so that a large D neither overflows nor
  /// underflows; 0.5 when every distance is 0.
  static func statistic(probeDistances: [Double], dataDistances: [Double], dimension: Int) -> Double {
    let power = Double(max(dimension, 1))
    let logU = logSumOfPowers(probeDistances, power: power)
    let logW = logSumOfPowers(dataDistances, power: power)
    if logU == -.infinity && logW == -.infinity { return 0.5 }
    return 1 / (1 + exp(logW - logU))
  }

  /// ln Σ v_i^p from the distances v_i (−∞ when every distance is 0).
  static func logSumOfPowers(_ distances: [Double], power: Double) -> Double {
    let logs = distances.map { $0 > 0 ? power * log($0) : -Double.infinity }
    guard let largest = logs.max(), largest > -.infinity else { return -.infinity }
    return largest + log(logs.reduce(0) { $0 + exp($1 - largest) })
  }

  /// For every query point (row-major, d per point), the distance on `window`'s torus to its
  /// nearest row of `data`, skipping row `excluding[q]` for query q when given (a data point's
  /// own row).
  static func nearestDistances(
    _ data: Dataset, queries: [Double], excluding: [Int]?, window: TorusWindow, parallelism: Parallelism
  ) -> [Double] {
    let d = data.columnCount
    let n = data.rowCount
    let count = queries.count / max(d, 1)
    return parallelism.map(count) { query in
      let skip = excluding?[query] ?? -1
      var best = Double.infinity
      for i in 0..<n where i != skip {
        best = min(best, window.squaredDistance(data.values, i * d, queries, query * d))
      }
      return best.squareRoot()
    }
  }
}

/// The Hopkins statistic's sampling window: the features' box widened by r_j/(n − 1) on each
/// side, with its opposite faces identified (a torus).
struct TorusWindow: Sendable {
  /// The lower corner of the widened box.
  let lower: [Double]
  /// The side L_j of the widened box along every feature (0 for a constant feature).
  let sides: [Double]

  /// The window of `data` (at least 2 rows).
  init(_ data: Dataset) {
    let d = data.columnCount
    var low = [Double](repeating: .infinity, count: d)
    var high = [Double](repeating: -.infinity, count: d)
    for i in 0..<data.rowCount {
      for j in 0..<d {
        let v = data.values[i * d + j]
        low[j] = min(low[j], v)
        high[j] = max(high[j], v)
      }
    }
    let widening = 1 / Double(data.rowCount - 1)
    lower = (0..<d).map { low[$0] - (high[$0] - low[$0]) * widening }
    sides = (0..<d).map { (high[$0] - low[$0]) * (1 + 2 * widening) }
  }

  /// D, the number of features with a positive side.
  var dimension: Int { sides.filter { $0 > 0 }.count }

  /// A point drawn uniformly in the window (one uniform draw per feature of positive side).
  func uniformPoint(using random: RandomSource) -> [Double] {
    zip(lower, sides).map { low, side in side > 0 ? low + side * random.uniform() : low }
  }

  /// The squared distance on the torus between the d coordinates of `a` at `aStart` and of `b`
  /// at `bStart`.
  func squaredDistance(_ a: [Double], _ aStart: Int, _ b: [Double], _ bStart: Int) -> Double {
    var sum = 0.0
    for j in sides.indices {
      let delta = abs(a[aStart + j] - b[bStart + j])
      let wrapped = min(delta, sides[j] - delta)
      sum += wrapped * wrapped
    }
    return sum
  }
}

/// The outcome of the Hopkins test.
public struct HopkinsResult: Sendable, Codable, Equatable {
  /// H, between 0 and 1: about 0.5 for data uniform in the window, near 1 for clustered data.
  public var statistic: Double
  /// P(Beta(m, m) ≥ H): the chance of an H this large if the data were uniform in the window.
  public var pValue: Double
  /// m, the number of sampled points (and of window points).
  public var sampleSize: Int
  /// D, the window's dimension: the power the distances are raised to.
  public var dimension: Int
}
