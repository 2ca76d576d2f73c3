import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The memory estimate against the peak resident set of real runs: for every shape the estimate
/// (read from the refusal of `--max-memory 1`, which prints it in bytes) must be at least the
/// measured peak and at most `factor` times it. The peak is the child's own high-water mark, so
/// runs of other tests in parallel do not blur it.
@Suite("Memory estimate against measured peak memory")
struct PeakMemoryTests {
  /// The stated bound: the estimate never undershoots, and overshoots by at most this factor
  /// (measured: 1.4 to 2.2 over these shapes and larger ones).
  static let factor = 3.0

  /// A shape: the data's size and the command line that runs on it.
  struct Shape: Sendable, CustomTestStringConvertible {
    let name: String
    let rows: Int
    let columns: Int
    let arguments: [String]
    var testDescription: String { name }
  }

  static let shapes: [Shape] = [
    Shape(
      name: "wide: 6 rows × 20,000 features", rows: 6, columns: 20_000,
      arguments: ["sweep", "--restarts", "2", "--references", "2", "--k-max", "3", "--no-render"]),
    Shape(
      name: "wide fit: 6 × 20,000, kselect cluster", rows: 6, columns: 20_000,
      arguments: ["cluster", "--k", "3", "--restarts", "2"]),
    Shape(
      name: "tall: 30,000 × 3", rows: 30_000, columns: 3,
      arguments: [
        "sweep", "--restarts", "2", "--references", "2", "--k-max", "3", "--silhouette-sample", "200", "--no-render",
      ]),
    Shape(
      name: "many k: 1,000 × 2, k = 1…30", rows: 1_000, columns: 2,
      arguments: ["sweep", "--restarts", "1", "--references", "1", "--k-max", "30", "--no-render"]),
    Shape(
      name: "many restarts: 5,000 × 2, 1,000 restarts", rows: 5_000, columns: 2,
      arguments: [
        "sweep", "--restarts", "1000", "--references", "0", "--k-max", "2", "--silhouette-sample", "100", "--no-render",
      ]),
  ]

  /// Blobs around a few centres, from a fixed linear congruential sequence.
  static func csv(rows: Int, columns: Int) -> String {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var text = (0..<columns).map { "x\($0)" }.joined(separator: ",") + "\n"
    for i in 0..<rows {
      let centre = Double(i % 3) * 4
      text += (0..<columns).map { _ in String(format: "%.5f", centre + next()) }.joined(separator: ",") + "\n"
    }
    return text
  }

  /// Runs kselect with `arguments`, standard error into `log`, and returns its exit status and,
  /// when it wrote a report to `report`, its peak resident set (`VmHWM`) in bytes.
  ///
  /// The peak is read from /proc while the process still lives: its standard output is a pipe
  /// filled to the brim beforehand, so its last write (the summary, after the report is complete
  /// and committed) waits until the pipe is drained, which happens only once the peak is read.
  /// (`wait4`'s `ru_maxrss` would not do: it includes the test process's own size, which the
  /// child shared until its `exec`.)
  static func spawn(_ arguments: [String], log: String, report: String) throws -> (status: Int32, peak: Int?) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    defer { close(readEnd) }
    let flags = fcntl(writeEnd, F_GETFL)
    _ = fcntl(writeEnd, F_SETFL, flags | O_NONBLOCK)
    let chunk = [UInt8](repeating: 0x2E, count: 4096)
    while write(writeEnd, chunk, chunk.count) > 0 {}
    _ = fcntl(writeEnd, F_SETFL, flags)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let path = CLIRun.executable.path
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
    close(writeEnd)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }

    var status: Int32 = 0
    var exited = false
    var peak: Int? = nil
    let deadline = Date().addingTimeInterval(300)
    while Date() < deadline {
      if waitpid(pid, &status, WNOHANG) == pid {
        exited = true
        break
      }
      if FileManager.default.fileExists(atPath: report) {
        // Committed; what follows builds a few lines of text and writes them.
        usleep(300_000)
        peak = highWaterMark(pid)
        break
      }
      usleep(10_000)
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while read(readEnd, &buffer, buffer.count) > 0 {}
    if !exited { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
    let exitCode = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitCode, peak)
  }

  /// `VmHWM` of process `pid`, in bytes.
  static func highWaterMark(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
    return kilobytes.map { $0 * 1024 }
  }

  @Test("measured peak ≤ estimate ≤ 3 × measured peak", arguments: shapes)
  func estimateBoundsPeak(_ shape: Shape) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let data = scratch.appendingPathComponent("data.csv")
    try Self.csv(rows: shape.rows, columns: shape.columns).write(to: data, atomically: false, encoding: .utf8)
    let out = scratch.appendingPathComponent("report").path
    let command = [shape.arguments[0], data.path] + shape.arguments.dropFirst() + ["--out", out, "--threads", "2"]
    let log = scratch.appendingPathComponent("stderr.txt").path

    let refused = try Self.spawn(command + ["--max-memory", "1"], log: log, report: out)
    let message = try String(contentsOfFile: log, encoding: .utf8)
    #expect(refused.status == 69, "\(message)")
    let bytes = try #require(message.firstMatch(of: /\((\d+) bytes;/), "\(message)")
    let estimate = try #require(Int(bytes.1))
    #expect(!FileManager.default.fileExists(atPath: out))

    let run = try Self.spawn(command, log: log, report: out)
    let errors = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    #expect(run.status == 0, "\(errors)")
    let peak = try #require(run.peak)
    let mib = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
    print(
      "peak memory: \(shape.name): estimate \(mib(estimate)), peak \(mib(peak)), "
        + "estimate/peak \(String(format: "%.2f", Double(estimate) / Double(peak)))")
    #expect(peak <= estimate, "peak \(mib(peak)) above the estimate \(mib(estimate))")
    #expect(
      Double(estimate) <= Self.factor * Double(peak),
      "estimate \(mib(estimate)) more than \(Self.factor) × the peak \(mib(peak))")
  }
}
