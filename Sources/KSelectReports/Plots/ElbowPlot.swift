import KSelect

/// `elbow.gp`: W_k against k, the explained variance on the right axis, Kneedle's knee ringed.
struct ElbowPlot: PlotPanel {
  let report: SweepReport
  let name = "elbow"
  let caption = "Elbow: W_k (within-cluster sum of squares) and explained variance against k; reads metrics.csv."

  func commands(compact: Bool) -> String {
    let knee = report.result.recommendation(.elbow)?.k
    var out = GnuplotScript.common(compact: compact) + GnuplotScript.kAxis(report.result.ks)
    out += GnuplotScript.choice("knee_k", knee, from: .elbow)
    out += """
      set title "Elbow\(knee == nil ? " (no knee found)" : "")"
      set ylabel "W_k (WCSS)"
      set y2label "explained variance (%)"
      set y2range [0:105]
      set y2tics 0, 20, 100
      set format y "%g"

      """
    out += GnuplotScript.yRange(file: "metrics.csv", column: "wcss")
    out += """
      plot "metrics.csv" using "k":"wcss" with linespoints ls 1 title "W_k", \\
           "" using "k":(100 * column("explained_variance")) axes x1y2 with linespoints ls 2 title "explained variance"
      """
    if knee != nil { out += ", \\\n     " + GnuplotScript.marker(column: "wcss", variable: "knee_k", label: "knee:") }
    return out + "\n"
  }
}
