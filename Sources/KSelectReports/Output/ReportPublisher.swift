import Foundation
import KSelect

/// The one publish step of every command that writes a report folder (`sweep`, `cluster`,
/// `render`): the files are staged in a `ReportFolder`, gnuplot draws the figures there (or the
/// report records why it did not), and the folder replaces its target in one step. A failure
/// anywhere leaves the target as it was and the staging folder removed.
public struct ReportPublisher {
  /// The staging folder of the report.
  public let folder: ReportFolder

  /// A publisher of the report staged in `folder`.
  public init(_ folder: ReportFolder) {
    self.folder = folder
  }

  /// Whether a report's figures will be drawn: not when `skipped` gives a reason (the user
  /// asked for scripts only), nor when gnuplot is not on `PATH`; otherwise they are.
  public static func rendering(skipped: String?) -> SweepReport.Rendering {
    if let skipped { return .notRendered(reason: skipped) }
    return Gnuplot.executable == nil ? .notRendered(reason: "gnuplot was not found on PATH") : .rendered
  }

  /// Stages every file of `report`, draws its figures when its rendering says so, and commits.
  /// - Throws: `ReportError.cannotWrite`, `RenderError` when gnuplot fails, or what
  ///   `report.files()` throws.
  public func publish(_ report: SweepReport) throws {
    try report.write(into: folder)
    try publish(drawing: report.rendering == .rendered ? report.plotNames : [])
  }

  /// Draws the staged scripts `plots/<name>.gp` of `names` (in `format`, or the one each script
  /// was written for), fills the figures of a staged `report.html` from what was drawn, then
  /// commits the folder.
  /// - Throws: `RenderError` when gnuplot is missing or fails, `ReportError` when the folder
  ///   cannot be written or committed.
  public func publish(drawing names: [String], format: PlotFormat? = nil) throws {
    if !names.isEmpty {
      try Gnuplot.render(names, in: folder, format: format)
      try rewrite(ReportHTML.path) { HTMLFigureSlots.filled($0, format: format, image: staged) }
    }
    try folder.commit()
  }

  /// The staged file at `path` inside the report, `nil` when it is missing.
  private func staged(_ path: String) -> Data? { FileManager.default.contents(atPath: folder.stagedURL(path).path) }

  /// Replaces the staged text file at `path` by `change` of its contents; nothing when it is missing.
  private func rewrite(_ path: String, _ change: (String) -> String) throws {
    guard let data = staged(path) else { return }
    try folder.write(change(String(decoding: data, as: UTF8.self)), to: path)
  }

  /// Draws every figure of the existing report at `target` again: its files are staged, gnuplot
  /// runs every `plots/*.gp`, `report.html` shows the new figures, and the result replaces the
  /// report in one step, its summary.md and summary.json saying the figures are drawn. With a
  /// `format`, `summary.md` links and `summary.json` names that format's figures.
  /// - Parameters:
  ///   - target: a folder written by `kselect sweep`.
  ///   - format: the image format, or `nil` for the one each script was written for.
  /// - Returns: the scripts run, as paths inside the report.
  /// - Throws: `KSelectError.unreadableInput` when `target` does not exist,
  ///   `KSelectError.unusableData` when it holds no scripts, `ReportError` when it is not a
  ///   kselect report, holds a file kselect did not write, or cannot be written, `RenderError`
  ///   when gnuplot is missing or fails.
  public static func redraw(at target: URL, format: PlotFormat?) throws -> [String] {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
      throw KSelectError.unreadableInput(path: target.path, reason: "no such report folder")
    }
    let folder = try ReportFolder(target: target)
    let files = FileTree.files(below: folder.location).filter { $0 != ReportFolder.markerName }
    let names = files.filter { $0.hasPrefix("plots/") && $0.hasSuffix(".gp") && !$0.dropFirst(6).contains("/") }
      .map { String($0.dropFirst(6).dropLast(3)) }
    guard !names.isEmpty else {
      throw KSelectError.unusableData(path: target.path, message: "no gnuplot scripts in plots/ to draw")
    }
    guard Gnuplot.executable != nil else { throw RenderError.gnuplotMissing }
    for file in files { try folder.copy(folder.location.appendingPathComponent(file), to: file) }
    let publisher = ReportPublisher(folder)
    if let format {
      try publisher.rewrite("summary.md") { ReportFormatSwitch.markdown($0, names: names, to: format) }
      try publisher.rewrite("summary.json") { ReportFormatSwitch.json($0, to: format) }
    }
    try publisher.rewrite("summary.md", ReportRenderedMark.markdown)
    try publisher.rewrite("summary.json", ReportRenderedMark.json)
    try publisher.publish(drawing: names, format: format)
    return names.map { "plots/\($0).gp" }
  }
}
