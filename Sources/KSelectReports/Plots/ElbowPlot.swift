import KSelect

/// `elbow.gp`: W_k against k, the explained variance on the right axis, Kneedle's knee ringed
/// and the recommended k shaded.
struct ElbowPlot: PlotPanel {
  let report: SweepReport
  let name = "elbow"
  let caption = "Elbow: W_k (within-cluster sum of squares) and explained variance against k; reads metrics.csv."

  func commands(compact: Bool) -> String {
    let knee = report.result.recommendation(.elbow)?.k
    var out = GnuplotScript.common(compact: compact) + GnuplotScript.kAxis(report.result.ks)
    out += GnuplotScript.choice("knee_k", knee, from: .elbow)
    out += GnuplotScript.recommendedBand(report.result.recommendedK, ks: report.result.ks)
    out += """
      set title "Elbow: W_k against k (\(knee == nil ? "no knee found" : "pick: the knee"))"
      set ylabel "W_k (WCSS)"
      set y2label "explained variance (%)"
      set y2range [0:105]
      set y2tics 0, 20, 100
      set format y "%g"

      """
    out += GnuplotScript.yRange(file: "metrics.csv", column: "wcss")
    out += """
      plot "metrics.csv" using "k":"wcss" with linespoints ls \(GnuplotScript.style(for: .elbow)) title "W_k", \\
           "" using "k":(100 * column("explained_variance")) axes x1y2 with linespoints ls 2 title "explained variance (right axis)"
      """
    if knee != nil { out += ", \\\n     " + GnuplotScript.marker(column: "wcss", variable: "knee_k", label: "knee:") }
    return out + GnuplotScript.recommendedKey(report.result.recommendedK, ks: report.result.ks) + "\n"
  }
}
