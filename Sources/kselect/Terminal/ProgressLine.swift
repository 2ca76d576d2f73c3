import Foundation
import KSelect

#if canImport(Glibc)
  import Glibc
#endif

/// The sweep's progress on one line of standard error, redrawn in place: the k fitted so far,
/// the reference data sets and stability splits done and the elapsed time. Used only when standard error is a
/// terminal, so logs and pipes never see it.
final class ProgressLine: @unchecked Sendable {
  // @unchecked: every mutable field is guarded by `lock`; the sweep reports from worker threads.
  private let lock = NSLock()
  private let start = ContinuousClock.now
  private var counters: [SweepProgress.Stage: (done: Int, total: Int)] = [:]
  /// The first k the sweep fits (k_min − 1 when k_min > 1: f(K) needs it).
  private let firstK: Int

  private init(firstK: Int) { self.firstK = firstK }

  /// A progress line for a sweep from `kMin` when standard error is a terminal, otherwise `nil`.
  static func onTerminal(kMin: Int) -> ProgressLine? {
    isatty(STDERR_FILENO) == 1 ? ProgressLine(firstK: kMin > 1 ? kMin - 1 : kMin) : nil
  }

  /// Records `progress` and redraws the line.
  func update(_ progress: SweepProgress) {
    lock.lock()
    defer { lock.unlock() }
    counters[progress.stage] = (progress.done, progress.total)
    var parts = [String]()
    if let fits = counters[.fits] { parts.append("k = \(firstK + fits.done - 1) fitted (\(fits.done)/\(fits.total))") }
    if let references = counters[.references] { parts.append("references \(references.done)/\(references.total)") }
    if let stability = counters[.stability] { parts.append("stability splits \(stability.done)/\(stability.total)") }
    if let criteria = counters[.criteria] { parts.append("criteria \(criteria.done)/\(criteria.total)") }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let line = "kselect: " + parts.joined(separator: " · ") + String(format: " · %.1f s", seconds)
    StandardStreams.error("\r\u{1B}[K\(line)")
  }

  /// Clears the line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    StandardStreams.error("\r\u{1B}[K")
  }
}
