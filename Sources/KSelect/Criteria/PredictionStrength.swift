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
  /// ps(k) for every k of `ks`, from `StabilityPass` (which computes the normalised instability
  /// from the same splits and fits at little extra cost; the sweep keeps both).
  ///
  /// - Parameters:
  ///   - data: The prepared data (the sweep's).
  ///   - ks: The numbers of clusters, increasing.
  ///   - splits: M, the number of random splits (at least 1).
  ///   - fit: The k-means settings of the halves' fits (`parallelism` is ignored: each split runs
  ///     on one thread, the splits spread over `parallelism`).
  ///   - maximumHalfSize: h, the most rows of a half (`StabilityPass`; default: no cap).
  ///   - parallelism: Threads for the splits; the result does not depend on it.
  /// - Returns: One value per k, in the order of `ks`; `nil` where no split could be clustered
  ///   (a half with fewer than k distinct points).
  /// - Complexity: M times two sweeps over `ks` on m = min(n/2, h) points, plus O(M m k d) for
  ///   the assignments.
  public static func compute(
    _ data: PreparedData, ks: [Int], splits: Int, fit: KMeansOptions, maximumHalfSize: Int = .max,
    parallelism: Parallelism
  ) -> [StrengthValue?] {
    StabilityPass.compute(
      data, ks: ks, splits: splits, fit: fit, maximumHalfSize: maximumHalfSize, parallelism: parallelism
    ).predictionStrength
  }

  /// The largest k whose strength is at least `threshold`, among the defined values.
  public static func choose(ks: [Int], strengths: [StrengthValue?], threshold: Double) -> Int? {
    zip(ks, strengths).filter { ($0.1?.mean ?? -.infinity) >= threshold }.map(\.0).max()
  }

  /// The strength of one direction of a split: the smallest, over the test half's own clusters
  /// (the rows of `table`, the test half's own labels against those the training half's
  /// centroids predict), of the fraction of each cluster's ordered pairs that the prediction
  /// puts together; a cluster of fewer than 2 points counts 1.
  static func minimumStrength(_ table: ContingencyTable) -> Double {
    var weakest = 1.0
    for cluster in 0..<table.rowLabels {
      let size = table.rowTotal(cluster)
      guard size >= 2 else { continue }
      weakest = min(weakest, Double(table.pairsKeptTogether(row: cluster)) / Double(size * (size - 1)))
    }
    return weakest
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

extension StrengthValue {
  /// The mean and its standard error as the reasons print them, "0.93 ± 0.02": both to the
  /// decimal of the error's first significant digit, with 2 to 6 decimals.
  var formatted: String {
    let decimals =
      standardError > 0 && standardError.isFinite ? min(6, max(2, Int((-log10(standardError)).rounded(.up)))) : 2
    return String(format: "%.*f ± %.*f", decimals, mean, decimals, standardError)
  }
}

extension Criterion {
  /// Prediction strength.
  public static let predictionStrength = Criterion(rawValue: "prediction_strength")
}

extension PredictionStrength: SweepCriterion {
  static var criterion: Criterion { .predictionStrength }
  /// Not repeated on subsamples: it resamples the data itself.
  static var isResampled: Bool { false }
  static var columns: [String] { ["prediction_strength", "prediction_strength_se"] }
  static var summaryColumns: [(header: String, column: String)] {
    [("PS", "prediction_strength"), ("PS s.e.", "prediction_strength_se")]
  }

  /// ps(k) and its standard error over the splits (1 and 0 at k = 1; undefined without splits
  /// and where no split's halves had k distinct points).
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] {
    let value = evidence.stability?.predictionStrength[index]
    return [value?.mean, value?.standardError]
  }

  /// The largest k of the sweep whose strength reaches the threshold; k = 1 (strength 1) when
  /// no k ≥ 2 does and the sweep starts at 1, as `fpc::prediction.strength` answers.
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    let threshold = options.predictionStrengthThreshold
    guard options.stabilitySplits > 0 else {
      return CriterionRecommendation(
        criterion: .predictionStrength, k: nil, reason: "prediction strength was skipped (no stability splits)")
    }
    let strengths = metrics.map { row in
      row.predictionStrength.map { StrengthValue(mean: $0, standardError: row.predictionStrengthSE ?? 0, splits: 0) }
    }
    let ks = metrics.map(\.k)
    guard let k = choose(ks: ks, strengths: strengths, threshold: threshold) else {
      let reason =
        strengths.contains { $0 != nil }
        ? "no k of the sweep reaches prediction strength \(threshold) (k = 1, which always does, is below k_min)"
        : "prediction strength is undefined at every k of the sweep (the halves have too few distinct points)"
      return CriterionRecommendation(criterion: .predictionStrength, k: nil, reason: reason)
    }
    guard k >= 2 else {
      return CriterionRecommendation(
        criterion: .predictionStrength, k: 1, reason: "no k ≥ 2 reaches prediction strength \(threshold): k = 1")
    }
    let value = strengths[ks.firstIndex(of: k)!]!
    return CriterionRecommendation(
      criterion: .predictionStrength, k: k,
      reason: "the largest k with prediction strength ≥ \(threshold) (\(value.formatted)) is k = \(k)")
  }
}

extension KMetrics {
  /// ps(k), the mean prediction strength over the splits (1 at k = 1).
  public var predictionStrength: Double? { self["prediction_strength"] }
  /// The standard error of ps(k) over the splits.
  public var predictionStrengthSE: Double? { self["prediction_strength_se"] }
}
