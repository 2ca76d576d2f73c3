import KSelect

/// `selection_stability.csv`: how often each criterion and the recommendation chose each k on
/// the subsamples, `criterion,k,count,resamples,frequency`.
///
/// One row per criterion (in the reports' order, then `recommendation`) and k chosen at least
/// once, in increasing k, then, when some subsamples made no choice, a row with `k` empty. For
/// each criterion the counts sum to `resamples`; `frequency` is count / resamples.
public enum SelectionStabilityTable {
  /// The file, relative to the report folder.
  public static let path = "selection_stability.csv"
  /// The columns, in order.
  public static let header = ["criterion", "k", "count", "resamples", "frequency"]

  /// The table for `frequencies`.
  public static func csv(_ frequencies: SelectionFrequencies) -> String {
    let n = frequencies.resamples
    var rows = [[String]]()
    for choice in frequencies.choices {
      let cells =
        choice.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) }
        + (choice.undecided > 0 ? [("", choice.undecided)] : [])
      for (k, count) in cells {
        rows.append([
          CSVFormat.text(choice.name), k, String(count), String(n), CSVFormat.number(Double(count) / Double(n)),
        ])
      }
    }
    return CSVFormat.table(header: header, rows: rows)
  }
}
