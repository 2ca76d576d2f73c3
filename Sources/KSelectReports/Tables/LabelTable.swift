import KSelect

/// `labels.csv`: the cluster × label table of every k, in long form, written when a label column
/// was given.
public enum LabelTable {
  /// The file's path inside the report.
  public static let path = "labels.csv"

  /// One row per (k, cluster, label) — every cell of every table, zeros included — ordered by k,
  /// then cluster (1-based), then label (the labels' code-point order): `k`, `cluster`, `label`,
  /// `count`.
  public static func csv(ks: [Int], agreements: [LabelAgreement]) -> String {
    var rows = [[String]]()
    for (k, agreement) in zip(ks, agreements) {
      let width = agreement.labels.count
      for cluster in 0..<agreement.clusterCount {
        for (column, label) in agreement.labels.enumerated() {
          rows.append([
            String(k), String(cluster + 1), CSVFormat.text(label), String(agreement.counts[cluster * width + column]),
          ])
        }
      }
    }
    return CSVFormat.table(header: ["k", "cluster", "label", "count"], rows: rows)
  }
}
