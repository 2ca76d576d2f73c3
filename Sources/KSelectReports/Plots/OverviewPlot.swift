import KSelect

/// `overview.gp`: every figure of the report as one panel of a single page.
enum OverviewPlot {
  static let name = "overview"

  /// The overview script for `panels`, drawn as a grid with three panels a row.
  static func script(_ panels: [any PlotPanel], report: SweepReport) -> String {
    let rows = (panels.count + 2) / 3
    let consensus = report.result.consensus.k.map { "k = \($0) by consensus" } ?? "no criterion decides"
    var out = GnuplotScript.header(
      name: name, caption: "Overview: every figure of the report on one page; reads the CSV files the others read.",
      format: report.format, size: (1650, 520 * rows), fontSize: 10)
    out += GnuplotScript.readLabels([.dataName])
    out +=
      "set multiplot layout \(rows),3 title 'kselect: ' . data_name . \(GnuplotScript.quoted(" — \(consensus)")) font \",14\" noenhanced\n"
    for panel in panels {
      out += "\n# --- \(panel.name) ---\nreset\n" + panel.commands(compact: true)
    }
    return out + "unset multiplot\nunset output\n"
  }
}
