import KSelect

/// `metrics.csv`: one row per k of the sweep, in increasing k, with the contract's columns in
/// the contract's order (see REPORTS.md).
public enum MetricsTable {
  /// The columns, in order.
  public static let header = [
    "k", "wcss", "explained_variance", "log_wcss", "ref_log_wcss_mean", "gap", "gap_sd", "gap_se", "fk", "alpha",
    "silhouette", "calinski_harabasz", "davies_bouldin", "iterations", "converged",
  ]

  /// The table for `metrics`; undefined values are empty cells.
  public static func csv(_ metrics: [KMetrics]) -> String {
    let rows = metrics.map { m in
      [
        String(m.k), CSVFormat.number(m.wcss), CSVFormat.number(m.explainedVariance), CSVFormat.number(m.logWCSS),
        CSVFormat.number(m.referenceLogWCSSMean), CSVFormat.number(m.gap), CSVFormat.number(m.gapSD),
        CSVFormat.number(m.gapSE), CSVFormat.number(m.fk), CSVFormat.number(m.alpha), CSVFormat.number(m.silhouette),
        CSVFormat.number(m.calinskiHarabasz), CSVFormat.number(m.daviesBouldin), String(m.iterations),
        m.converged ? "true" : "false",
      ]
    }
    return CSVFormat.table(header: header, rows: rows)
  }
}
