import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Kills `kselect sweep` with SIGKILL in the middle of a run and checks what ReportFolder
/// promises: the previous report is left byte for byte, and the temporary folder a dead run
/// leaves (`.<name>.kselect-tmp-<pid>` beside the target) is removed by the next run.
@Suite("Crash safety of the report folder", .serialized)
struct CrashSafetyTests {
  /// Gaussian blobs big enough that a debug build spends seconds on the silhouettes.
  private static func makeBigInput(in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("big.csv")
    let run = try CLIRun.run(["generate", "gaussian", "--n", "8000", "--k", "5", "--seed", "3", "--out", file.path])
    try #require(run.status == 0, "\(run.stderr)")
    return file
  }

  private static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = CLIRun.executable
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  private static func stagingName(for pid: Int32) -> String { ".report.kselect-tmp-\(pid)" }

  @Test("SIGKILL mid-run keeps the previous report; the next run clears the leftover")
  func killMidRun() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let report = scratch.appendingPathComponent("report")
    try Corpus.writePreviousReport(to: report)
    let before = try Corpus.snapshot(report)
    try #require(before.keys.contains("assignments.csv"))
    let big = try Self.makeBigInput(in: scratch)
    let arguments = [
      "sweep", big.path, "--k-max", "6", "--references", "5", "--threads", "1", "--no-render", "--out", report.path,
    ]

    // 1. Killed while computing: nothing of the new run may show.
    let computing = try Self.start(arguments)
    Thread.sleep(forTimeInterval: 1.0)
    try #require(computing.isRunning, "the run finished within 1 s: make the data set bigger")
    kill(computing.processIdentifier, SIGKILL)
    computing.waitUntilExit()
    #expect(computing.terminationReason == .uncaughtSignal)
    #expect(try Corpus.snapshot(report) == before)

    // 2. Killed with its staging folder in place: poll for it and kill the moment it appears.
    let writing = try Self.start(arguments)
    let staging = scratch.appendingPathComponent(Self.stagingName(for: writing.processIdentifier))
    let deadline = Date().addingTimeInterval(600)
    while writing.isRunning, Date() < deadline, !FileManager.default.fileExists(atPath: staging.path) {
      usleep(500)
    }
    let caught = writing.isRunning && FileManager.default.fileExists(atPath: staging.path)
    kill(writing.processIdentifier, SIGKILL)
    writing.waitUntilExit()
    print(
      "crash safety: the second run was killed \(caught ? "with its staging folder written" : "too late (simulated)")")
    if caught {
      #expect(try Corpus.snapshot(report) == before, "the previous report changed")
      #expect(FileManager.default.fileExists(atPath: staging.path), "the killed run left no staging folder")
    } else {
      // The window was missed (the run committed first): the report is now the new one.
      // Leave behind what a run killed while writing would, under the dead run's pid: its
      // marker, listing each file before it is written, and a partial file.
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
      try Data("kselect report\n# manifest: the files kselect wrote here\nassignments.csv\n".utf8)
        .write(to: staging.appendingPathComponent(".kselect-report"))
      try Data("partial".utf8).write(to: staging.appendingPathComponent("assignments.csv"))
    }

    // 3. The next run succeeds and removes the dead run's staging folder (and leaves no other).
    let next = try CLIRun.run([
      "sweep", Corpus.folder.appendingPathComponent("crlf.csv").path, "--k-max", "2", "--references", "2",
      "--no-render", "--quiet", "--out", report.path,
    ])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(!FileManager.default.fileExists(atPath: staging.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["big.csv", "report"])
  }
}
