import KSelect

/// `metrics.csv`: one row per k of the sweep, in increasing k, with the contract's columns in
/// the contract's order (docs/REPORTS.md): k, W_k and the explained variance, then every
/// criterion's columns in `SweepCriteria` order, then the iterations and convergence.
public enum MetricsTable {
  /// The columns, in order.
  public static var header: [String] {
    ["k", "wcss", "explained_variance"] + SweepCriteria.columns + ["iterations", "converged"]
  }

  /// The table for `metrics`; undefined values are empty cells.
  public static func csv(_ metrics: [KMetrics]) -> String {
    let columns = SweepCriteria.columns
    let rows = metrics.map { m in
      [String(m.k), CSVFormat.number(m.wcss), CSVFormat.number(m.explainedVariance)]
        + columns.map { CSVFormat.number(m[$0]) } + [String(m.iterations), CSVFormat.boolean(m.converged)]
    }
    return CSVFormat.table(header: header, rows: rows)
  }
}
