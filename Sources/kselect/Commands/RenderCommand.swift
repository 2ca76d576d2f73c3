import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// `kselect render`: draw an existing report's figures again with gnuplot.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Draw the figures of an existing report folder again with gnuplot.",
    discussion: """
      Runs gnuplot on every plots/*.gp of a report written by `kselect sweep` (after editing a \
      script, say, or on a machine where gnuplot was missing). The report is replaced in one step \
      only when every script ran without a word on standard error. report.html shows the new \
      figures; with --format, summary.md links and summary.json's plots.format name that format's \
      figures (the other format's images stay in plots/). A folder holding a file kselect did not \
      write is refused (exit 73), naming the file.

      Examples:
        kselect render Reports/iris
        kselect render Reports/iris --format svg
      """)

  @Argument(help: "The report folder.")
  var folder: String

  @Option(help: "Image format: png or svg (default: the one the scripts were written for).")
  var format: PlotFormat?

  func validate() throws {
    if folder.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("the report folder must be named (got an empty string)")
    }
  }

  func run() throws {
    Interruptions.install()
    try Exits.mapping {
      let scripts: [String]
      do {
        scripts = try ReportPublisher.redraw(at: URL(fileURLWithPath: folder), format: format)
      } catch ReportError.notAReport(let path) {
        // ReportError's own message suggests --out, which render does not have.
        throw CommandError(
          message: "\(DisplayText.escaped(path)) is not a kselect report (it has no readable "
            + "\(ReportFolder.markerName) list of its files); render redraws only report folders written by kselect sweep",
          code: 73)
      }
      try StandardStreams.output("drew \(scripts.count) figures in \(folder)\n")
    }
  }
}
