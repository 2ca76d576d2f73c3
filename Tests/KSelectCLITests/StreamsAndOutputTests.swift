import Foundation
import KSelectTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs that are not regular files (/dev/null, a FIFO, a shell's `<(…)`, `-`, gzip data), standard output
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

  @Test("standard input ('-', a pipe or a redirected file, and /dev/stdin) reads like the file itself")
  func standardInput() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let direct = scratch.appendingPathComponent("file")
    #expect(try CLIRun.run(["sweep", Self.iris, "--out", direct.path, "--quiet"] + Self.quick).status == 0)
    let quick = Self.quick.joined(separator: " ")
    let scripts = [
      "pipe": #"cat "$1" | "$0" sweep - --out "$2" --quiet "#,
      "redirect": #""$0" sweep - --out "$2" --quiet < "$1" "#,
      "devstdin": #"cat "$1" | "$0" sweep /dev/stdin --out "$2" --quiet "#,
    ]
    for (name, script) in scripts {
      let out = scratch.appendingPathComponent(name)
      let run = try Self.bash(script + quick, [Self.iris, out.path])
      #expect(run.status == 0, "\(name): \(run.stderr)")
      for file in ["metrics.csv", "assignments.csv", "centroids.csv"] {
        #expect(
          try Data(contentsOf: out.appendingPathComponent(file))
            == Data(contentsOf: direct.appendingPathComponent(file)), "\(name) \(file)")
      }
    }
    // Named <stdin> in the report and in messages; the default report folder is Reports/stdin.
    let summary = try String(contentsOf: scratch.appendingPathComponent("pipe/summary.md"), encoding: .utf8)
    #expect(summary.contains("<stdin>"))
    let bad = try Self.bash(
      #"printf 'x,y\n1,2\n3,z\n5,6\n' | "$0" cluster - --k 1 --out "$1""#, [scratch.path + "/bad"])
    #expect(bad.status == 65 && bad.stderr.contains("<stdin>:3:2"), "\(bad.stderr)")
    let defaulted = try Self.bash(
      #"cd "$1" && "$0" sweep - --quiet "# + quick + #" < "$2""#, [scratch.path, Self.iris])
    #expect(defaulted.status == 0, "\(defaulted.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Reports/stdin/metrics.csv").path))
  }

  @Test("standard input redirected from a file in the report folder does not replace that folder")
  func standardInputInReport() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let report = scratch.appendingPathComponent("report")
    #expect(try CLIRun.run(["sweep", Self.iris, "--out", report.path, "--quiet"] + Self.quick).status == 0)
    let run = try Self.bash(
      #""$0" sweep - --out "$1" --quiet < "$1/assignments.csv" "# + Self.quick.joined(separator: " "), [report.path])
    #expect(run.status == 73, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("assignments.csv").path))
  }

  @Test("gzip-compressed input (.csv.gz, or gzip bytes under any name, or piped) reads like the file itself")
  func gzip() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let direct = scratch.appendingPathComponent("file")
    #expect(try CLIRun.run(["sweep", Self.iris, "--out", direct.path, "--quiet"] + Self.quick).status == 0)
    let quick = Self.quick.joined(separator: " ")
    let made = try Self.bash(
      #"gzip -c "$1" > "$2/iris.csv.gz" && gzip -c "$1" > "$2/renamed.csv" "#
        + #"&& head -c 3000 "$1" | gzip -c > "$2/two.csv.gz" && tail -c +3001 "$1" | gzip -c >> "$2/two.csv.gz""#,
      [Self.iris, scratch.path])
    #expect(made.status == 0, "\(made.stderr)")
    for (name, command) in [
      ("gz", #""$0" sweep "$1/iris.csv.gz" --out "$1/gz" --quiet "#),
      ("renamed", #""$0" sweep "$1/renamed.csv" --out "$1/renamed" --quiet "#),
      ("members", #""$0" sweep "$1/two.csv.gz" --out "$1/members" --quiet "#),
      ("piped", #"cat "$1/iris.csv.gz" | "$0" sweep - --out "$1/piped" --quiet "#),
    ] {
      let run = try Self.bash(command + quick, [scratch.path])
      #expect(run.status == 0, "\(name): \(run.stderr)")
      #expect(
        try Data(contentsOf: scratch.appendingPathComponent("\(name)/metrics.csv"))
          == Data(contentsOf: direct.appendingPathComponent("metrics.csv")), "\(name)")
    }
    // The default report folder drops .csv.gz: Reports/iris.
    let defaulted = try Self.bash(#"cd "$1" && "$0" sweep iris.csv.gz --quiet "# + quick, [scratch.path])
    #expect(defaulted.status == 0, "\(defaulted.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Reports/iris/metrics.csv").path))
  }

  @Test("corrupt or truncated gzip data is refused (65) with the file named")
  func corruptGzip() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let made = try Self.bash(
      #"gzip -c "$1" | head -c 500 > "$2/truncated.csv.gz" && "#
        + #"{ gzip -c "$1" | head -c 40; printf 'garbage-garbage-garbage'; } > "$2/corrupt.csv.gz" && "#
        + #"{ gzip -c "$1"; printf 'trailing'; } > "$2/trailing.csv.gz""#,
      [Self.iris, scratch.path])
    #expect(made.status == 0, "\(made.stderr)")
    for (name, reason) in [
      ("truncated", "the compressed data end early"), ("corrupt", "cannot be decompressed"),
      ("trailing", "byte(s) after the end of the compressed data"),
    ] {
      let file = scratch.appendingPathComponent("\(name).csv.gz").path
      let run = try CLIRun.run(["sweep", file, "--out", scratch.appendingPathComponent("out").path] + Self.quick)
      #expect(run.status == 65, "\(name): \(run.stderr)")
      #expect(run.stderr.contains("\(file): the file is gzip-compressed but cannot be decompressed"), "\(run.stderr)")
      #expect(run.stderr.contains(reason), "\(name): \(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out").path))
    }
  }

  @Test("--progress writes one plain line per update to a pipe; without it a pipe sees none")
  func progressToPipe() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let forced = try CLIRun.run(
      ["sweep", Self.iris, "--out", scratch.appendingPathComponent("a").path, "--progress", "--quiet"] + Self.quick)
    #expect(forced.status == 0, "\(forced.stderr)")
    let lines = forced.stderr.split(separator: "\n")
    #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("kselect: ") && $0.contains(" %") }, "\(forced.stderr)")
    #expect(!forced.stderr.contains("\r") && !forced.stderr.contains("\u{1B}"))
    let plain = try CLIRun.run(["sweep", Self.iris, "--out", scratch.appendingPathComponent("b").path] + Self.quick)
    #expect(plain.status == 0 && !plain.stderr.contains(" %"), "\(plain.stderr)")
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
