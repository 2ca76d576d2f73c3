import KSelect

/// `plots/labels.tsv`: the text the figures show that is not kselect's own fixed wording — the
/// input's file name, the feature names on the axes of the clusters plot when it plots features,
/// and the sweep's headline — kept out of the scripts, which read it as data (see
/// `GnuplotScript` for why).
///
/// The file is a comment line, then one `key<TAB>text` line per label. The text is the name as
/// messages show it (`DisplayText`: control characters as `\n`, `\u{1B}`, …, so no tab or line
/// break is left), cut after `lengthLimit` characters, and then written for gnuplot 5.4's reader
/// of text fields: it ends a field at the first double quote, skips spaces at a field's start,
/// and decodes backslash escapes (`\\`, octal `\0ooo`) in what it read. So `\` is written `\\`,
/// `"` as `\0042` and a leading space as `\0040`; `strcol(2)` then gives back the text exactly.
struct PlotLabels {
  /// The file, relative to the report folder.
  static let path = "plots/labels.tsv"
  /// The most characters of a name a figure shows; longer names end in `…`.
  static let lengthLimit = 80

  /// The labels, each read into the gnuplot string variable of the same name.
  enum Key: String, CaseIterable {
    /// The input's file name without its extension (the overview's title).
    case dataName = "data_name"
    /// The feature on the x axis of the clusters plot (d ≤ 2).
    case xName = "x_name"
    /// The feature on the y axis of the clusters plot (d = 2).
    case yName = "y_name"
    /// The sweep's answer in a few words (`SweepResult.headline`), in the overview's title.
    case headline = "headline"
  }

  let report: SweepReport

  /// The labels of the report, with the text each shows.
  var entries: [(key: Key, text: String)] {
    let names = report.input.loaded.dataset.featureNames
    var entries = [(Key.dataName, report.dataName)]
    if names.count <= 2 { entries.append((.xName, names[0])) }
    if names.count == 2 { entries.append((.yName, names[1])) }
    entries.append((.headline, report.result.headline))
    return entries.map { ($0.0, DisplayText.escaped($0.1, limit: Self.lengthLimit)) }
  }

  /// The contents of `plots/labels.tsv`.
  var file: String {
    var out = "# key<TAB>text: the names and the headline the figures show, read by plots/*.gp with strcol(); "
    out += "\\\\ is a backslash, \\0042 a double quote, \\0040 a leading space\n"
    for entry in entries { out += entry.key.rawValue + "\t" + Self.encoded(entry.text) + "\n" }
    return out
  }

  /// `text` (already free of control characters) as a field gnuplot reads back unchanged.
  static func encoded(_ text: String) -> String {
    var out = text.replacingScalars(["\\": "\\\\", "\"": "\\0042"])
    if out.unicodeScalars.first == " " { out = "\\0040" + String(out.unicodeScalars.dropFirst()) }
    return out
  }
}
