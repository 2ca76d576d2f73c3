import Foundation
import KSelect

/// The text shared by every gnuplot script: the header, the terminal set-up, the common
/// settings and small recurring fragments.
///
/// What reaches gnuplot as code: a script is built from kselect's own text only — commands,
/// the report's file names, parameters of the run (the k range, the k each criterion chose) and
/// kselect's captions. Nothing read from the input (column names, ids, values, the input's file
/// name) is ever written into a script. This matters because gnuplot 5.4 runs the command
/// between backquotes anywhere on a script line outside single quotes — inside double-quoted
/// strings too — expands `@name` macros outside quotes, and runs whatever `system()` is given.
/// The names the figures show are written to `plots/labels.tsv` (`PlotLabels`) and read by the
/// scripts with `strcol()`: text read from a data file is a string value, never a command line,
/// so none of that applies to it. Checked with gnuplot 5.4.4: a label holding `` `touch f` ``,
/// `$(touch f)`, `system("touch f")` or `@m` is drawn as written and runs nothing. kselect's own
/// strings are single-quoted (`quoted`), where gnuplot substitutes nothing. The tests and the
/// `ReportFuzz` target hold the rule: a report's scripts are the same bytes whatever the names in
/// the data.
enum GnuplotScript {
  /// A whole standalone script for `panel`.
  static func standalone(_ panel: any PlotPanel, format: PlotFormat) -> String {
    header(name: panel.name, caption: panel.caption, format: format, size: panel.size)
      + panel.commands(compact: false) + "unset output\n"
  }

  /// The opening of a script: what it draws, how to run it, the terminal and the output file.
  /// The output format defaults to `format` and can be chosen with `-e "format='svg'"`. An SVG's
  /// `<title>` is `kselect_<name>` (gnuplot's `name` option, which allows letters, digits and
  /// `_` only: kselect's own script names are such).
  static func header(
    name: String, caption: String, format: PlotFormat, size: (width: Int, height: Int), fontSize: Int = 11
  ) -> String {
    """
    # \(caption)
    # Written by kselect \(KSelectVersion.current). Run it from the report folder:
    #   gnuplot plots/\(name).gp                      (draws plots/\(name).\(format.rawValue))
    #   gnuplot -e "format='svg'" plots/\(name).gp    (png or svg)
    if (!exists("format")) format = "\(format.rawValue)"
    if (format eq "svg") {
      set terminal svg size \(size.width),\(size.height) enhanced font "Sans,\(fontSize + 1)" background "white" name "\(svgName(name))"
    } else {
      set terminal pngcairo size \(size.width),\(size.height) enhanced font "Sans,\(fontSize)"
    }
    set output "plots/\(name)." . format

    """
  }

  /// The SVG document name of the figure `name`: `kselect_` and the name, every character that
  /// is not an ASCII letter, digit or `_` replaced by `_` (gnuplot refuses others).
  static func svgName(_ name: String) -> String {
    "kselect_"
      + String(
        name.unicodeScalars.map {
          $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") ? Character($0) : "_"
        })
  }

  /// The most clusters whose legend entries fit beside a figure; with more, the clusters are
  /// told apart by colour alone (a legend of a hundred entries leaves no room to plot).
  static let maximumLegendClusters = 12

  /// `unset key` when a figure of `k` clusters would need more legend entries than fit.
  static func clusterLegend(k: Int) -> String { k > maximumLegendClusters ? "unset key\n" : "" }

  /// Settings every figure starts from (after a `reset` in the overview). The key sits below
  /// the plot, in a smaller font in an overview panel. Line styles: 1 a figure's main series,
  /// 2 its second series, 3 a criterion's own choice (a red ring), 4 reference lines, and
  /// `style(for:)` the colour of each criterion, the same in every figure.
  static func common(compact: Bool) -> String {
    """
    set datafile separator ","
    set grid lc "#d0d0d0"
    set border 3
    set tics nomirror
    set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1\(compact ? " font \",8\"" : "")
    set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
    set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
    set style line 3 lc "#d62728" lw 2.5 pt 6 ps \(compact ? 2 : 3)
    set style line 4 lc "#555555" lw 1.5 dt 2
    \(criterionStyles)
    \(clusterColours)

    """
  }

  /// The colour and point type of each criterion's curve: line style `style(for:)`.
  private static let criterionPalette: [(criterion: Criterion, colour: String, point: Int)] = [
    (.elbow, "#1f77b4", 7), (.gap, "#ff7f0e", 5), (.fk, "#2ca02c", 9),
    (.silhouette, "#9467bd", 7), (.calinskiHarabasz, "#8c564b", 5), (.daviesBouldin, "#17becf", 9),
  ]

  /// The line style of `criterion`'s curve (11, 12, …), or 1 for a criterion without its own.
  static func style(for criterion: Criterion) -> Int {
    (criterionPalette.firstIndex { $0.criterion == criterion }).map { $0 + 11 } ?? 1
  }

  private static let criterionStyles = criterionPalette.enumerated().map {
    "set style line \($0.offset + 11) lc \"\($0.element.colour)\" lw 2 pt \($0.element.point) ps 1.1"
  }.joined(separator: "\n")

  /// The recommended k shown the same way in every figure against k: a pale band behind the
  /// curves at `k`, with a key entry (`recommendedKey`). Nothing when `k` is outside `ks`.
  static func recommendedBand(_ k: Int, ks: [Int]) -> String {
    guard ks.contains(k) else { return "recommended_k = NaN  # outside the sweep\n" }
    return """
      recommended_k = \(k)  # summary.json: recommended_k
      set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \\
          behind fillcolor "\(recommendedColour)" fillstyle solid 1.0 noborder

      """
  }

  /// The band's colour.
  static let recommendedColour = "#fbe3a6"

  /// The key entry of the band drawn by `recommendedBand` (a plot element drawing nothing), to
  /// follow a `plot` command's other elements; empty when there is no band.
  static func recommendedKey(_ k: Int, ks: [Int]) -> String {
    guard ks.contains(k) else { return "" }
    return ", \\\n     NaN with boxes fillstyle solid 1.0 noborder fillcolor \"\(recommendedColour)\" "
      + "title sprintf(\"recommended k = %d\", recommended_k)"
  }

  /// Line types 1…10 (the clusters' colours, `lt r` for cluster r) from a palette that stays
  /// readable on white, repeating after ten.
  static let clusterColours =
    [
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].enumerated().map { "set linetype \($0.offset + 1) lc \"\($0.element)\" lw 1 pt 7" }.joined(separator: "\n")
    + "\nset linetype cycle 10"

  /// The x axis of a plot against k: the sweep's range with half a step of margin, a tic at
  /// every k when there are few.
  static func kAxis(_ ks: [Int]) -> String {
    let low = Double(ks.first ?? 1) - 0.5
    let high = Double(ks.last ?? 1) + 0.5
    return """
      set xlabel "k (number of clusters)"
      set xrange [\(low):\(high)]
      \(ks.count <= 20 ? "set xtics 1" : "set xtics autofreq")

      """
  }

  /// Sets the y range to `[*:*]`, widened by hand when every value of `column` in `file` is
  /// the same (gnuplot warns about an empty range otherwise). One-column `stats` skips values
  /// outside the y range, so no y range may be set before it. `file` must hold at least one
  /// value in `column`.
  static func yRange(file: String, column: String, axis: String = "y") -> String {
    """
    set \(axis)range [*:*]
    stats "\(file)" using "\(column)" nooutput prefix "R"
    if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set \(axis)range [R_min - pad : R_max + pad] }

    """
  }

  /// A ring around the point of `column` at the k held in the gnuplot variable `variable`.
  static func marker(column: String, variable: String, label: String) -> String {
    "\"metrics.csv\" using \"k\":(column(\"k\") == \(variable) ? column(\"\(column)\") : NaN) "
      + "with points ls 3 title sprintf(\"\(label) k = %d\", \(variable))"
  }

  /// A panel that only shows `message` (for a figure the run has no data for).
  static func placeholder(title: String, message: String) -> String {
    """
    set title \(quoted(title)) noenhanced
    unset border
    unset tics
    unset key
    set label 1 \(quoted(message)) at graph 0.5, 0.5 center noenhanced
    set xrange [0:1]
    set yrange [0:1]
    plot 2 notitle

    """
  }

  /// kselect's own `text` as a gnuplot single-quoted string (no backslash escapes, no backquote
  /// substitution; `'` is doubled). Never for text from the data: see `readLabels`.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingScalars(["'": "''"]) + "'"
  }

  /// Commands setting a gnuplot string variable to each label of `keys`, read from
  /// `plots/labels.tsv` (the comma separator of the CSV files is set again afterwards).
  static func readLabels(_ keys: [PlotLabels.Key]) -> String {
    var out = "# Names from the data are read from \(PlotLabels.path), never written into a script.\n"
    out += "set datafile separator \"\\t\"\n"
    for key in keys {
      let name = key.rawValue
      out += "\(name) = \"\"\n"
      out += "stats \"\(PlotLabels.path)\" using (strcol(1) eq \"\(name)\" ? \(name) = strcol(2) : \"\", 0) nooutput\n"
    }
    return out + "set datafile separator \",\"\n"
  }

  /// A gnuplot variable assignment of a criterion's choice, with where it comes from.
  static func choice(_ variable: String, _ k: Int?, from criterion: Criterion) -> String {
    "\(variable) = \(k.map(String.init) ?? "NaN")  # summary.json: recommendations.\(criterion.rawValue)\n"
  }
}
