import CGSL
import Foundation

/// The Hopkins statistic of clustering tendency, in the form of Wright (2022) whose null
/// distribution is known, with its p-value.
///
/// Draw m points u_1…u_m uniformly in the sampling window (the box the gap statistic's references
/// are drawn in) and m distinct data points x_1…x_m at random. With U_i the distance from u_i to
/// its nearest data point, W_i the distance from x_i to its nearest other data point and D the
/// window's dimension (its number of axes with a positive extent),
///
///   H = Σ U_i^D / (Σ U_i^D + Σ W_i^D).
///
/// Under complete spatial randomness in the window, U_i^D and W_i^D are both exponential with the
/// same rate (for m much smaller than n), so H follows Beta(m, m): H is near 0.5 for uniform
/// data and near 1 for clustered data. The one-sided p-value is P(Beta(m, m) ≥ H). Raising the
/// distances to the power D is what makes the Beta law hold; the common form with plain
/// distances is biased towards 0.5 in more than one dimension.
///
/// The statistic tests uniformity in the window, not the absence of clusters: a single Gaussian
/// blob is far from uniform in its bounding box and gives a small p-value too. The sweep therefore
/// reads it together with the gap statistic, which compares k-means fits with the references.
///
/// Citation: B. Hopkins and J. G. Skellam (1954), "A new method for determining the type of
/// distribution of plant individuals", Annals of Botany 18(2), 213–227; K. Wright (2022), "Will
/// the real Hopkins statistic please stand up?", The R Journal 14(3), 282–292.
public enum Hopkins {
  /// The stream tag that keeps the statistic's randomness apart from every other draw.
  static let streamTag: UInt64 = 0x686F_706B

  /// The default number of sampled points: a tenth of the data, between 10 (or n − 1) and 100.
  /// Wright (2022) recommends m of about a tenth of n so that the nearest-neighbour distances
  /// of the sampled points are close to independent; a cap keeps the test's power at a level
  /// where small departures from uniformity in very large data do not dominate.
  public static func defaultSampleSize(rowCount n: Int) -> Int {
    max(1, min(n - 1, max(10, min(100, n / 10))))
  }

  /// The statistic on `data`.
  ///
  /// - Parameters:
  ///   - data: The points, in the space the clustering uses (at least 2 rows).
  ///   - window: The sampling window (the gap statistic's reference sampler for the same data).
  ///   - sampleSize: m, at least 1 and below n.
  ///   - random: The random source (m · D uniform draws for the window's points, then m draws
  ///     for the data points).
  ///   - parallelism: Threads for the nearest-neighbour searches (the result does not depend on it).
  /// - Returns: H, its p-value, m and D.
  /// - Complexity: O(m n d) time, O(m d) extra memory.
  public static func test(
    _ data: Dataset, window: ReferenceSampler, sampleSize m: Int, using random: RandomSource,
    parallelism: Parallelism = .allCores
  ) -> HopkinsResult {
    let n = data.rowCount
    precondition(n >= 2 && m >= 1 && m < n, "the Hopkins statistic needs 1 ≤ m < n")
    let dimension = window.extentDimension
    let probes = window.sample(count: m, using: random)
    let sampledRows = sampleWithoutReplacement(m, from: n, using: random)
    let toProbes = nearestDistances(data, queries: probes.values, excluding: nil, parallelism: parallelism)
    let toData = nearestDistances(
      data, queries: sampledRows.flatMap { data.row($0) }, excluding: sampledRows, parallelism: parallelism)
    let statistic = Self.statistic(probeDistances: toProbes, dataDistances: toData, dimension: dimension)
    let pValue = gsl_cdf_beta_Q(statistic, Double(m), Double(m))
    return HopkinsResult(statistic: statistic, pValue: pValue, sampleSize: m, dimension: dimension)
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

  /// m distinct indices from 0..<n, in the order drawn (a partial Fisher–Yates shuffle).
  static func sampleWithoutReplacement(_ m: Int, from n: Int, using random: RandomSource) -> [Int] {
    var chosen = [Int: Int]()
    var out = [Int]()
    out.reserveCapacity(m)
    for i in 0..<m {
      let j = i + random.uniformInt(below: n - i)
      out.append(chosen[j] ?? j)
      chosen[j] = chosen[i] ?? i
    }
    return out
  }

  /// ln Σ v_i^p from the distances v_i (−∞ when every distance is 0).
  static func logSumOfPowers(_ distances: [Double], power: Double) -> Double {
    let logs = distances.map { $0 > 0 ? power * log($0) : -Double.infinity }
    guard let largest = logs.max(), largest > -.infinity else { return -.infinity }
    return largest + log(logs.reduce(0) { $0 + exp($1 - largest) })
  }

  /// For every query point (row-major, d per point), the Euclidean distance to its nearest row of
  /// `data`, skipping row `excluding[q]` for query q when given (a data point's own row).
  static func nearestDistances(
    _ data: Dataset, queries: [Double], excluding: [Int]?, parallelism: Parallelism
  ) -> [Double] {
    let d = data.columnCount
    let n = data.rowCount
    let count = queries.count / max(d, 1)
    return data.values.withUnsafeBufferPointer { xs in
      queries.withUnsafeBufferPointer { qs in
        let x = SharedReads(base: xs.baseAddress!)
        let q = SharedReads(base: qs.baseAddress!)
        return parallelism.map(count) { query in
          let skip = excluding?[query] ?? -1
          var best = Double.infinity
          for i in 0..<n where i != skip {
            best = min(best, squaredDistance(x.base + i * d, q.base + query * d, d))
          }
          return best.squareRoot()
        }
      }
    }
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
