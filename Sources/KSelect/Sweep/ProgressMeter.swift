import Foundation

/// Turns a sweep's progress reports into the lines a person reads: the percentage of the work
/// done (`ProgressPlan`), the time left once it can be estimated, each stage's count and the
/// elapsed time — rate-limited, and either redrawn in place (a terminal) or one line per update
/// (a pipe or a notebook's log). Thread-safe: the sweep reports from worker threads.
public final class ProgressMeter: @unchecked Sendable {
  // @unchecked: every mutable field is guarded by `lock`.
  /// How updates are written.
  public enum Style: Sendable {
    /// One line redrawn in place with a carriage return and an erase-line sequence.
    case redrawn
    /// One line per update, ending in a line feed, no control characters.
    case lines
  }

  private let lock = NSLock()
  private let plan: ProgressPlan
  private let firstK: Int
  private let style: Style
  private let interval: Double
  private let clock: @Sendable () -> Double
  private let start: Double
  private var counters: [SweepProgress.Stage: (done: Int, total: Int)] = [:]
  private var lastShown: Double? = nil

  /// A meter for a sweep whose first fitted k is `firstK`, reading seconds from `clock` and
  /// writing at most one update per `interval` seconds (default: 0.1 s redrawn, 10 s as lines).
  public init(
    plan: ProgressPlan, firstK: Int, style: Style, interval: Double? = nil,
    clock: @escaping @Sendable () -> Double
  ) {
    self.plan = plan
    self.firstK = firstK
    self.style = style
    self.interval = interval ?? (style == .redrawn ? 0.1 : 10)
    self.clock = clock
    start = clock()
  }

  /// Records `progress`; returns the text to write now, or `nil` when the last update is too
  /// recent.
  public func update(_ progress: SweepProgress) -> String? {
    lock.lock()
    defer { lock.unlock() }
    counters[progress.stage] = (progress.done, progress.total)
    let now = clock()
    if let lastShown, now - lastShown < interval { return nil }
    lastShown = now
    let line = describe(elapsed: now - start)
    return style == .redrawn ? "\r\u{1B}[K" + line : line + "\n"
  }

  /// The text that ends the display: the line erased on a terminal, nothing on a pipe.
  public func finish() -> String {
    style == .redrawn ? "\r\u{1B}[K" : ""
  }

  /// "kselect: 37 % · about 4 min 10 s left · k = 5 fitted (5/10) · references 3/20 · 12.3 s".
  func describe(elapsed: Double) -> String {
    let fraction = plan.fraction(counters)
    var parts = [String(format: "%.0f %%", (fraction * 100).rounded(.down))]
    if let left = ProgressPlan.secondsLeft(fraction: fraction, elapsed: elapsed) {
      parts.append("about \(ProgressPlan.describe(seconds: left)) left")
    }
    if let fits = counters[.fits] { parts.append("k = \(firstK + fits.done - 1) fitted (\(fits.done)/\(fits.total))") }
    if let references = counters[.references] { parts.append("references \(references.done)/\(references.total)") }
    if let stability = counters[.stability] { parts.append("stability splits \(stability.done)/\(stability.total)") }
    if let criteria = counters[.criteria] { parts.append("criteria \(criteria.done)/\(criteria.total)") }
    if let resamples = counters[.resamples] { parts.append("subsamples \(resamples.done)/\(resamples.total)") }
    parts.append(String(format: "%.1f s", elapsed))
    return "kselect: " + parts.joined(separator: " · ")
  }
}
