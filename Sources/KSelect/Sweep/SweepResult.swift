/// One row of `metrics.csv`: every criterion's value at one k. Undefined values are `nil`.
public struct KMetrics: Sendable, Codable, Equatable {
  /// The number of clusters.
  public var k: Int
  /// W_k, the within-cluster sum of squares of the best restart.
  public var wcss: Double
  /// 1 − W_k / W_1.
  public var explainedVariance: Double
  /// ln W_k (`nil` when W_k = 0).
  public var logWCSS: Double?
  /// The mean over the references of ln W*_k.
  public var referenceLogWCSSMean: Double?
  /// Gap(k).
  public var gap: Double?
  /// The standard deviation sd_k of ln W*_k over the references.
  public var gapSD: Double?
  /// s_k = sd_k · sqrt(1 + 1/B).
  public var gapSE: Double?
  /// f(K) of Pham, Dimov & Nguyen.
  public var fk: Double
  /// α_K used in f(K) (`nil` at k = 1).
  public var alpha: Double?
  /// The mean silhouette width (`nil` at k = 1).
  public var silhouette: Double?
  /// The Calinski–Harabasz index (`nil` at k = 1).
  public var calinskiHarabasz: Double?
  /// The Davies–Bouldin index (`nil` at k = 1).
  public var daviesBouldin: Double?
  /// Lloyd iterations of the best restart.
  public var iterations: Int
  /// Whether the best restart converged.
  public var converged: Bool
}

/// W*_kb of one reference data set b at one k: one row of `gap_references.csv`.
public struct ReferenceFit: Sendable, Codable, Equatable {
  /// The number of clusters.
  public var k: Int
  /// The reference data set's number, 1-based.
  public var replicate: Int
  /// W*_kb.
  public var wcss: Double
  /// ln W*_kb.
  public var logWCSS: Double
}

/// The criteria of a sweep, by their report names.
public enum Criterion: String, CaseIterable, Sendable, Codable {
  case elbow, gap, fk, silhouette
  case calinskiHarabasz = "calinski_harabasz"
  case daviesBouldin = "davies_bouldin"
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

/// The k most criteria recommend.
public struct Consensus: Sendable, Codable, Equatable {
  /// The consensus k, or `nil` when no criterion decides.
  public var k: Int?
  /// The criteria that recommend `k`.
  public var agreeing: [Criterion]
  /// The votes per k, as (k, count), in increasing k.
  public var votes: [Int: Int]
  /// The rule used, tie rule included, as stated in the summaries.
  public var rule: String
}

/// Wall-clock time spent in each stage, in seconds (kept apart from results: they vary).
public struct SweepTimings: Sendable, Codable, Equatable {
  /// Fitting the data for every k.
  public var sweep: Double = 0
  /// Fitting every reference data set.
  public var references: Double = 0
  /// Silhouettes, Calinski–Harabasz and Davies–Bouldin.
  public var silhouette: Double = 0
  /// The whole sweep.
  public var total: Double = 0
}

/// Everything a sweep computes.
public struct SweepResult: Sendable {
  /// The options the sweep ran with (k_max possibly capped).
  public var options: SweepOptions
  /// The k values of the sweep, increasing.
  public var ks: [Int]
  /// The best fit for every k in `ks`.
  public var fits: [KMeansResult]
  /// The criteria's values for every k in `ks`.
  public var metrics: [KMetrics]
  /// W*_kb for every reference data set and k, ordered by k then replicate.
  public var references: [ReferenceFit]
  /// Every criterion's recommendation, in `Criterion.allCases` order.
  public var recommendations: [CriterionRecommendation]
  /// The consensus over the criteria.
  public var consensus: Consensus
  /// The k whose assignments and centroids are reported: the consensus, or k_min when no
  /// criterion decides.
  public var recommendedK: Int
  /// s(i) for every point at `recommendedK` (`nil` when undefined or when only sampled).
  public var pointSilhouettes: [Double]?
  /// The sample size when the mean silhouettes were estimated on a sample.
  public var silhouetteSampleSize: Int?
  /// Things the user should know (k_max capped, and the like).
  public var notes: [String]
  /// Time per stage.
  public var timings: SweepTimings

  /// The fit at `k`, if `k` is in the sweep.
  public func fit(for k: Int) -> KMeansResult? {
    ks.firstIndex(of: k).map { fits[$0] }
  }

  /// The mean silhouette of every cluster at `recommendedK` (`nil` when the point values are).
  public var clusterSilhouettes: [Double]? {
    guard let values = pointSilhouettes, let fit = fit(for: recommendedK) else { return nil }
    return Silhouette.clusterMeans(values, labels: fit.labels, clusterCount: recommendedK)
  }

  /// The recommendation of `criterion`.
  public func recommendation(_ criterion: Criterion) -> CriterionRecommendation? {
    recommendations.first { $0.criterion == criterion }
  }
}
