import Foundation
import KSelectReports
import _KSelectSignals

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT while `sweep`, `cluster` or `render` runs: the temporary
/// folder is removed, gnuplot children are ended, an earlier report is left as it was, and the
/// process exits with 128 + the signal's number — no backtrace, no report replaced after the
/// signal.
///
/// The handler (C, `ks_signal_pipe`) only writes the signal's number to a pipe; a thread of its
/// own reads it and does the work, which is not async-signal-safe: `ReportCleanup.abandon()`
/// (ending gnuplot, removing the staging folder, and keeping every other thread from writing),
/// one line on standard error, `_exit`.
enum Interruptions {
  /// The signals handled.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

  /// Installs the handlers and starts the thread that acts on them; call first in a command.
  /// If the pipe cannot be made the signals keep their defaults (the process ends at once, and
  /// the next run removes the temporary folder).
  static func install() {
    let pipe = signals.withUnsafeBufferPointer { ks_signal_pipe($0.baseAddress, Int32($0.count)) }
    guard pipe >= 0 else { return }
    let watcher = Thread { act(on: pipe) }
    watcher.name = "kselect-signals"
    watcher.start()
  }

  /// Waits for a signal on `pipe`, then cleans up and ends the process.
  private static func act(on pipe: Int32) {
    var byte: UInt8 = 0
    while read(pipe, &byte, 1) != 1 {
      guard errno == EINTR else { return }
    }
    let signal = Int32(byte)
    let committed = ReportCleanup.abandon()
    let outcome =
      committed ? "after the report was written" : "before the report was written; an earlier one is left as it was"
    let line = "kselect: stopped by \(name(of: signal)) \(outcome)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    _exit(128 + signal)
  }

  private static func name(of signal: Int32) -> String {
    switch signal {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    case SIGHUP: return "SIGHUP"
    case SIGQUIT: return "SIGQUIT"
    default: return "signal \(signal)"
    }
  }
}
