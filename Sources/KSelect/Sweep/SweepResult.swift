/// One row of `metrics.csv`: every criterion's values at one k. Undefined values are absent.
public struct KMetrics: Sendable, Codable, Equatable {
  /// The number of clusters.
  public var k: Int
  /// W_k, the within-cluster sum of squares of the best restart.
  public var wcss: Double
  /// 1 − W_k / W_1.
  public var explainedVariance: Double
  /// The criteria's values at this k, by metrics.csv column (`SweepCriteria.columns`); a value
  /// that is undefined at this k is absent.
  public var values: [String: Double]
  /// Lloyd iterations of the best restart.
  public var iterations: Int
  /// Whether the best restart converged.
  public var converged: Bool

  /// Creates a row.
  public init(
    k: Int, wcss: Double, explainedVariance: Double, values: [String: Double] = [:], iterations: Int,
    converged: Bool
  ) {
    self.k = k
    self.wcss = wcss
    self.explainedVariance = explainedVariance
    self.values = values
    self.iterations = iterations
    self.converged = converged
  }

  /// The value of a criterion's column, `nil` when undefined at this k.
  public subscript(column: String) -> Double? {
    get { values[column] }
    set { values[column] = newValue }
  }
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

/// The k most criteria recommend (reported beside the decision, which replaces it as the answer).
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
  /// The stability pass: prediction strength and instability from the same splits.
  public var stability: Double = 0
  /// The criteria: the silhouette pass and every criterion's values.
  public var silhouette: Double = 0
  /// The structure test's Hopkins statistic.
  public var hopkins: Double = 0
  /// The selection frequencies' subsamples.
  public var resampling: Double = 0
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
  /// The settings the references were drawn and fitted with (size, restarts, iteration cap,
  /// polishing).
  public var referencePlan: ReferencePlan
  /// Every criterion's recommendation, in `Criterion.allCases` order.
  public var recommendations: [CriterionRecommendation]
  /// The plurality vote over the criteria (reported for comparison; not the answer).
  public var consensus: Consensus
  /// Whether the data show cluster structure, and why.
  public var structure: StructureVerdict
  /// The answer: the k of `DecisionRule`, its rule and its reason.
  public var decision: Decision
  /// How often each criterion and the decision chose each k on subsamples (`nil` when off).
  public var selectionFrequencies: SelectionFrequencies?
  /// The k whose assignments and centroids are reported: the decision's.
  public var recommendedK: Int { decision.k }
  /// s(i) for every point at every k of `ks`, from the sweep's one silhouette pass (`nil` at
  /// k = 1 and when the mean silhouettes were only sampled).
  public var pointSilhouettesByK: [[Double]?]
  /// The sampled points and their s(i) at every k, when the mean silhouettes were estimated on
  /// a sample (`nil` when exact).
  public var silhouetteSample: SilhouetteSample?
  /// The sample size when the mean silhouettes were estimated on a sample.
  public var silhouetteSampleSize: Int? { silhouetteSample?.size }
  /// Things the user should know (k_max capped, and the like).
  public var notes: [String]
  /// Time per stage.
  public var timings: SweepTimings

  /// The fit at `k`, if `k` is in the sweep.
  public func fit(for k: Int) -> KMeansResult? {
    ks.firstIndex(of: k).map { fits[$0] }
  }

  /// s(i) for every point at `recommendedK` (`nil` when undefined or when only sampled).
  public var pointSilhouettes: [Double]? { ks.firstIndex(of: recommendedK).flatMap { pointSilhouettesByK[$0] } }

  /// The sampled points' s(i) at `recommendedK`, with their rows (`nil` when exact or undefined).
  public var sampledSilhouettes: (rows: [Int], values: [Double])? {
    guard let sample = silhouetteSample, let index = ks.firstIndex(of: recommendedK),
      let values = sample.valuesByK[index]
    else { return nil }
    return (sample.rows, values)
  }

  /// The mean silhouette of every cluster at `recommendedK`: over every point when exact, over
  /// the sampled points of each cluster when sampled (NaN for a cluster the sample missed);
  /// `nil` when undefined.
  public var clusterSilhouettes: [Double]? {
    guard let fit = fit(for: recommendedK) else { return nil }
    if let values = pointSilhouettes {
      return Silhouette.clusterMeans(values, labels: fit.labels, clusterCount: recommendedK)
    }
    guard let (rows, values) = sampledSilhouettes else { return nil }
    return Silhouette.clusterMeans(values, labels: rows.map { fit.labels[$0] }, clusterCount: recommendedK)
  }

  /// The sampled points in every cluster at `recommendedK` (`nil` when the silhouettes are exact
  /// or undefined): the sizes `clusterSilhouettes` are means over.
  public var clusterSilhouetteSampleSizes: [Int]? {
    guard let fit = fit(for: recommendedK), let (rows, _) = sampledSilhouettes else { return nil }
    var counts = [Int](repeating: 0, count: recommendedK)
    for row in rows { counts[fit.labels[row]] += 1 }
    return counts
  }

  /// The recommendation of `criterion`.
  public func recommendation(_ criterion: Criterion) -> CriterionRecommendation? {
    recommendations.first { $0.criterion == criterion }
  }
}
