/// The image formats the gnuplot scripts draw: PNG through the cairo terminal, or SVG.
public enum PlotFormat: String, CaseIterable, Sendable {
  /// PNG through gnuplot's `pngcairo` terminal.
  case png
  /// SVG through gnuplot's `svg` terminal.
  case svg
}
