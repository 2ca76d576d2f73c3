import Foundation
import KSelect

#if canImport(Glibc)
  import Glibc
#endif

/// The sweep's progress on standard error (`ProgressMeter`): redrawn in place on a terminal;
/// with `--progress` also to a pipe or file, one line per update at most every 10 s, so that
/// logs and notebooks see it without control characters.
final class ProgressLine: Sendable {
  private let meter: ProgressMeter

  private init(meter: ProgressMeter) { self.meter = meter }

  /// A progress display for a sweep of `options` on `data`: on a terminal unless `quiet`, on a
  /// pipe when `forced`; otherwise `nil`.
  static func make(for data: Dataset, options: SweepOptions, quiet: Bool, forced: Bool) -> ProgressLine? {
    let terminal = isatty(STDERR_FILENO) == 1
    guard forced || (terminal && !quiet) else { return nil }
    let plan = ProgressPlan(rowCount: data.rowCount, columnCount: data.columnCount, options: options)
    let origin = ContinuousClock.now
    let meter = ProgressMeter(
      plan: plan, firstK: options.kMin > 1 ? options.kMin - 1 : options.kMin, style: terminal ? .redrawn : .lines,
      clock: {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      })
    return ProgressLine(meter: meter)
  }

  /// Records `progress` and shows it, when the last update is not too recent.
  func update(_ progress: SweepProgress) {
    if let text = meter.update(progress) { StandardStreams.error(text) }
  }

  /// Clears the line (on a terminal).
  func finish() {
    let text = meter.finish()
    if !text.isEmpty { StandardStreams.error(text) }
  }
}
