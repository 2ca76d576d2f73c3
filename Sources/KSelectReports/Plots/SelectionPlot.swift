import KSelect

/// `selection.gp`: the selection frequencies as a heat map — one row per resampled criterion and
/// one for the recommendation, one column per k (and one for "no choice" when there is one), each
/// cell shaded by the share of subsamples that chose that k, with their number printed, and the
/// full data's choice outlined.
///
/// It reads the helper table `plots/selection.csv` (`x,y,criterion,count,frequency,full`: every
/// cell of the grid, `x` the column's position — the k, or k_max + 1 for "no choice" — `y` the
/// row's, `full` 1 on the full data's choice). The rows' names come from that table, never from
/// the script.
struct SelectionPlot: PlotPanel {
  let report: SweepReport
  let name = "selection"
  let caption =
    "Selection frequencies: how often each criterion and the recommendation chose each k on subsamples; reads plots/selection.csv."
  static let table = "plots/selection.csv"
  /// Wide enough in the overview for a column per k.
  let overviewSlots = 2

  /// The x position of the "no choice" column.
  private var noneColumn: Int { (report.result.ks.last ?? 1) + 1 }

  func commands(compact: Bool) -> String {
    var out = GnuplotScript.common(compact: compact)
    guard let frequencies = report.result.selectionFrequencies, let grid = SelectionGrid(report.result) else {
      return out
        + GnuplotScript.placeholder(
          title: "Selection frequencies", message: DecisionText.noFrequencies(report.result))
    }
    let low = Double(report.result.ks.first ?? 1) - 0.5
    let high = Double(grid.columns.last.map { $0 ?? noneColumn } ?? 1) + 0.5
    let rows = grid.rows.count
    let title =
      compact
      ? "Selection frequencies on \(frequencies.resamples) subsamples (outlined: full data)"
      : "Selection frequencies over \(frequencies.resamples) subsamples of \(frequencies.subsampleSize) of "
        + "\(frequencies.rowCount) points\\noutlined: the choice on the full data"
    // A dark cell holds its count in white; the rest in black.
    let labels = { (condition: String, colour: String) in
      "\"\(Self.table)\" using \"x\":\"y\":(column(\"count\") > 0 && \(condition) ? sprintf(\"%d\", column(\"count\")) : \"\") "
        + "with labels tc \"\(colour)\" font \",\(compact ? 9 : 11)\" notitle"
    }
    out += """
      # The rows' names are read from \(Self.table) (ytic), never written into this script.
      set termoption noenhanced
      set title "\(title)"
      set xlabel "k (number of clusters)"
      set xrange [\(low):\(high)]
      set yrange [\(Double(rows) + 0.5):0.5]
      set xtics 1 scale 0
      \(grid.columns.contains(nil) ? "set xtics add (\"none\" \(noneColumn))" : "")
      set ytics scale 0
      unset grid
      set border 0
      set palette defined (0 "#ffffff", 1 "#08519c")
      set cbrange [0:1]
      \(compact ? "unset colorbox" : "set cblabel \"share of subsamples\"\nset cbtics 0, 0.25, 1")
      set arrow 1 from graph 0, first \(Double(rows) - 0.5) to graph 1, first \(Double(rows) - 0.5) nohead lc "#333333" lw 1.5 front
      unset key
      plot "\(Self.table)" using "x":"y":(0.5):(0.5):"frequency" \\
           with boxxyerror fs solid 1.0 border lc "#d9d9d9" fc palette notitle, \\
           "" every \(grid.columns.count) using (NaN):"y":ytic(strcol("criterion")) with points notitle, \\
           "" using "x":(column("full") == 1 ? column("y") : NaN):(0.45):(0.45) \\
           with boxxyerror fs empty lw 2.5 lc "#d62728" notitle, \\
           \(labels("column(\"frequency\") > 0.55", "white")), \\
           \(labels("column(\"frequency\") <= 0.55", "black"))
      set termoption enhanced

      """
    return out
  }

  func dataFiles() throws -> [(path: String, contents: String)] {
    guard let grid = SelectionGrid(report.result) else { return [] }
    var rows = [[String]]()
    for (index, row) in grid.rows.enumerated() {
      for (k, cell) in zip(grid.columns, row.cells) {
        rows.append([
          String(k ?? noneColumn), String(index + 1), CSVFormat.text(row.name), String(cell.count),
          CSVFormat.number(Double(cell.count) / Double(grid.resamples)), cell.isFullChoice ? "1" : "0",
        ])
      }
    }
    return [(Self.table, CSVFormat.table(header: ["x", "y", "criterion", "count", "frequency", "full"], rows: rows))]
  }
}
