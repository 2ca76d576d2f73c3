/// Normalised instability (Lange, Roth, Braun & Buhmann 2004): how often the clustering of one
/// half of the data, transferred to the other half, disagrees with that half's own clustering,
/// relative to how often two random labellings would.
///
/// It is computed from the very splits and fits of prediction strength (`StabilityPass`): for
/// one split into halves A and B, both clustered into k clusters, B's points are assigned to A's
/// nearest centroid, and the disagreement of B's own labels with these transferred ones, after
/// the best matching of the two label sets (`Hungarian`), is
///
///   d = 1 − (points the best matching puts in agreement) / |B|.
///
/// The same is done the other way round. Each direction's d is divided by d₀(m, k), the expected
/// disagreement of two independent labellings of m = |test half| points, each label drawn
/// uniformly from k (`randomDisagreement`); the split's value is the mean of its two directions
/// and the criterion's value at k the mean over the M splits, with its standard error over them.
/// Raw disagreement grows with k for any data, since there are more ways to disagree; the
/// normalisation is what makes k's comparable. The recommended k is the k ≥ 2 of least normalised
/// instability; on an exact tie the larger k (two partitions that every split reproduces
/// perfectly, as Ruspini's 2 and 4 groups are, are equally stable, and the finer one shows more of
/// the structure, as prediction strength's largest-k rule also prefers). At k = 1 every labelling agrees: the value is 0 and k = 1
/// is not a candidate, so the criterion cannot answer "no structure".
///
/// Lange et al. transfer labels with a classifier trained on the first half; for k-means the
/// nearest-centroid rule is that classifier.
///
/// Citation: T. Lange, V. Roth, M. L. Braun and J. M. Buhmann (2004), "Stability-based validation
/// of clustering solutions", Neural Computation 16(6), 1299–1323.
public enum Instability {
  /// The number of random labelling pairs that estimate d₀(m, k). A single pair's disagreement
  /// has a relative standard deviation of at most 0.38 (m = 6, k = 2), 0.14 at m = 25 and 0.08 at
  /// m = 75, falling as 1/√m, so with 500 pairs the estimate's relative Monte Carlo error is at
  /// most 1.7 % for m ≥ 6, 0.6 % for m ≥ 25 and 0.4 % for m ≥ 75: a tenth or less of the relative
  /// standard error of the instabilities themselves (on iris, 5–20 % with 50 splits and about
  /// twice that with the sweep's default 10).
  public static let randomLabellingPairs = 500

  /// The stream tag of the random labellings. Their stream names (m, k) and not the sweep's seed:
  /// d₀ is a constant of m and k, the same in every run.
  static let streamTag: UInt64 = 0x6C61_6E67

  /// The disagreement of two labellings of the same points after the best matching of labels:
  /// 1 − (the most points any one-to-one relabelling puts in agreement) / n, from their
  /// cross-tabulation (rows: the points' own labels; columns: the transferred ones).
  /// - Returns: A value in [0, 1); 0 for a table of no points.
  /// - Complexity: O(k³), k the larger label count.
  static func disagreement(_ table: ContingencyTable) -> Double {
    let n = table.counts.reduce(0, +)
    guard n > 0 else { return 0 }
    let matched = Hungarian.maximumWeight(
      table.counts.map(Double.init), rows: table.rowLabels, columns: table.columnLabels)
    return 1 - matched / Double(n)
  }

  /// d₀(m, k): the expected `disagreement` of two independent labellings of m points, each label
  /// uniform in 0..<k, estimated as the mean over `randomLabellingPairs` pairs drawn from the
  /// random stream of (m, k) (GSL's Mersenne Twister, `RandomSource`).
  ///
  /// Each point of such a pair falls in one of the k² cells of the cross-tabulation with equal
  /// probability, independently of the others, so the table is a multinomial draw of m trials
  /// over k² equal cells: it is drawn as such, in O(k²) rather than O(m).
  /// - Precondition: 1 ≤ m < 2³², k ≥ 1.
  /// - Complexity: O(P k³) for P = `randomLabellingPairs`.
  public static func randomDisagreement(size m: Int, clusterCount k: Int) -> Double {
    precondition(m >= 1 && k >= 1, "random labellings need at least one point and one label")
    let random = RandomSource(seed: 0, stream: [streamTag, UInt64(m), UInt64(k)])
    var total = 0.0
    for _ in 0..<randomLabellingPairs {
      let table = ContingencyTable(
        counts: random.uniformMultinomial(trials: m, cells: k * k), rowLabels: k, columnLabels: k)
      total += disagreement(table)
    }
    return total / Double(randomLabellingPairs)
  }

  /// The k ≥ 2 of least mean normalised instability among the defined values (the larger k on
  /// exact ties); `nil` when no k ≥ 2 has a value.
  public static func choose(ks: [Int], instabilities: [StrengthValue?]) -> Int? {
    var best: (k: Int, value: Double)? = nil
    for (k, value) in zip(ks, instabilities) where k >= 2 {
      guard let mean = value?.mean, mean.isFinite else { continue }
      if best == nil || mean <= best!.value { best = (k, mean) }
    }
    return best?.k
  }
}

extension Criterion {
  /// Normalised instability.
  public static let instability = Criterion(rawValue: "instability")
}

extension Instability: SweepCriterion {
  static var criterion: Criterion { .instability }
  /// Not repeated on subsamples: it resamples the data itself.
  static var isResampled: Bool { false }
  static var columns: [String] { ["instability", "instability_se"] }
  static var summaryColumns: [(header: String, column: String)] {
    [("instability", "instability"), ("instab. s.e.", "instability_se")]
  }

  /// The mean normalised instability and its standard error over the splits (0 and 0 at k = 1;
  /// undefined without splits and where no split's halves had k distinct points).
  static func values(at index: Int, in evidence: SweepEvidence) -> [Double?] {
    let value = evidence.stability?.instability[index]
    return [value?.mean, value?.standardError]
  }

  /// The k ≥ 2 of least normalised instability (the larger k on exact ties).
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    guard options.stabilitySplits > 0 else {
      return CriterionRecommendation(
        criterion: .instability, k: nil, reason: "the instability was skipped (no stability splits)")
    }
    let values = metrics.map { row in
      row.instability.map { StrengthValue(mean: $0, standardError: row.instabilitySE ?? 0, splits: 0) }
    }
    let ks = metrics.map(\.k)
    guard let k = choose(ks: ks, instabilities: values) else {
      return CriterionRecommendation(
        criterion: .instability, k: nil,
        reason: "the instability needs k ≥ 2 and halves with at least k distinct points; the sweep has no such k")
    }
    let value = values[ks.firstIndex(of: k)!]!
    return CriterionRecommendation(
      criterion: .instability, k: k, reason: "the least normalised instability (\(value.formatted)) is at k = \(k)")
  }
}

extension KMetrics {
  /// The mean normalised instability over the splits (0 at k = 1).
  public var instability: Double? { self["instability"] }
  /// Its standard error over the splits.
  public var instabilitySE: Double? { self["instability_se"] }
}
