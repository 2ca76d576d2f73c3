import KSelect

/// `gap.gp`: Gap(k) with ±s_k error bars and the k the gap rule chose ringed.
struct GapPlot: PlotPanel {
  let report: SweepReport
  let name = "gap"
  let caption = "Gap statistic: Gap(k) with error bars of ±s_k against k; reads metrics.csv."

  func commands(compact: Bool) -> String {
    let options = report.result.options
    var out = GnuplotScript.common(compact: compact)
    guard report.result.metrics.contains(where: { $0.gap != nil }) else {
      let why =
        options.references == 0
        ? "gap statistic skipped (\(options.naming.name(.references)) 0)"
        : "Gap(k) is undefined at every k of the sweep"
      return out + GnuplotScript.placeholder(title: "Gap statistic", message: why)
    }
    let chosen = report.result.recommendation(.gap)?.k
    let style = GnuplotScript.style(for: .gap)
    out += GnuplotScript.kAxis(report.result.ks)
    out += GnuplotScript.choice("gap_k", chosen, from: .gap)
    out += GnuplotScript.recommendedBand(report.result.recommendedK, ks: report.result.ks)
    out += """
      set title "Gap statistic (B = \(options.references), \(options.referenceSpace.rawValue) references, pick: \(options.gapRule.rawValue))" noenhanced
      set ylabel "Gap(k)"

      """
    out += GnuplotScript.yRange(file: "metrics.csv", column: "gap")
    out += """
      plot "metrics.csv" using "k":"gap":"gap_se" with yerrorbars ls \(style) title "Gap(k) ± s_k", \\
           "" using "k":"gap" with lines ls \(style) notitle
      """
    if chosen != nil { out += ", \\\n     " + GnuplotScript.marker(column: "gap", variable: "gap_k", label: "chosen:") }
    return out + GnuplotScript.recommendedKey(report.result.recommendedK, ks: report.result.ks) + "\n"
  }
}
