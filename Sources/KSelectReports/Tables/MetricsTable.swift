import KSelect

/// `metrics.csv`: one row per k of the sweep, in increasing k, with the contract's columns in
/// the contract's order (docs/REPORTS.md): k, W_k and the explained variance, then every
/// criterion's columns in `SweepCriteria` order, then the iterations and convergence, and, when
/// known labels were given, the agreement with them.
public enum MetricsTable {
  /// The columns, in order (without the label agreement's).
  public static var header: [String] {
    ["k", "wcss", "explained_variance"] + SweepCriteria.columns + ["iterations", "converged"]
  }

  /// The label agreement's columns, last, written only when a label column was given.
  public static let agreementHeader = ["adjusted_rand_index", "normalized_mutual_info"]

  /// The table for `metrics`; undefined values are empty cells. With `agreements` (one per k,
  /// in the same order) the two agreement columns follow.
  public static func csv(_ metrics: [KMetrics], agreements: [LabelAgreement]? = nil) -> String {
    let columns = SweepCriteria.columns
    let rows = metrics.enumerated().map { index, m in
      [String(m.k), CSVFormat.number(m.wcss), CSVFormat.number(m.explainedVariance)]
        + columns.map { CSVFormat.number(m[$0]) } + [String(m.iterations), CSVFormat.boolean(m.converged)]
        + (agreements.map { agreement in
          [
            CSVFormat.number(agreement[index].adjustedRandIndex),
            CSVFormat.number(agreement[index].normalizedMutualInformation),
          ]
        } ?? [])
    }
    return CSVFormat.table(header: header + (agreements == nil ? [] : agreementHeader), rows: rows)
  }
}
