import Foundation

/// Prediction strength (Tibshirani & Walther 2005): how well the clusters of one half of the
/// data predict the co-membership of points in the other half.
///
/// For one split of the points into halves A and B (sizes ⌊n/2⌋ and ⌈n/2⌉), both are clustered
/// into k clusters; B's points are then assigned to A's nearest centroid. For every cluster B_j of
/// B's own clustering with n_j ≥ 2 points, the fraction of its n_j (n_j − 1) ordered pairs that
/// A's centroids also put together is taken (a cluster of fewer than 2 points counts 1), and the
/// strength of the split is the smallest fraction. The roles of A and B are swapped, the two
/// minima averaged, and ps(k) is the mean over M random splits; its standard error is the
/// splits' standard deviation over √M. ps(1) = 1. The recommended k is the largest k whose
/// strength is at least the threshold (0.8 by default; the paper suggests 0.8–0.9).
///
/// These are the conventions of R's `fpc::prediction.strength` (both directions of each split,
/// singleton clusters counting 1), except that fpc keeps the largest k whose strength is strictly
/// above the cutoff; the two differ only when a mean strength equals the threshold exactly.
///
/// Citation: R. Tibshirani and G. Walther (2005), "Cluster validation by prediction strength",
/// Journal of Computational and Graphical Statistics 14(3), 511–528.
public enum PredictionStrength {
  /// The stream tag of the splits' randomness.
  static let streamTag: UInt64 = 0x7072_6564

  /// ps(k) for every k of `ks`.
  ///
  /// - Parameters:
  ///   - data: The prepared data (the sweep's).
  ///   - ks: The numbers of clusters, increasing.
  ///   - splits: M, the number of random splits (at least 1).
  ///   - fit: The k-means settings of the halves' fits (`parallelism` is ignored: each split runs
  ///     on one thread, the splits spread over `parallelism`).
  ///   - parallelism: Threads for the splits; the result does not depend on it.
  /// - Returns: One value per k, in the order of `ks`; `nil` where no split could be clustered
  ///   (a half with fewer than k distinct points).
  /// - Complexity: M times two sweeps over `ks` on n/2 points, plus O(M n k d) for the assignments.
  public static func compute(
    _ data: PreparedData, ks: [Int], splits: Int, fit: KMeansOptions, parallelism: Parallelism
  ) -> [StrengthValue?] {
    precondition(splits >= 1, "prediction strength needs at least one split")
    let fittedKs = ks.filter { $0 >= 2 }
    var serial = fit
    serial.parallelism = .serial
    let options = serial
    let perSplit: [[Double?]] = parallelism.map(splits) { split in
      let random = RandomSource(seed: options.seed, stream: [streamTag, UInt64(split)])
      let halves = Halves(data, random: random)
      let stream: [UInt64] = [streamTag, UInt64(split)]
      let first = halves.fits(0, ks: fittedKs, options: options, stream: stream + [0])
      let second = halves.fits(1, ks: fittedKs, options: options, stream: stream + [1])
      return fittedKs.indices.map { index in
        guard let a = first[index], let b = second[index] else { return nil }
        let fromA = minimumStrength(test: b, training: a, points: halves.rows(1))
        let fromB = minimumStrength(test: a, training: b, points: halves.rows(0))
        return (fromA + fromB) / 2
      }
    }
    return ks.map { k in
      guard k >= 2 else { return StrengthValue(mean: 1, standardError: 0, splits: splits) }
      let index = fittedKs.firstIndex(of: k)!
      return StrengthValue(perSplit.compactMap { $0[index] })
    }
  }

  /// The largest k whose strength is at least `threshold`, among the defined values.
  public static func choose(ks: [Int], strengths: [StrengthValue?], threshold: Double) -> Int? {
    zip(ks, strengths).filter { ($0.1?.mean ?? -.infinity) >= threshold }.map(\.0).max()
  }

  /// The smallest, over the test half's own clusters, of the fraction of each cluster's ordered
  /// pairs that the training half's centroids put together.
  static func minimumStrength(test: KMeansResult, training: KMeansResult, points: Dataset) -> Double {
    let k = test.clusterCount
    let predicted = nearestCentroids(points, centroids: training.centroids, clusterCount: training.clusterCount)
    let table = ContingencyTable(test.labels, predicted, rowLabels: k, columnLabels: training.clusterCount)
    var weakest = 1.0
    for cluster in 0..<k {
      let size = test.sizes[cluster]
      guard size >= 2 else { continue }
      weakest = min(weakest, Double(table.pairsKeptTogether(row: cluster)) / Double(size * (size - 1)))
    }
    return weakest
  }

  /// The nearest of `centroids` (k × d) for every row of `points` (lowest index on ties).
  static func nearestCentroids(_ points: Dataset, centroids: [Double], clusterCount k: Int) -> [Int] {
    var labels = [Int32](repeating: 0, count: points.rowCount)
    var distances = [Double](repeating: 0, count: points.rowCount)
    AssignmentKernel.assignAll(
      points: points.values, rowCount: points.rowCount, dimension: points.columnCount, centroids: centroids,
      clusterCount: k, parallelism: .serial, writesDistances: false, labels: &labels, distances: &distances)
    return labels.map { Int($0) }
  }
}

/// A resampled criterion's value at one k: its mean over the resamples and the standard error
/// of that mean.
public struct StrengthValue: Sendable, Codable, Equatable {
  /// The mean over the resamples.
  public var mean: Double
  /// The standard deviation over the resamples (divisor M − 1) over √M; 0 with one resample.
  public var standardError: Double
  /// The number of resamples the mean is over.
  public var splits: Int

  /// Summarises per-resample values.
  /// - Returns: `nil` when `values` is empty.
  init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    let m = Double(values.count)
    let mean = values.reduce(0, +) / m
    let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m - 1) : 0
    self.init(mean: mean, standardError: (variance / m).squareRoot(), splits: values.count)
  }

  /// Creates a value from its parts.
  public init(mean: Double, standardError: Double, splits: Int) {
    self.mean = mean
    self.standardError = standardError
    self.splits = splits
  }
}

/// A random split of the prepared data into two halves, with each half's fits for every k.
struct Halves {
  /// The two halves' centred rows (in the prepared space of the whole data): ⌊n/2⌋ and ⌈n/2⌉.
  let halves: [Dataset]

  /// Splits the rows of `data` by a random permutation drawn from `random`.
  init(_ data: PreparedData, random: RandomSource) {
    let n = data.rowCount
    var order = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, random.uniformInt(below: i + 1)) }
    halves = [Array(order[0..<(n / 2)]), Array(order[(n / 2)...])].map { data.centred.selectingRows($0) }
  }

  /// The rows of half `h`.
  func rows(_ h: Int) -> Dataset { halves[h] }

  /// Half `h`'s best fit for every k (`nil` where the half has fewer than k distinct points),
  /// in the prepared space of the whole data.
  func fits(_ h: Int, ks: [Int], options: KMeansOptions, stream: [UInt64]) -> [KMeansResult?] {
    let half = PreparedData(halves[h])
    let prefixes = Seeder.Prefixes(ks: ks, restarts: options.restarts)
    return ks.map { k in try? KMeans.fit(half, clusterCount: k, options: options, stream: stream, prefixes: prefixes) }
  }
}
