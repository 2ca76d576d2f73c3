/// One figure of a report: a gnuplot script `plots/<name>.gp` drawing `plots/<name>.<format>`,
/// and one panel of the overview.
///
/// Bodies read the report's CSV files (never data pasted into the script) and the names they
/// show from `plots/labels.tsv`; the only values written into them are parameters of the run
/// (the k range, the k each criterion chose). See `GnuplotScript` for why.
protocol PlotPanel {
  /// The script's base name.
  var name: String { get }
  /// One line saying what the figure shows.
  var caption: String { get }
  /// The image size of the standalone figure, in pixels.
  var size: (width: Int, height: Int) { get }
  /// How many of the overview's slots the panel takes side by side.
  var overviewSlots: Int { get }
  /// The commands drawing the figure; `compact` draws a single overview panel (no multiplot,
  /// no key).
  func commands(compact: Bool) -> String
  /// Helper tables the commands read, written under `plots/` as (path, contents).
  /// - Throws: `KSelectError` when a helper table cannot be computed.
  func dataFiles() throws -> [(path: String, contents: String)]
}

extension PlotPanel {
  var size: (width: Int, height: Int) { (900, 560) }
  var overviewSlots: Int { 1 }
  func dataFiles() throws -> [(path: String, contents: String)] { [] }
}
