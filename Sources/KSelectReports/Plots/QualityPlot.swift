import KSelect

/// `silhouette.gp`: the mean silhouette, Calinski–Harabasz and Davies–Bouldin against k, on
/// three panels side by side (one panel of values normalised to [0, 1] in the overview), each
/// criterion's choice ringed.
struct QualityPlot: PlotPanel {
  let report: SweepReport
  let name = "silhouette"
  let caption = "Mean silhouette, Calinski-Harabasz and Davies-Bouldin indices against k; reads metrics.csv."
  var size: (width: Int, height: Int) { (1350, 500) }

  /// The three criteria: metrics.csv column, axis label, gnuplot variable of the choice.
  private typealias Series = (
    criterion: Criterion, value: KeyPath<KMetrics, Double?>, label: String, variable: String, better: String
  )
  private static var allSeries: [Series] {
    [
      (.silhouette, \.silhouette, "mean silhouette", "silhouette_k", "higher is better"),
      (.calinskiHarabasz, \.calinskiHarabasz, "Calinski-Harabasz", "ch_k", "higher is better"),
      (.daviesBouldin, \.daviesBouldin, "Davies-Bouldin", "db_k", "lower is better"),
    ]
  }

  /// The criteria with at least one value in the sweep (gnuplot's `stats` needs one).
  private var series: [Series] {
    Self.allSeries.filter { series in report.result.metrics.contains { $0[keyPath: series.value] != nil } }
  }

  func commands(compact: Bool) -> String {
    var out = GnuplotScript.common(compact: compact)
    guard !series.isEmpty else {
      return out
        + GnuplotScript.placeholder(
          title: "Silhouette, Calinski-Harabasz, Davies-Bouldin",
          message: "these criteria need k ≥ 2; the sweep has none")
    }
    out += GnuplotScript.kAxis(report.result.ks)
    for entry in series {
      out += GnuplotScript.choice(
        entry.variable, report.result.recommendation(entry.criterion)?.k, from: entry.criterion)
    }
    return out + (compact ? normalised : panels)
  }

  /// Three panels, one per criterion.
  private var panels: String {
    var out = "set multiplot layout 1,\(series.count) title \"Partition quality against k\"\nunset key\n"
    for entry in series {
      let column = entry.criterion.rawValue
      let best = report.result.recommendation(entry.criterion)?.k != nil ? "; best k = %d" : ""
      out += """
        set title sprintf("\(entry.label) (\(entry.better)\(best))"\(best.isEmpty ? "" : ", \(entry.variable)"))
        set ylabel "\(entry.label)"

        """
      out += GnuplotScript.yRange(file: "metrics.csv", column: column)
      out += "plot \"metrics.csv\" using \"k\":\"\(column)\" with linespoints ls 1 title \"\(entry.label)\""
      if report.result.recommendation(entry.criterion)?.k != nil {
        out += ", \\\n     " + GnuplotScript.marker(column: column, variable: entry.variable, label: "best:")
      }
      out += "\n"
    }
    return out + "unset multiplot\n"
  }

  /// One panel: each criterion rescaled to [0, 1] over the sweep.
  private var normalised: String {
    var out = """
      set title "Silhouette, CH, DB (each scaled to [0,1])"
      set ylabel "scaled value"
      set key outside right top vertical samplen 2

      """
    var plots = [String]()
    for (index, entry) in series.enumerated() {
      let column = entry.criterion.rawValue
      let prefix = "Q\(index)"
      out += "stats \"metrics.csv\" using \"\(column)\" nooutput prefix \"\(prefix)\"\n"
      plots.append(
        "\"metrics.csv\" using \"k\":(\(prefix)_max > \(prefix)_min ? (column(\"\(column)\") - \(prefix)_min) / (\(prefix)_max - \(prefix)_min) : 0.5) "
          + "with linespoints ls \([1, 2, 5][index]) title \"\(entry.label)\"")
    }
    return out + "set yrange [-0.05:1.05]\nplot " + plots.joined(separator: ", \\\n     ") + "\n"
  }
}
