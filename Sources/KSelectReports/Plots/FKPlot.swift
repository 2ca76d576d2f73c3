import KSelect

/// `fk.gp`: f(K) of Pham, Dimov & Nguyen with the 0.85 line below which clusters are clear.
struct FKPlot: PlotPanel {
  let report: SweepReport
  let name = "fk"
  let caption = "f(K) of Pham, Dimov & Nguyen against K, with the 0.85 threshold; reads metrics.csv."

  func commands(compact: Bool) -> String {
    let chosen = report.result.recommendation(.fk)?.k
    var out = GnuplotScript.common(compact: compact) + GnuplotScript.kAxis(report.result.ks)
    out += GnuplotScript.choice("fk_k", chosen, from: .fk)
    out += GnuplotScript.recommendedBand(report.result.recommendedK, ks: report.result.ks)
    out += """
      set title "f(K) of Pham, Dimov & Nguyen (lower is better)" noenhanced
      set ylabel "f(K)"
      stats "metrics.csv" using "fk" nooutput prefix "F"
      set yrange [0 : (F_max > 0.85 ? F_max : 0.85) * 1.1]
      plot "metrics.csv" using "k":"fk" with linespoints ls \(GnuplotScript.style(for: .fk)) title "f(K)", \\
           0.85 with lines ls 4 title "0.85 (clear structure below)"
      """
    if chosen != nil { out += ", \\\n     " + GnuplotScript.marker(column: "fk", variable: "fk_k", label: "chosen:") }
    return out + GnuplotScript.recommendedKey(report.result.recommendedK, ks: report.result.ks) + "\n"
  }
}
