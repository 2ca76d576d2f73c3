import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to a running `sweep`, `cluster` or `render`: exit
/// status 128 + the signal, no backtrace, no temporary folder left, no gnuplot left running, and
/// the earlier report byte for byte as it was. gnuplot is a stand-in on PATH that records its pid
/// and sleeps, so that the signal surely arrives while it runs.
@Suite("Signals: a stopped run leaves nothing behind")
struct SignalTests {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

  /// A scratch folder with an earlier report at `report/`.
  private static func setUp() throws -> (scratch: URL, report: URL, before: [String: Data]) {
    let scratch = try Corpus.scratchFolder()
    let report = scratch.appendingPathComponent("report")
    try Corpus.writePreviousReport(to: report)
    return (scratch, report, try Corpus.snapshot(report))
  }

  /// Gaussian blobs big enough that a debug build computes for seconds.
  private static func bigInput(in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("big.csv")
    let run = try CLIRun.run(["generate", "gaussian", "--n", "8000", "--k", "5", "--seed", "3", "--out", file.path])
    try #require(run.status == 0, "\(run.stderr)")
    return file
  }

  /// A folder holding a `gnuplot` that appends its pid to `pids` and sleeps for a minute.
  private static func fakeGnuplot(in folder: URL) throws -> (bin: URL, pids: URL) {
    let bin = folder.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: false)
    let pids = folder.appendingPathComponent("gnuplot.pids")
    let script = bin.appendingPathComponent("gnuplot")
    // The pid goes to a temporary file renamed into place, so the file never exists empty.
    try "#!/bin/sh\necho $$ > '\(pids.path).'$$\nmv '\(pids.path).'$$ '\(pids.path)'\nexec sleep 60\n".write(
      to: script, atomically: true, encoding: .utf8)
    #expect(chmod(script.path, 0o755) == 0)
    return (bin, pids)
  }

  /// Starts kselect with `arguments`, `bin` first on PATH when given; stderr goes to a pipe.
  private static func start(_ arguments: [String], bin: URL? = nil) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = CLIRun.executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    if let bin { environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin") }
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return (process, errors)
  }

  /// Waits up to a minute for `condition`, polling.
  private static func wait(for condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while !condition() && Date() < deadline { usleep(2_000) }
    return condition()
  }

  /// Whether `pid` is still running (a zombie waiting to be reaped is not).
  private static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return !stat[close...].hasPrefix(") Z") && !stat[close...].hasPrefix(") X")
  }

  /// Sends `signal` once `ready` holds, then checks the exit, the output and the folders.
  private static func interrupt(
    _ process: Process, _ errors: Pipe, with signal: Int32, when ready: () -> Bool, scratch: URL, report: URL,
    before: [String: Data]
  ) throws {
    try #require(wait { ready() || !process.isRunning }, "never ready")
    try #require(process.isRunning, "the run finished before the signal: make it longer")
    kill(process.processIdentifier, signal)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "ended by the signal itself: \(message)")
    #expect(process.terminationStatus == 128 + signal, "\(message)")
    #expect(message.contains("kselect: stopped by SIG"), "\(message)")
    for crash in ["crashed", "Backtrace", "Fatal error"] { #expect(!message.contains(crash), "\(message)") }
    #expect(try Corpus.snapshot(report) == before, "the earlier report changed")
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains("kselect-tmp") }
    #expect(left.isEmpty, "temporary folders left: \(left)")
  }

  @Test("sweep while it computes", arguments: signals)
  func sweepComputing(_ signal: Int32) throws {
    let (scratch, report, before) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let big = try Self.bigInput(in: scratch)
    let (process, errors) = try Self.start([
      "sweep", big.path, "--k-max", "8", "--references", "10", "--threads", "1", "--no-render", "--quiet",
      "--out", report.path,
    ])
    let staging = scratch.appendingPathComponent(".report.kselect-tmp-\(process.processIdentifier)")
    try Self.interrupt(
      process, errors, with: signal, when: { FileManager.default.fileExists(atPath: staging.path) }, scratch: scratch,
      report: report, before: before)
  }

  @Test("cluster while it fits", arguments: signals)
  func clusterFitting(_ signal: Int32) throws {
    let (scratch, report, before) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let big = try Self.bigInput(in: scratch)
    let (process, errors) = try Self.start([
      "cluster", big.path, "--k", "12", "--restarts", "50", "--threads", "1", "--out", report.path,
    ])
    let staging = scratch.appendingPathComponent(".report.kselect-tmp-\(process.processIdentifier)")
    try Self.interrupt(
      process, errors, with: signal, when: { FileManager.default.fileExists(atPath: staging.path) }, scratch: scratch,
      report: report, before: before)
  }

  @Test("sweep and render while gnuplot draws: gnuplot is ended too", arguments: signals)
  func whileDrawing(_ signal: Int32) throws {
    let (scratch, report, before) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let (bin, pids) = try Self.fakeGnuplot(in: scratch)
    let sample = Corpus.folder.appendingPathComponent("bom.csv").path
    let sweepReport = scratch.appendingPathComponent("swept")
    let written = try CLIRun.run([
      "sweep", sample, "--k-max", "2", "--references", "2", "--no-render", "--out", sweepReport.path,
    ])
    try #require(written.status == 0, "\(written.stderr)")
    let sweptBefore = try Corpus.snapshot(sweepReport)
    let runs: [([String], URL, [String: Data])] = [
      (["sweep", sample, "--k-max", "2", "--references", "2", "--quiet", "--out", report.path], report, before),
      (["render", sweepReport.path], sweepReport, sweptBefore),
    ]
    for (arguments, target, snapshot) in runs {
      try? FileManager.default.removeItem(at: pids)
      let (process, errors) = try Self.start(arguments, bin: bin)
      try Self.interrupt(
        process, errors, with: signal, when: { FileManager.default.fileExists(atPath: pids.path) }, scratch: scratch,
        report: target, before: snapshot)
      let started = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
      #expect(started.count == 1)
      for pid in started { #expect(!Self.isRunning(pid), "\(arguments[0]): gnuplot \(pid) still runs") }
    }
  }
}
