/// The criteria every sweep applies, in the order the reports list them: the columns of
/// metrics.csv, the keys of summary.json's `recommendations` and `reasons`, the rows of
/// summary.md. A new criterion is one type conforming to `SweepCriterion` (or `PartitionIndex`)
/// and one line here.
public enum SweepCriteria {
  static var all: [any SweepCriterion.Type] {
    [
      Kneedle.self,
      GapStatistic.self,
      PhamDimovNguyen.self,
      Silhouette.self,
      CalinskiHarabasz.self,
      DaviesBouldin.self,
      PredictionStrength.self,
      Instability.self,
    ]
  }

  /// Every criterion's columns of metrics.csv, in order (between `explained_variance` and
  /// `iterations`).
  public static var columns: [String] { all.flatMap { $0.columns } }

  /// Every criterion's columns of summary.md's metrics table: (header, metrics.csv column).
  public static var summaryColumns: [(header: String, column: String)] { all.flatMap { $0.summaryColumns } }

  /// The criteria the selection frequencies do not repeat on subsamples, because they resample
  /// the data themselves (prediction strength, the instability), in the reports' order.
  public static var selfResampling: [Criterion] { all.filter { !$0.isResampled }.map { $0.criterion } }
}

/// A criterion of the sweep: the values it adds to every k's row of the metrics table, and the k
/// it recommends from the finished table. Every requirement is static: a criterion is a rule, not
/// a value (the formula's own type conforms, a caseless enum).
protocol SweepCriterion {
  /// The criterion's name in the reports.
  static var criterion: Criterion { get }
  /// The metrics.csv columns it adds, in order (none for a rule on W_k alone).
  static var columns: [String] { get }
  /// The columns it shows in summary.md's metrics table: (header, one of `columns`).
  static var summaryColumns: [(header: String, column: String)] { get }
  /// The values of `columns` at the sweep's `index`-th k (`nil` where undefined).
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?]
  /// What the criterion recommends from the metrics table of the whole sweep.
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation
  /// Whether the selection frequencies repeat the criterion on subsamples (not for criteria
  /// that resample the data themselves).
  static var isResampled: Bool { get }
}

extension SweepCriterion {
  static var columns: [String] { [] }
  static var summaryColumns: [(header: String, column: String)] { [] }
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] { [] }
  static var isResampled: Bool { true }
}

/// What a sweep has computed once for all criteria: the data, every k's fit, the gap
/// statistic's reference fits, the silhouette pass and the stability pass.
struct SweepEvidence {
  /// The data in the clustering's space.
  let data: Dataset
  /// The same data prepared for the fits (centred, with row norms).
  let prepared: PreparedData
  /// The sweep's options (k_max possibly lowered).
  let options: SweepOptions
  /// The k of the sweep, increasing.
  let ks: [Int]
  /// The best fit for every k of `ks`.
  let fits: [KMeansResult]
  /// W at k_min − 1, fitted for f(k_min); `nil` when k_min = 1.
  let previousWCSS: Double?
  /// The reference data sets' W*_kb for every k of `ks` (each empty without references).
  let referenceWCSS: [[Double]]
  /// The Monte Carlo variance of l̄_k per k for references smaller than the data (empty or
  /// `nil`: sd_k²/B, `GapStatistic.summarize(logW:referenceLogW:meanVariance:)`).
  var referenceMeanVariance: [Double?] = []
  /// The mean silhouette for every k of `ks`: exact, or estimated on a sample.
  let meanSilhouettes: [Double?]
  /// The standard error of each mean silhouette (0 when exact; `nil` where undefined).
  let silhouetteStandardErrors: [Double?]
  /// Prediction strength and normalised instability for every k of `ks` (`nil` without
  /// stability splits).
  var stability: StabilityPass? = nil
}

/// A criterion that scores the partition at every k and recommends the k of the best score,
/// in one metrics.csv column named after the criterion: the silhouette, Calinski–Harabasz and
/// Davies–Bouldin.
protocol PartitionIndex: SweepCriterion {
  /// The index's name in the reasons ("Calinski–Harabasz index").
  static var indexName: String { get }
  /// The header of its column in summary.md.
  static var summaryHeader: String { get }
  /// Whether a larger value is better.
  static var largerIsBetter: Bool { get }
  /// The index of the partition at the sweep's `index`-th k, or `nil` where it is undefined.
  static func score(at index: Int, in evidence: SweepEvidence) -> Double?
}

extension PartitionIndex {
  static var columns: [String] { [criterion.rawValue] }
  static var summaryColumns: [(header: String, column: String)] { [(summaryHeader, criterion.rawValue)] }
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] { [score(at: index, in: evidence)] }

  /// The k of the best finite value (the first one on ties).
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    var best: (k: Int, value: Double)? = nil
    for row in metrics {
      guard let v = row[criterion.rawValue], v.isFinite else { continue }
      if best == nil || (largerIsBetter ? v > best!.value : v < best!.value) { best = (row.k, v) }
    }
    guard let best else {
      return CriterionRecommendation(
        criterion: criterion, k: nil, reason: "the \(indexName) needs k ≥ 2; the sweep has no such k")
    }
    return CriterionRecommendation(
      criterion: criterion, k: best.k,
      reason: "the \(largerIsBetter ? "largest" : "smallest") \(indexName) (\(best.value)) is at k = \(best.k)")
  }
}

/// A partition index computed from the data and each k's labels alone (Calinski–Harabasz,
/// Davies–Bouldin): its formula is all it needs to write.
protocol LabelIndex: PartitionIndex {
  /// The index of the partition `labels` (in `0..<k`) of `data`, or `nil` where undefined.
  static func score(_ data: Dataset, labels: [Int], clusterCount k: Int) -> Double?
}

extension LabelIndex {
  static func score(at index: Int, in evidence: SweepEvidence) -> Double? {
    let fit = evidence.fits[index]
    return score(evidence.data, labels: fit.labels, clusterCount: fit.clusterCount)
  }
}

/// A criterion's name, as the reports spell it (`gap`, `calinski_harabasz`, …).
public struct Criterion: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
  /// The name.
  public let rawValue: String

  /// The criterion named `rawValue`.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Every criterion of the sweep, in the reports' order.
  public static var allCases: [Criterion] { SweepCriteria.all.map { $0.criterion } }

  public var description: String { rawValue }
}

/// What one criterion recommends, and why (or why it cannot decide).
public struct CriterionRecommendation: Sendable, Codable, Equatable {
  /// The criterion.
  public var criterion: Criterion
  /// The recommended k, or `nil` when the criterion cannot decide.
  public var k: Int?
  /// One sentence: the rule applied and its outcome, or why there is no recommendation.
  public var reason: String
}
