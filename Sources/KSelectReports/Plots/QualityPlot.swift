import KSelect

/// `silhouette.gp`: the mean silhouette, Calinski–Harabasz and Davies–Bouldin against k, on
/// three panels side by side (one panel of values normalised to [0, 1] in the overview, with
/// Davies–Bouldin inverted so that every curve is better when higher), each criterion's choice
/// ringed and the recommended k shaded.
struct QualityPlot: PlotPanel {
  let report: SweepReport
  let name = "silhouette"
  let caption = "Mean silhouette, Calinski-Harabasz and Davies-Bouldin indices against k; reads metrics.csv."
  var size: (width: Int, height: Int) { (1350, 500) }

  /// The three criteria: metrics.csv column, axis label, gnuplot variable of the choice.
  private typealias Series = (
    criterion: Criterion, value: KeyPath<KMetrics, Double?>, label: String, short: String, variable: String,
    better: String
  )
  private static var allSeries: [Series] {
    [
      (.silhouette, \.silhouette, "mean silhouette", "silhouette", "silhouette_k", "higher is better"),
      (.calinskiHarabasz, \.calinskiHarabasz, "Calinski-Harabasz", "CH", "ch_k", "higher is better"),
      (.daviesBouldin, \.daviesBouldin, "Davies-Bouldin", "DB", "db_k", "lower is better"),
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

  /// Three panels, one per criterion, each titled with its direction.
  private var panels: String {
    let ks = report.result.ks
    var out = GnuplotScript.recommendedBand(report.result.recommendedK, ks: ks)
    out += "set multiplot layout 1,\(series.count) title \"Partition quality against k\"\n"
    for entry in series {
      let column = entry.criterion.rawValue
      out += """
        set title "\(entry.label) (\(entry.better))"
        set ylabel "\(entry.label)"

        """
      out += GnuplotScript.yRange(file: "metrics.csv", column: column)
      out +=
        "plot \"metrics.csv\" using \"k\":\"\(column)\" with linespoints ls \(GnuplotScript.style(for: entry.criterion)) "
      out += "title \"\(entry.label)\""
      if report.result.recommendation(entry.criterion)?.k != nil {
        out += ", \\\n     " + GnuplotScript.marker(column: column, variable: entry.variable, label: "best:")
      }
      out += GnuplotScript.recommendedKey(report.result.recommendedK, ks: ks) + "\n"
    }
    return out + "unset multiplot\n"
  }

  /// One panel: each criterion rescaled to [0, 1] over the sweep, Davies–Bouldin inverted so
  /// that higher is better on every curve; each criterion's best k ringed.
  private var normalised: String {
    var out = GnuplotScript.recommendedBand(report.result.recommendedK, ks: report.result.ks)
    out += """
      set title "Silhouette, CH, DB scaled to [0,1]: higher is better (DB inverted)"
      set ylabel "scaled value (1 = best of the sweep)"

      """
    var plots = [String]()
    var rings = [String]()
    for (index, entry) in series.enumerated() {
      let column = entry.criterion.rawValue
      let prefix = "Q\(index)"
      // Davies–Bouldin is better when lower: (max − v) / (max − min) turns it the same way up.
      let inverted = entry.criterion == .daviesBouldin
      let numerator = inverted ? "\(prefix)_max - column(\"\(column)\")" : "column(\"\(column)\") - \(prefix)_min"
      let scaled = "(\(prefix)_max > \(prefix)_min ? (\(numerator)) / (\(prefix)_max - \(prefix)_min) : 0.5)"
      out += "stats \"metrics.csv\" using \"\(column)\" nooutput prefix \"\(prefix)\"\n"
      plots.append(
        "\"metrics.csv\" using \"k\":\(scaled) with linespoints ls \(GnuplotScript.style(for: entry.criterion)) "
          + "title \"\(entry.short)\(inverted ? " (inverted)" : "")\"")
      if report.result.recommendation(entry.criterion)?.k != nil {
        let ringed = "(column(\"k\") == \(entry.variable) ? \(scaled) : NaN)"
        rings.append(
          "\"metrics.csv\" using \"k\":\(ringed) with points ls 3 \(rings.isEmpty ? "title \"best k\"" : "notitle")")
      }
    }
    return out + "set yrange [-0.05:1.05]\nplot " + (plots + rings).joined(separator: ", \\\n     ")
      + GnuplotScript.recommendedKey(report.result.recommendedK, ks: report.result.ks) + "\n"
  }
}
