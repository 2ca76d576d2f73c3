import KSelect

/// `gap_references.csv`: W*_kb of every reference data set b at every k, ordered by k then
/// replicate: `k,replicate,wcss,log_wcss`.
public enum GapReferencesTable {
  /// The columns, in order.
  public static let header = ["k", "replicate", "wcss", "log_wcss"]

  /// The table for `references` (just the header when the gap statistic was skipped).
  public static func csv(_ references: [ReferenceFit]) -> String {
    CSVFormat.table(
      header: header,
      rows: references.map {
        [String($0.k), String($0.replicate), CSVFormat.number($0.wcss), CSVFormat.number($0.logWCSS)]
      })
  }
}
