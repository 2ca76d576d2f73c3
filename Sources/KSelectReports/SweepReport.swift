import Foundation
import KSelect

/// A finished sweep together with what its report needs besides the numbers: the input, the
/// load time and how the figures are drawn. `files()` lays the whole report out.
public struct SweepReport: Sendable {
  /// Whether the figures were drawn, and if not, why.
  public enum Rendering: Sendable, Equatable {
    /// gnuplot ran every script before the report was committed.
    case rendered
    /// The scripts were written but not run, for the reason given (one sentence).
    case notRendered(reason: String)
  }

  /// The data as loaded and scaled.
  public var input: ClusteringInput
  /// The sweep's results.
  public var result: SweepResult
  /// Seconds spent loading the input.
  public var loadSeconds: Double
  /// The image format of the figures.
  public var format: PlotFormat
  /// Whether the figures are drawn.
  public var rendering: Rendering
  /// Whether `k=<k>/assignments.csv` and `k=<k>/centroids.csv` are written for every k.
  public var includesEveryK: Bool

  /// Creates a report description.
  public init(
    input: ClusteringInput, result: SweepResult, loadSeconds: Double, format: PlotFormat = .png,
    rendering: Rendering, includesEveryK: Bool = false
  ) {
    self.input = input
    self.result = result
    self.loadSeconds = loadSeconds
    self.format = format
    self.rendering = rendering
    self.includesEveryK = includesEveryK
  }

  /// The figures of the report, in the order `summary.md` shows them.
  var panels: [any PlotPanel] {
    [
      ElbowPlot(report: self), GapPlot(report: self), FKPlot(report: self), QualityPlot(report: self),
      SilhouetteProfilePlot(report: self), ClustersPlot(report: self), SelectionPlot(report: self),
    ]
  }

  /// The names of every gnuplot script, overview last: `plots/<name>.gp` draws
  /// `plots/<name>.<format>`.
  public var plotNames: [String] { panels.map(\.name) + [OverviewPlot.name] }

  /// Every file of the report except the rendered figures, as (path inside the report,
  /// contents), in writing order.
  /// - Throws: `KSelectError.numerical` when the principal components of the clusters plot
  ///   cannot be computed.
  public func files() throws -> [(path: String, contents: String)] {
    let recommended = try fit(at: result.recommendedK)
    let agreements = labelAgreements
    var files: [(path: String, contents: String)] = [
      ("metrics.csv", MetricsTable.csv(result.metrics, agreements: agreements)),
      ("gap_references.csv", GapReferencesTable.csv(result.references)),
      (ScalingTable.path, ScalingTable.csv(input)),
    ]
    if let agreements { files.append((LabelTable.path, LabelTable.csv(ks: result.ks, agreements: agreements))) }
    if let frequencies = result.selectionFrequencies {
      files.append((SelectionStabilityTable.path, SelectionStabilityTable.csv(frequencies)))
    }
    files += [
      (
        "assignments.csv",
        ClusterTables.assignments(input: input, result: recommended, silhouettes: result.pointSilhouettes)
      ),
      ("centroids.csv", ClusterTables.centroids(input: input, result: recommended)),
    ]
    if includesEveryK {
      for (index, (k, fit)) in zip(result.ks, result.fits).enumerated() {
        files.append(
          (
            "k=\(k)/assignments.csv",
            ClusterTables.assignments(input: input, result: fit, silhouettes: result.pointSilhouettesByK[index])
          ))
        files.append(("k=\(k)/centroids.csv", ClusterTables.centroids(input: input, result: fit)))
      }
    }
    let panels = self.panels
    files.append((PlotLabels.path, PlotLabels(report: self).file))
    for panel in panels {
      files += try panel.dataFiles()
      files.append(("plots/\(panel.name).gp", GnuplotScript.standalone(panel, format: format)))
    }
    files.append(("plots/\(OverviewPlot.name).gp", OverviewPlot.script(panels, report: self)))
    files.append(("summary.json", summaryJSON.text))
    files.append(("summary.md", SummaryMarkdown.text(self)))
    files.append((ReportHTML.path, ReportHTML.page(self)))
    return files
  }

  /// Writes every file of `files()` into `folder` (`ReportPublisher` then draws and commits).
  /// - Throws: `ReportError.cannotWrite`, or what `files()` throws.
  public func write(into folder: ReportFolder) throws {
    for file in try files() { try folder.write(file.contents, to: file.path) }
  }

  /// The agreement of every k's clustering with the label column, in the sweep's order of k, or
  /// `nil` without a label column.
  public var labelAgreements: [LabelAgreement]? {
    guard let labels = input.loaded.labels else { return nil }
    return zip(result.ks, result.fits).map { k, fit in
      LabelAgreement(clusters: fit.labels, clusterCount: k, labels: labels)
    }
  }

  /// `summary.json`, the machine-readable summary.
  public var summaryJSON: JSONValue { SummaryJSON.document(self) }

  /// The sweep's fit at `k`.
  func fit(at k: Int) throws -> KMeansResult {
    guard let fit = result.fit(for: k) else {
      throw KSelectError.invalidParameter(
        ParameterError(.clusterCount, .withinSweep(result.ks.first ?? 0, result.ks.last ?? 0), got: .integer(k)))
    }
    return fit
  }

  /// The data set's display name: the input file name without its extension (`stdin` for
  /// standard input).
  var dataName: String { InputFile.dataName(of: input.loaded.path) }
}
