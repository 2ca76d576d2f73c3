import Foundation
import KSelect

/// Draws an existing report's figures again: the report is copied into a staging folder,
/// gnuplot runs every `plots/*.gp` there, and the result replaces the report in one step.
public enum ReportRedraw {
  /// Redraws every figure of the report at `target`.
  /// - Parameters:
  ///   - target: a folder written by `kselect sweep`.
  ///   - format: the image format, or `nil` for the one each script was written for.
  /// - Returns: the scripts run, as paths inside the report.
  /// - Throws: `KSelectError.unreadableInput` when `target` does not exist,
  ///   `KSelectError.unusableData` when it holds no scripts, `ReportError` when it is not a
  ///   kselect report, holds a file kselect did not write, or cannot be written, `RenderError`
  ///   when gnuplot is missing or fails.
  public static func run(at target: URL, format: PlotFormat?) throws -> [String] {
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
    try Gnuplot.render(names, in: folder, format: format)
    try folder.commit()
    return names.map { "plots/\($0).gp" }
  }
}
