import Foundation
import KSelectTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs that are not regular files (/dev/null, a FIFO, a shell's `<(…)`, `-`), standard output
/// that cannot be written (full, closed, a reader gone), and output paths that are not folders.
/// Each is made at test time.
@Suite("Corpus: streams as input, standard output that fails")
struct StreamsAndOutputTests {
  static let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path
  /// A quick sweep.
  static let quick = ["--k-max", "3", "--restarts", "2", "--references", "2", "--no-render"]

  /// Runs `script` with bash, `$0` being the kselect binary, and the extra `arguments` as $1….
  static func bash(_ script: String, _ arguments: [String]) throws -> CLIRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script, CLIRun.executable.path] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      status: process.terminationStatus)
  }

  @Test("/dev/null is an empty file (65)")
  func devNull() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let run = try CLIRun.run(["sweep", "/dev/null", "--out", scratch.appendingPathComponent("out").path])
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("/dev/null: the file is empty (expected a header row)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  @Test("a FIFO is read to its end")
  func fifo() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let fifo = scratch.appendingPathComponent("data.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let contents = try Data(contentsOf: URL(fileURLWithPath: Self.iris))
    let writer = Thread {
      // Blocks until kselect opens the FIFO for reading.
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      try? handle.write(contentsOf: contents)
      try? handle.close()
    }
    writer.start()
    let out = scratch.appendingPathComponent("out")
    let run = try CLIRun.run(["sweep", fifo, "--out", out.path, "--quiet"] + Self.quick)
    // Releases the writer if kselect never opened the FIFO.
    let release = open(fifo, O_RDONLY | O_NONBLOCK)
    if release >= 0 { close(release) }
    #expect(run.status == 0, "\(run.stderr)")
    let metrics = try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8)
    #expect(metrics.split(separator: "\n").count == 4)
  }

  @Test("process substitution <(…) (a /dev/fd pipe) is read like the file itself")
  func processSubstitution() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let viaPipe = scratch.appendingPathComponent("pipe")
    let viaFile = scratch.appendingPathComponent("file")
    let piped = try Self.bash(
      #"exec "$0" sweep <(cat "$1") --out "$2" --quiet --k-max 3 --restarts 2 --references 2 --no-render"#,
      [Self.iris, viaPipe.path])
    #expect(piped.status == 0, "\(piped.stderr)")
    let direct = try CLIRun.run(["sweep", Self.iris, "--out", viaFile.path, "--quiet"] + Self.quick)
    #expect(direct.status == 0)
    for file in ["metrics.csv", "assignments.csv", "centroids.csv"] {
      #expect(
        try Data(contentsOf: viaPipe.appendingPathComponent(file))
          == Data(contentsOf: viaFile.appendingPathComponent(file)), "\(file)")
    }
  }

  @Test(
    "'-' (standard input) is a usage error saying it is not supported yet",
    arguments: [["sweep", "-"], ["cluster", "-", "--k", "2"]])
  func standardInput(_ arguments: [String]) throws {
    let run = try CLIRun.run(arguments)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains("reading the data from standard input ('-') is not supported yet; pass a file path"))
  }

  @Test(
    "--out '' is a usage error, not the current folder",
    arguments: [["sweep", iris], ["cluster", iris, "--k", "2"], ["generate", "uniform", "--n", "5"]])
  func emptyOutput(_ command: [String]) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let run = try CLIRun.run(command + ["--out", ""], in: scratch)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains("--out must name"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  /// /proc/self exists, so the folder beside the report is there, but nothing can be made in it.
  @Test("a write error names the --out folder, never the staging folder (73)")
  func writeErrorNamesTheReport() throws {
    let run = try CLIRun.run(["cluster", Self.iris, "--k", "2", "--out", "/proc/self/report"])
    #expect(run.status == 73, "\(run.stderr)")
    #expect(run.stderr.contains("kselect: cannot write /proc/self/report: "), "\(run.stderr)")
    #expect(!run.stderr.contains("kselect-tmp"))
  }

  @Test(
    "standard output on a full device: exit 73 with a message, no crash",
    arguments: [
      ["sweep", iris, "--json", "--quiet"] + quick, ["sweep", iris, "--quiet"] + quick,
      ["cluster", iris, "--k", "2"], ["generate", "uniform", "--n", "50"], ["--help"],
    ])
  func fullOutput(_ arguments: [String]) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    defer { try? full.close() }
    let out = scratch.appendingPathComponent("out").path
    let run = try CLIRun.run(
      arguments.first == "generate" || arguments == ["--help"] ? arguments : arguments + ["--out", out],
      standardOutput: full)
    #expect(run.status == 73, "\(run.stderr)")
    #expect(run.stderr.contains("kselect: cannot write to standard output: No space left on device"), "\(run.stderr)")
    #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Crash"))
    if arguments.first == "sweep" {
      // The report is complete; the message says where.
      #expect(run.stderr.contains("the report itself was written to"))
      #expect(FileManager.default.fileExists(atPath: out + "/summary.json"))
    }
  }

  @Test("a closed standard output (>&-): exit 73, and no file takes its place")
  func closedOutput() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("out")
    let run = try Self.bash(
      #"exec "$0" sweep "$1" --out "$2" --json --quiet --k-max 3 --restarts 2 --references 2 --no-render >&-"#,
      [Self.iris, out.path])
    #expect(run.status == 73, "\(run.stderr)")
    #expect(run.stderr.contains("kselect: cannot write to standard output: Bad file descriptor"), "\(run.stderr)")
    // Had a report file been opened as descriptor 1, the summary would have landed in it.
    let json = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(json.hasPrefix("{") && json.hasSuffix("}\n"))
  }

  /// Decision: a reader that has gone away is an output that cannot be written, like a full disk:
  /// exit 73 with a message, not death by SIGPIPE.
  @Test("a pipe whose reader is gone (… | head): exit 73 'Broken pipe', no SIGPIPE")
  func brokenPipe() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let run = try CLIRun.run(
      ["sweep", Self.iris, "--out", scratch.appendingPathComponent("out").path, "--json", "--quiet"] + Self.quick,
      standardOutput: pipe)
    #expect(run.status == 73, "\(run.stderr)")
    #expect(run.stderr.contains("kselect: cannot write to standard output: Broken pipe"), "\(run.stderr)")
  }

  @Test("render of a folder that is not a report says so, without suggesting --out (73)")
  func renderForeignFolder() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    try Data("keep\n".utf8).write(to: scratch.appendingPathComponent("notes.txt"))
    let run = try CLIRun.run(["render", scratch.path])
    #expect(run.status == 73)
    #expect(run.stderr.contains("is not a kselect report"), "\(run.stderr)")
    #expect(!run.stderr.contains("--out"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["notes.txt"])
  }
}
