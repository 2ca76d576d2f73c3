import Foundation
import KSelect

/// `summary.md`: the report for a person — the answer first (the headline, the structure
/// verdict, the recommendation's rule and reason, how often resamples chose each k), then each
/// criterion's k and why, the data, the parameters, the metrics table, the figures and how to
/// draw them.
enum SummaryMarkdown {
  /// The whole document for `report`.
  static func text(_ report: SweepReport) -> String {
    [
      title(report), structure(report), recommendation(report), selectionFrequencies(report), criteria(report),
      input(report), parameters(report), metrics(report), knownLabels(report), notes(report), figures(report),
      rendering(report.rendering), files(report),
    ]
    .compactMap { $0 }.joined(separator: "\n")
  }

  /// The title, then the headline in bold with how often the subsamples chose the same k.
  private static func title(_ report: SweepReport) -> String {
    let result = report.result
    let confidence = result.confidence.map { " Chosen again on subsamples: \($0)." } ?? ""
    return "# kselect report: \(report.dataName)\n\n**\(DecisionText.capitalized(result.headline)).**\(confidence)\n"
  }

  /// The structure verdict and its reason, with the Hopkins statistic's window.
  private static func structure(_ report: SweepReport) -> String {
    let verdict = report.result.structure
    var out = "## Structure\n\n\(DecisionText.capitalized(verdict.reason)).\n"
    if verdict.hopkins != nil {
      out += "\nThe Hopkins statistic's window: the \(DecisionText.hopkinsWindow); the statistic is reported "
      out += "beside the verdict, not part of it.\n"
    }
    return out
  }

  /// The recommendation: its k, the reason on these data and the rule in full.
  private static func recommendation(_ report: SweepReport) -> String {
    let result = report.result
    let decision = result.decision
    let why =
      result.structure.hasStructure == false
      ? "the data show no clear cluster structure (above), so the rule stops at its first step" : decision.reason
    return "## Recommendation\n\n**k = \(decision.k)**: \(why).\n\n"
      + "**Rule.** \(DecisionText.capitalized(decision.rule)). The clustering in `assignments.csv` and "
      + "`centroids.csv` is the one at k = \(decision.k).\n"
  }

  /// How often each criterion and the recommendation chose each k on the subsamples
  /// (`SelectionGrid`), the full data's choice in bold.
  private static func selectionFrequencies(_ report: SweepReport) -> String {
    let result = report.result
    guard let frequencies = result.selectionFrequencies, let grid = SelectionGrid(result) else {
      return "## Selection frequencies\n\n\(DecisionText.capitalized(DecisionText.noFrequencies(result))).\n"
    }
    let headers = ["criterion"] + grid.columns.map(SelectionGrid.heading)
    let rows = grid.rows.map { row -> String in
      let name = row.name == SelectionCounts.recommendationName ? "**recommendation**" : "`\(row.name)`"
      let cells = row.cells.map { cell -> String in
        guard cell.count > 0 || cell.isFullChoice else { return "" }
        let text = "\(cell.count)/\(grid.resamples)"
        return cell.isFullChoice ? "**\(text)**" : text
      }
      return "| " + ([name] + cells).joined(separator: " | ") + " |"
    }
    return "## Selection frequencies\n\n"
      + "How often each criterion and the recommendation chose each k on \(grid.resamples) "
      + "\(DecisionText.resamplingScheme) of \(frequencies.subsampleSize) of the \(frequencies.rowCount) points; "
      + "in bold, the choice on the full data. `\(SelectionStabilityTable.path)` has the same counts. "
      + notRepeated(SweepCriteria.selfResampling) + "\n\n"
      + "| " + headers.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: headers.count) + "\n"
      + rows.joined(separator: "\n") + "\n"
  }

  /// The sentence saying which criteria the frequencies leave out, because they resample the
  /// data themselves.
  private static func notRepeated(_ criteria: [Criterion]) -> String {
    let names = criteria.map { "`\($0.rawValue)`" }
    guard let last = names.last else { return "" }
    let list = names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    return names.count == 1
      ? "\(list) is not repeated: it resamples the data itself."
      : "\(list) are not repeated: they resample the data themselves."
  }

  /// Each criterion's k and why, then the plurality vote, kept for comparison.
  private static func criteria(_ report: SweepReport) -> String {
    let result = report.result
    let rows = result.recommendations.map { r in
      "| `\(r.criterion.rawValue)` | \(r.k.map(String.init) ?? "—") | \(r.reason) |"
    }
    let votes = result.consensus.votes.sorted { $0.key < $1.key }
      .map { "k = \($0.key): \($0.value)" }.joined(separator: ", ")
    let vote =
      result.consensus.k.map {
        "k = \($0) (\(result.consensus.agreeing.count) of \(result.recommendations.count) criteria; votes \(votes))"
      } ?? "none (no criterion decides)"
    return "## Criteria\n\n| criterion | k | why |\n|---|---|---|\n" + rows.joined(separator: "\n") + "\n\n"
      + "Plurality vote (for comparison): \(vote).\n" + clusterSilhouettes(result)
  }

  private static func input(_ report: SweepReport) -> String {
    let loaded = report.input.loaded
    let features = loaded.dataset.featureNames.map { "`\($0)`" }.joined(separator: ", ")
    var lines = [
      "## Input", "",
      "- File: `\(loaded.path)`",
      "- Rows used: \(loaded.dataset.rowCount); dropped: \(loaded.droppedRows.count)",
      "- Features (\(loaded.dataset.columnCount)): \(features)",
      "- Scaling: \(report.input.scaler.scaling.rawValue)",
    ]
    if let id = loaded.idColumn { lines.append("- Id column: `\(id)`") }
    for (reason, names) in loaded.exclusionGroups {
      let what: String
      switch reason {
      case .excluded: what = "Columns excluded (`--exclude`)"
      case .notNumeric: what = "Non-numeric columns left out"
      case .notSelected: what = "Columns not named by `--columns`, left out"
      }
      lines.append("- \(what): " + names.map { "`\($0)`" }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func parameters(_ report: SweepReport) -> String {
    "## Parameters\n\n| parameter | value |\n|---|---|\n"
      + parameterRows(report).map { "| \($0.0) | \($0.1) |" }.joined(separator: "\n") + "\n"
  }

  /// The run's parameters as (name, value), for summary.md and report.html.
  static func parameterRows(_ report: SweepReport) -> [(String, String)] {
    let options = report.result.options
    let plan = report.result.referencePlan
    let sample = report.result.silhouetteSampleSize.map { "estimated on a sample of \($0) points" } ?? "exact"
    let rows: [(String, String)] = [
      ("k range", "\(options.kMin) … \(options.kMax)"),
      (
        "restarts per k",
        "\(options.fit.restarts) (\(options.fit.seeding.name) seeding\(options.fit.refines ? ", refined" : ""))"
      ),
      ("Lloyd iterations (cap), tolerance", "\(options.fit.maxIterations), \(options.fit.tolerance)"),
      ("gap references B, space", "\(options.references), \(options.referenceSpace.rawValue)"),
      (
        "reference points, restarts, iteration cap",
        "\(plan.size)\(plan.isCapped ? " (moved to \(plan.rowCount))" : ""), \(plan.restarts), \(plan.maxIterations)"
      ),
      ("gap rule, SE factor", "\(options.gapRule.rawValue), \(options.seFactor)"),
      ("Kneedle sensitivity S", "\(options.kneeSensitivity)"),
      ("silhouettes", sample),
      ("resamples (selection frequencies)", "\(options.resamples)"),
      (
        "stability splits M, restarts per half, PS threshold",
        "\(options.stabilitySplits), \(options.stabilityRestarts), \(options.predictionStrengthThreshold)"
      ),
      ("seed, threads", "\(options.fit.seed), \(options.fit.parallelism.threads)"),
    ]
    return rows
  }

  /// The metrics table: W_k, the explained variance, each criterion's summary columns and the
  /// iterations, one row per k.
  private static func metrics(_ report: SweepReport) -> String {
    let columns = SweepCriteria.summaryColumns
    let headers = ["k", "W_k", "explained"] + columns.map(\.header) + ["iterations"]
    let rows = report.result.metrics.map { m in
      let cells =
        [String(m.k), short(m.wcss), short(m.explainedVariance)] + columns.map { short(m[$0.column]) }
        + ["\(m.iterations)\(m.converged ? "" : " (not converged)")"]
      return "| " + cells.joined(separator: " | ") + " |"
    }
    return "## Metrics\n\nFour significant digits; `metrics.csv` has every column at full precision.\n\n"
      + "| " + headers.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: headers.count) + "\n"
      + rows.joined(separator: "\n") + "\n"
  }

  /// One line with the mean silhouette of every cluster of the reported k, when known (over the
  /// sampled points of each cluster, with their number, when the silhouettes were sampled).
  private static func clusterSilhouettes(_ result: SweepResult) -> String {
    guard let means = result.clusterSilhouettes else { return "" }
    let sizes = result.clusterSilhouetteSampleSizes
    let items = means.enumerated().map { cluster, mean in
      "cluster \(cluster + 1): \(short(mean))" + (sizes.map { " (\($0[cluster]) sampled)" } ?? "")
    }
    let scope = result.silhouetteSample.map { " (on \($0.size) sampled points)" } ?? ""
    return "\nMean silhouette per cluster at k = \(result.recommendedK)\(scope): \(items.joined(separator: ", ")).\n"
  }

  private static func notes(_ report: SweepReport) -> String? {
    let notes = report.input.notes(naming: report.result.options.naming) + report.result.notes
    guard !notes.isEmpty else { return nil }
    return "## Notes\n\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
  }

  private static func figures(_ report: SweepReport) -> String {
    let items = report.panels.map { panel in
      "![\(panel.name)](plots/\(panel.name).\(report.format.rawValue))\n\n*\(panel.caption)*\n"
    }
    let overview =
      "The same figures on one page: [plots/\(OverviewPlot.name).\(report.format.rawValue)](plots/\(OverviewPlot.name).\(report.format.rawValue)).\n"
    return "## Figures\n\n" + items.joined(separator: "\n") + "\n" + overview
  }

  /// The section saying whether gnuplot drew the figures and how to draw them again (`kselect
  /// render` replaces it once it has drawn them).
  static func rendering(_ rendering: SweepReport.Rendering) -> String {
    let redraw = """
      To draw them again (after editing a script, say), run `kselect render <this folder>`, or from this folder
      `for f in plots/*.gp; do gnuplot "$f"; done` (gnuplot 5.4; add `-e "format='svg'"` for SVG).
      Each script reads the CSV files, and the names it shows from `plots/labels.tsv`; none holds data of its own.
      """
    switch rendering {
    case .rendered:
      return "## Rendering\n\nThe figures were drawn with gnuplot. \(redraw)\n"
    case .notRendered(let reason):
      return """
        ## Rendering

        **The figures were not drawn: \(reason).** The scripts are in `plots/`. Install gnuplot \
        (Debian: `apt-get install gnuplot-nox`; macOS: `brew install gnuplot`), then draw them. \(redraw)

        """
    }
  }

  private static func files(_ report: SweepReport) -> String {
    var lines = [
      "## Files", "",
      "- `summary.json`: this summary for programs (timings only under `timings_seconds`).",
      "- `\(ReportHTML.path)`: this summary as one self-contained web page, the figures inline.",
      "- `metrics.csv`: one row per k, every criterion.",
      "- `gap_references.csv`: W*_kb of every reference data set b and k.",
      "- `assignments.csv`, `centroids.csv`: the clustering at k = \(report.result.recommendedK).",
    ]
    lines.append("- `scaling.csv`: the scaling map of every feature (what `kselect assign` applies to new points).")
    if report.labelAgreements != nil {
      lines.append("- `labels.csv`: the cluster × label table of every k.")
    }
    if report.result.selectionFrequencies != nil {
      lines.append(
        "- `selection_stability.csv`: how often each criterion and the recommendation chose each k on the subsamples.")
    }
    if report.includesEveryK {
      lines.append("- `k=<k>/assignments.csv`, `k=<k>/centroids.csv`: the clustering at every k of the sweep.")
    }
    lines.append(
      "- `plots/*.gp`: the gnuplot scripts; `plots/silhouette_profile.csv` (points sorted by cluster and s(i), with their bar position) "
        + "and `plots/clusters_points.csv`, `plots/clusters_centroids.csv` (the plotted coordinates; first two principal "
        + "components when there are more than two features, at most \(ClustersPlot.pointLimit) evenly spaced points) "
        + "and `plots/selection.csv` (the cells of the selection frequencies' heat map) are helper tables for the "
        + "figures; `plots/labels.tsv` holds the names they show (the data's file name, the plotted features, the "
        + "headline).")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A number with four significant digits, `—` when undefined.
  static func short(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "—" }
    return String(format: "%.4g", value)
  }
}
