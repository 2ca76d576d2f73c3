import Foundation
import KSelect

/// `overview.gp`: every figure of the report as one panel of a single page, titled with the
/// data's name and the sweep's headline (both read from `plots/labels.tsv`).
///
/// The panels fill a grid of `columns` slots a row in their order; a panel takes
/// `overviewSlots` slots side by side (the selection heat map takes two).
enum OverviewPlot {
  static let name = "overview"
  /// Slots a row.
  static let columns = 4
  /// The size of one slot, in pixels.
  static let slot = (width: 550, height: 520)
  /// The height of the page's title, in pixels.
  static let titleHeight = 40

  /// The overview script for `panels`.
  static func script(_ panels: [any PlotPanel], report: SweepReport) -> String {
    let places = self.places(panels.map { min($0.overviewSlots, columns) })
    let rows = (places.last.map { $0.row + 1 }) ?? 1
    let height = rows * slot.height + titleHeight
    var out = GnuplotScript.header(
      name: name, caption: "Overview: every figure of the report on one page; reads the CSV files the others read.",
      format: report.format, size: (columns * slot.width, height), fontSize: 10)
    out += GnuplotScript.readLabels([.dataName, .headline])
    out += "set multiplot title 'kselect: ' . data_name . ' — ' . headline font \",14\" noenhanced\n"
    let rowHeight = Double(slot.height) / Double(height)
    for (panel, place) in zip(panels, places) {
      let x = Double(place.column) / Double(columns)
      let y = Double(rows - 1 - place.row) * rowHeight
      out += "\n# --- \(panel.name) ---\nreset\n"
      out += "set origin \(decimal(x)), \(decimal(y))\nset size \(decimal(Double(place.slots) / Double(columns))), "
      out += "\(decimal(rowHeight))\n"
      out += panel.commands(compact: true)
    }
    return out + "unset multiplot\nunset output\n"
  }

  /// Each panel's row, first column and width in slots, filling rows left to right; a panel
  /// that does not fit in what is left of a row starts the next.
  static func places(_ widths: [Int]) -> [(row: Int, column: Int, slots: Int)] {
    var row = 0
    var column = 0
    return widths.map { slots in
      if column + slots > columns {
        row += 1
        column = 0
      }
      defer { column += slots }
      return (row, column, slots)
    }
  }

  /// A fraction of the page with four decimals.
  private static func decimal(_ value: Double) -> String { String(format: "%.4f", value) }
}
