import KSelect

/// `scaling.csv`: the scaling map fitted to the data, one row per feature, so that new points
/// can be put in the clustering's space (`kselect assign`): scaled = (x − offset) / factor.
public enum ScalingTable {
  /// The file's path inside the report.
  public static let path = "scaling.csv"
  /// The columns, in order.
  public static let header = ["feature", "scaling", "offset", "factor"]

  /// One row per feature, in the features' order: `feature` (its name in the input), `scaling`
  /// (`none`, `zscore` or `minmax`), `offset` and `factor` (0 and 1 for `none` and for a
  /// constant feature's factor), each in shortest round-trip form.
  public static func csv(_ input: ClusteringInput) -> String {
    let scaler = input.scaler
    let rows = input.loaded.dataset.featureNames.enumerated().map { j, name in
      [
        CSVFormat.text(name), scaler.scaling.rawValue, CSVFormat.number(scaler.offsets[j]),
        CSVFormat.number(scaler.factors[j]),
      ]
    }
    return CSVFormat.table(header: header, rows: rows)
  }
}
