/// The f(K) criterion of Pham, Dimov & Nguyen (2005), computed from the k-means objective.
///
/// With S_K = W_K (the within-cluster sum of squares of the K-cluster fit) and N_d = d, the
/// number of features:
/// - α_2 = 1 − 3 / (4 N_d), and α_K = α_{K−1} + (1 − α_{K−1}) / 6 for K > 2;
/// - f(1) = 1; f(K) = S_K / (α_K S_{K−1}) when S_{K−1} ≠ 0; f(K) = 1 when S_{K−1} = 0.
///
/// The recommended K minimises f(K); values below about 0.85 signal well-separated clusters.
///
/// Citation: D. T. Pham, S. S. Dimov and C. D. Nguyen (2005), "Selection of K in K-means
/// clustering", Proceedings of the IMechE, Part C 219(1), 43–54.
public enum PhamDimovNguyen {
  /// The f(K) value below which the data are read as having a clear cluster structure.
  public static let clearStructureThreshold = 0.85

  /// The weight α_K that discounts S_{K−1} in f(K).
  ///
  /// - Parameters:
  ///   - k: The number of clusters K (at least 1).
  ///   - dimension: The number of features N_d (at least 1).
  /// - Returns: α_K, or `nil` at K = 1 where f(K) needs no weight.
  /// - Complexity: O(K).
  public static func alpha(clusterCount k: Int, dimension: Int) -> Double? {
    precondition(k >= 1, "K must be at least 1")
    precondition(dimension >= 1, "the data need at least one feature")
    guard k >= 2 else { return nil }
    var value = 1 - 3 / (4 * Double(dimension))
    if k > 2 {
      for _ in 3...k { value += (1 - value) / 6 }
    }
    return value
  }

  /// f(K) from the objective at K and at K − 1.
  ///
  /// - Parameters:
  ///   - k: The number of clusters K (at least 1).
  ///   - wcss: S_K, the within-cluster sum of squares at K.
  ///   - previousWCSS: S_{K−1}; ignored at K = 1. When it is `nil` for K > 1 (K − 1 was not
  ///     fitted), f(K) cannot be formed and the neutral value 1 is returned.
  ///   - dimension: The number of features N_d.
  /// - Returns: f(K): 1 at K = 1 and when S_{K−1} = 0, else S_K / (α_K S_{K−1}).
  public static func f(clusterCount k: Int, wcss: Double, previousWCSS: Double?, dimension: Int) -> Double {
    guard let alpha = alpha(clusterCount: k, dimension: dimension) else { return 1 }
    guard let previousWCSS, previousWCSS != 0 else { return 1 }
    return wcss / (alpha * previousWCSS)
  }

  /// The K at the smallest f(K), and whether the data show a clear cluster structure.
  ///
  /// The recommendation is always the K of the smallest f(K) (the first one on ties), even when
  /// no f(K) falls below 0.85: then `clearStructure` is `false` and the reason says that the data
  /// show no clear cluster structure. Whether to read that as K = 1 is left to the caller (a
  /// consensus, say); this function does not force it.
  ///
  /// - Parameters:
  ///   - ks: The values of K, one per entry of `values`.
  ///   - values: f(K) for every K in `ks`; non-finite values are ignored.
  /// - Returns: The recommendation; `k` is `nil` only when no f(K) is finite.
  public static func recommend(ks: [Int], values: [Double]) -> FKRecommendation {
    precondition(ks.count == values.count, "one f(K) per K")
    var best: (k: Int, value: Double)? = nil
    for (k, value) in zip(ks, values) where value.isFinite {
      if best == nil || value < best!.value { best = (k, value) }
    }
    guard let best else {
      return FKRecommendation(k: nil, clearStructure: false, reason: "no finite f(K) to compare")
    }
    if best.value < clearStructureThreshold {
      return FKRecommendation(
        k: best.k, clearStructure: true,
        reason: "the smallest f(K) (\(best.value)) is at K = \(best.k), below \(clearStructureThreshold)")
    }
    return FKRecommendation(
      k: best.k, clearStructure: false,
      reason: "no f(K) falls below \(clearStructureThreshold): no clear cluster structure "
        + "(the smallest f(K), \(best.value), is at K = \(best.k))")
  }
}

/// What f(K) recommends: the K of the smallest f(K), and whether that minimum shows a clear
/// cluster structure (f(K) < 0.85).
public struct FKRecommendation: Sendable, Codable, Equatable {
  /// The K of the smallest f(K) (`nil` only when there was no finite f(K)).
  public var k: Int?
  /// Whether some f(K) falls below 0.85.
  public var clearStructure: Bool
  /// A sentence for the report saying why.
  public var reason: String

  /// Creates a recommendation.
  /// - Parameters:
  ///   - k: The recommended K.
  ///   - clearStructure: Whether the smallest f(K) is below 0.85.
  ///   - reason: The explanation shown to users.
  public init(k: Int?, clearStructure: Bool, reason: String) {
    self.k = k
    self.clearStructure = clearStructure
    self.reason = reason
  }
}

extension Criterion {
  /// f(K) of Pham, Dimov & Nguyen.
  public static let fk = Criterion(rawValue: "fk")
}

extension PhamDimovNguyen: SweepCriterion {
  static var criterion: Criterion { .fk }
  static var columns: [String] { ["fk", "alpha"] }
  static var summaryColumns: [(header: String, column: String)] { [("f(K)", "fk")] }

  /// f(K) and α_K, from W at this k and at the one before (W at k_min − 1 is fitted for k_min).
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] {
    let k = evidence.ks[index]
    let d = evidence.data.columnCount
    let previous = index == 0 ? evidence.previousWCSS : evidence.fits[index - 1].wcss
    return [
      f(clusterCount: k, wcss: evidence.fits[index].wcss, previousWCSS: previous, dimension: d),
      alpha(clusterCount: k, dimension: d),
    ]
  }

  /// The K of the smallest f(K); no f(K) below 0.85 reads as K = 1 when the sweep has it.
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    let verdict = recommend(ks: metrics.map(\.k), values: metrics.map { $0.fk ?? .nan })
    guard !verdict.clearStructure else {
      return CriterionRecommendation(criterion: .fk, k: verdict.k, reason: verdict.reason)
    }
    // Pham, Dimov & Nguyen read "no f(K) below 0.85" as data without cluster structure: K = 1.
    let hasOne = metrics.first?.k == 1
    return CriterionRecommendation(
      criterion: .fk, k: hasOne ? 1 : nil,
      reason: verdict.reason + (hasOne ? "; read as k = 1" : "; k = 1 is outside the sweep, so no recommendation"))
  }
}

extension KMetrics {
  /// f(K) of Pham, Dimov & Nguyen.
  public var fk: Double? { self["fk"] }
  /// α_K used in f(K) (`nil` at k = 1).
  public var alpha: Double? { self["alpha"] }
}
