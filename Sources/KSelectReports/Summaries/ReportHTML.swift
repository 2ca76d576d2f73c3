import Foundation
import KSelect

/// `report.html`: the report for a browser in one self-contained file — the answer (the headline,
/// the structure verdict, the recommendation with its reason and rule, how often the subsamples
/// chose each k), each criterion's k and why, the figures inline, the metrics, the data and the
/// parameters. It loads nothing (no script, no external style sheet, font or image) and works
/// offline.
///
/// Every text that is not kselect's markup goes through `HTMLText.escaped`, so names from the
/// data (the file name, column names) are shown as written and never read as markup. The figures
/// are slots (`HTMLFigureSlots`) filled once gnuplot has drawn them: inline SVG, or a PNG as a
/// `data:` URI.
enum ReportHTML {
  /// The file, relative to the report folder.
  static let path = "report.html"

  /// The page for `report`, its figure slots holding why the figures are not drawn yet.
  static func page(_ report: SweepReport) -> String {
    let result = report.result
    let title = "kselect report: \(report.dataName)"
    var body = "<h1>\(HTMLText.escaped(title))</h1>\n"
    let confidence = result.confidence.map { " Chosen again on subsamples: \(HTMLText.escaped($0))." } ?? ""
    body +=
      "<p class=\"headline\"><strong>\(text(DecisionText.capitalized(result.headline))).</strong>\(confidence)</p>\n"
    body += structure(report) + recommendation(report) + selectionFrequencies(report) + criteria(report)
    body += figures(report) + metrics(report) + input(report) + parameters(report) + notes(report)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="kselect \(HTMLText.escaped(KSelectVersion.current))">
      <title>\(HTMLText.escaped(title + " — " + result.headline))</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// The page's only styling, inline.
  private static let style = """
    body { font-family: system-ui, sans-serif; color: #222; background: #fff; margin: 0; }
    main { max-width: 1400px; margin: 0 auto; padding: 1em 2em 3em; }
    .headline { font-size: 1.3em; }
    table { border-collapse: collapse; margin: 0.5em 0 1em; }
    section { overflow-x: auto; }
    th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
    th, td.text { text-align: left; }
    thead th { background: #f2f2f2; }
    td.full { font-weight: bold; outline: 2px solid #d62728; outline-offset: -2px; }
    figure { margin: 1.5em 0; }
    figure svg, figure img { max-width: 100%; height: auto; display: block; }
    figcaption { color: #555; font-style: italic; }
    .missing { color: #8a1c1c; }
    code { font-size: 0.95em; }
    """

  private static func text(_ value: String) -> String { HTMLText.escaped(value) }

  private static func section(_ title: String, _ contents: String) -> String {
    "<section>\n<h2>\(text(title))</h2>\n\(contents)</section>\n"
  }

  private static func paragraph(_ value: String) -> String { "<p>\(text(value))</p>\n" }

  /// A table; `header` and every cell are plain text (escaped here), `classes` per cell.
  private static func table(
    header: [String], rows: [[String]], classes: [[String]] = [], caption: String? = nil
  ) -> String {
    var out = "<table>\n"
    if let caption { out += "<caption>\(text(caption))</caption>\n" }
    out += "<thead><tr>" + header.map { "<th scope=\"col\">\(text($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
    for (r, row) in rows.enumerated() {
      out += "<tr>"
      for (c, cell) in row.enumerated() {
        let name = r < classes.count && c < classes[r].count ? classes[r][c] : ""
        out += (name.isEmpty ? "<td>" : "<td class=\"\(name)\">") + text(cell) + "</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  private static func structure(_ report: SweepReport) -> String {
    let verdict = report.result.structure
    var out = paragraph(DecisionText.capitalized(verdict.reason) + ".")
    if verdict.hopkins != nil {
      out += paragraph(
        "The Hopkins statistic's window: the \(DecisionText.hopkinsWindow); the statistic is reported beside the "
          + "verdict, not part of it.")
    }
    return section("Structure: \(DecisionText.verdict(verdict))", out)
  }

  private static func recommendation(_ report: SweepReport) -> String {
    let result = report.result
    let decision = result.decision
    let why =
      result.structure.hasStructure == false
      ? "the data show no clear cluster structure (above), so the rule stops at its first step" : decision.reason
    return section(
      "Recommendation",
      "<p><strong>k = \(decision.k)</strong>: \(text(why)).</p>\n"
        + "<p><strong>Rule.</strong> \(text(DecisionText.capitalized(decision.rule))). The clustering in "
        + "<code>assignments.csv</code> and <code>centroids.csv</code> is the one at k = \(decision.k).</p>\n")
  }

  private static func selectionFrequencies(_ report: SweepReport) -> String {
    let result = report.result
    guard let frequencies = result.selectionFrequencies, let grid = SelectionGrid(result) else {
      return section(
        "Selection frequencies", paragraph(DecisionText.capitalized(DecisionText.noFrequencies(result)) + "."))
    }
    let rows = grid.rows.map { row in
      [row.name] + row.cells.map { $0.count > 0 || $0.isFullChoice ? "\($0.count)/\(grid.resamples)" : "" }
    }
    let classes = grid.rows.map { row in ["text"] + row.cells.map { $0.isFullChoice ? "full" : "" } }
    return section(
      "Selection frequencies",
      paragraph(
        "How often each criterion and the recommendation chose each k on \(grid.resamples) "
          + "\(DecisionText.resamplingScheme) of \(frequencies.subsampleSize) of the \(frequencies.rowCount) points; "
          + "outlined in bold, the choice on the full data. \(SelectionStabilityTable.path) has the same counts.")
        + table(header: ["criterion"] + grid.columns.map(SelectionGrid.heading), rows: rows, classes: classes))
  }

  private static func criteria(_ report: SweepReport) -> String {
    let result = report.result
    let rows = result.recommendations.map { [$0.criterion.rawValue, $0.k.map(String.init) ?? "—", $0.reason] }
    let classes = rows.map { _ in ["text", "", "text"] }
    let vote =
      result.consensus.k.map {
        "Plurality vote (for comparison): k = \($0) (\(result.consensus.agreeing.count) of "
          + "\(result.recommendations.count) criteria)."
      } ?? "Plurality vote (for comparison): none (no criterion decides)."
    var out = table(header: ["criterion", "k", "why"], rows: rows, classes: classes) + paragraph(vote)
    if let means = result.clusterSilhouettes {
      let items = means.enumerated().map { "cluster \($0.offset + 1): \(SummaryMarkdown.short($0.element))" }
      out += paragraph("Mean silhouette per cluster at k = \(result.recommendedK): \(items.joined(separator: ", ")).")
    }
    return section("Criteria", out)
  }

  private static func figures(_ report: SweepReport) -> String {
    let missing: String
    switch report.rendering {
    case .rendered: missing = "The figure was not drawn."
    case .notRendered(let reason): missing = "The figure was not drawn: \(reason). Run kselect render on this folder."
    }
    let items = report.panels.map { panel in
      "<figure>\n"
        + HTMLFigureSlots.slot(
          name: panel.name, format: report.format, placeholder: "<p class=\"missing\">\(text(missing))</p>")
        + "<figcaption>\(text(panel.caption))</figcaption>\n</figure>\n"
    }
    return section("Figures", items.joined())
  }

  private static func metrics(_ report: SweepReport) -> String {
    let columns = SweepCriteria.summaryColumns
    let header = ["k", "W_k", "explained"] + columns.map(\.header) + ["iterations"]
    let rows = report.result.metrics.map { m in
      [String(m.k), SummaryMarkdown.short(m.wcss), SummaryMarkdown.short(m.explainedVariance)]
        + columns.map { SummaryMarkdown.short(m[$0.column]) }
        + ["\(m.iterations)\(m.converged ? "" : " (not converged)")"]
    }
    return section(
      "Metrics",
      paragraph("Four significant digits; metrics.csv has every column at full precision.")
        + table(header: header, rows: rows))
  }

  private static func input(_ report: SweepReport) -> String {
    let loaded = report.input.loaded
    var rows = [
      ["file", loaded.path],
      ["rows used", String(loaded.dataset.rowCount)],
      ["rows dropped", String(loaded.droppedRows.count)],
      ["features (\(loaded.dataset.columnCount))", loaded.dataset.featureNames.joined(separator: ", ")],
      ["scaling", report.input.scaler.scaling.rawValue],
    ]
    if let id = loaded.idColumn { rows.append(["id column", id]) }
    if !loaded.excludedColumns.isEmpty {
      rows.append(["non-numeric columns left out", loaded.excludedColumns.joined(separator: ", ")])
    }
    return section(
      "Input", table(header: ["", "value"], rows: rows, classes: rows.map { _ in ["text", "text"] }))
  }

  private static func parameters(_ report: SweepReport) -> String {
    let rows = SummaryMarkdown.parameterRows(report).map { [$0.0, $0.1] }
    return section(
      "Parameters", table(header: ["parameter", "value"], rows: rows, classes: rows.map { _ in ["text", "text"] }))
  }

  private static func notes(_ report: SweepReport) -> String {
    let notes = report.input.notes(naming: report.result.options.naming) + report.result.notes
    guard !notes.isEmpty else { return "" }
    return section("Notes", "<ul>\n" + notes.map { "<li>\(text($0))</li>\n" }.joined() + "</ul>\n")
  }
}
