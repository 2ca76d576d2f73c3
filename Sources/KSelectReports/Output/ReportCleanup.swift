import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What an interrupted run must undo: the staging folders of the reports being written and the
/// gnuplot processes drawing them.
///
/// `ReportFolder` and `Gnuplot` register both here and touch a staging folder, start gnuplot or
/// commit a report only inside `locked`, so that `abandon()` — which the command-line tool calls
/// when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives — finds a consistent state, and nothing is
/// written after it: `abandon()` keeps the lock, so every thread that tries to write next blocks
/// until the caller ends the process.
public enum ReportCleanup {
  private final class State: @unchecked Sendable {
    // @unchecked: every field is guarded by `lock`.
    let lock = NSRecursiveLock()
    var stagings = Set<String>()
    var children = Set<pid_t>()
    var commits = 0
  }

  private static let state = State()

  /// Runs `body` holding the cleanup lock (re-entrant).
  static func locked<T>(_ body: () throws -> T) rethrows -> T {
    state.lock.lock()
    defer { state.lock.unlock() }
    return try body()
  }

  /// Waits until no cleanup is running, so that a command does not exit (successfully or with
  /// an error) while a signal's cleanup is under way; once one is, it never returns.
  public static func waitForAnyCleanup() { locked {} }

  static func register(staging: URL) { locked { _ = state.stagings.insert(staging.path) } }
  static func unregister(staging: URL) { locked { _ = state.stagings.remove(staging.path) } }
  static func register(child: pid_t) { locked { _ = state.children.insert(child) } }
  static func recordCommit() { locked { state.commits += 1 } }
  static func unregister(child: pid_t) { locked { _ = state.children.remove(child) } }

  /// Ends every registered gnuplot process (SIGTERM, then SIGKILL after `grace` seconds) and
  /// waits until it has exited, then removes every registered staging folder (each holds only
  /// what this run wrote: `ReportFolder.commit` unregisters its folder before it can hold the
  /// previous report). The lock is kept from then on: the caller
  /// must end the process next (with `_exit`), and any other thread that would write blocks.
  /// Not async-signal-safe: call it from an ordinary thread that a signal handler woke.
  /// - Returns: whether a report was committed (moved into place) before.
  public static func abandon(grace: Double = 2) -> Bool {
    state.lock.lock()
    // Never unlocked: the process ends next.
    for child in state.children { kill(child, SIGTERM) }
    for child in state.children where !waitForExit(child, seconds: grace) {
      kill(child, SIGKILL)
      _ = waitForExit(child, seconds: 10)
    }
    for staging in state.stagings.sorted() { FileTree.removeTree(URL(fileURLWithPath: staging)) }
    return state.commits > 0
  }

  /// Waits up to `seconds` for `child` to exit, without reaping it (its `Process` still does).
  /// - Returns: whether it exited.
  private static func waitForExit(_ child: pid_t, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      var info = siginfo_t()
      let status = waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT | WNOHANG)
      if status != 0 || info.si_signo == SIGCHLD { return true }  // exited, or already reaped (ECHILD)
      usleep(5_000)
    } while Date() < deadline
    return false
  }
}
