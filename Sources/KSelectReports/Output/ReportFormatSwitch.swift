/// What `kselect render --format F` changes in a report besides drawing the figures in F: the
/// figure links of `summary.md` and `plots.format` of `summary.json`, so that both name the
/// images the folder now shows (the images of the other format stay in `plots/`).
enum ReportFormatSwitch {
  /// `summary.md` with its links to the figures `names` (`![name](plots/name.png)` and the
  /// overview's `[plots/overview.png](plots/overview.png)`) pointing at `format`'s files.
  static func markdown(_ text: String, names: [String], to format: PlotFormat) -> String {
    var out = text
    for name in names {
      for other in PlotFormat.allCases where other != format {
        let old = "plots/\(name).\(other.rawValue)"
        let new = "plots/\(name).\(format.rawValue)"
        out = out.replacingOccurrences(of: "](\(old))", with: "](\(new))")
          .replacingOccurrences(of: "[\(old)]", with: "[\(new)]")
      }
    }
    return out
  }

  /// `summary.json` with the top-level `plots.format` set to `format` (the document as
  /// `JSONValue` writes it: the key at two spaces' indent opening the object); unchanged when
  /// the text is not laid out so.
  static func json(_ text: String, to format: PlotFormat) -> String {
    let key = "\n  \"plots\": {\n    \"format\": \""
    guard let start = text.range(of: key), let end = text[start.upperBound...].firstIndex(of: "\"") else { return text }
    return String(text[..<start.upperBound]) + format.rawValue + String(text[end...])
  }
}

/// What `kselect render` changes in a report whose figures were not drawn (`--no-render`, or no
/// gnuplot) once it has drawn them: summary.md's Rendering section and summary.json's
/// `plots.rendered`, so that neither says the figures are missing.
enum ReportRenderedMark {
  /// `summary.md` with its Rendering section (from its heading to the next) replaced by the one
  /// of a rendered report; unchanged without such a section.
  static func markdown(_ text: String) -> String {
    let heading = "## Rendering\n"
    guard let start = text.range(of: heading) else { return text }
    let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex).map { text.index(after: $0.lowerBound) }
    return String(text[..<start.lowerBound]) + SummaryMarkdown.rendering(.rendered) + "\n"
      + String(text[(end ?? text.endIndex)...])
  }

  /// `summary.json` with the top-level `plots.rendered` set to `true` (the document as
  /// `JSONValue` writes it); unchanged when the text is not laid out so.
  static func json(_ text: String) -> String {
    guard let plots = text.range(of: "\n  \"plots\": {\n") else { return text }
    let close = text.range(of: "\n  }", range: plots.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
    guard let flag = text.range(of: "\n    \"rendered\": false", range: plots.upperBound..<close) else { return text }
    return text.replacingCharacters(in: flag, with: "\n    \"rendered\": true")
  }
}
