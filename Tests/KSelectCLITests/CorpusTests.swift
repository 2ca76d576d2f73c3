import Foundation
import Testing

/// One entry of `Corpus/corpus.json`: a small input file, the command and arguments it is run
/// with and what the command must do with it.
struct CorpusCase: Codable, Sendable, CustomTestStringConvertible {
  /// Text that a file of the written report must, or must not, contain.
  struct ReportFragment: Codable, Sendable {
    /// The file, relative to the report folder.
    var file: String
    /// Text that must appear in it.
    var contains: String?
    /// Text that must not appear in it.
    var excludes: String?
  }

  /// The subcommand (`cluster` when absent).
  var command: String?
  /// The input, relative to the corpus folder (absent for a missing-file case).
  var file: String
  /// Arguments after `COMMAND FILE` (the test adds `--out`).
  var arguments: [String]
  /// The expected exit code.
  var exit: Int32
  /// A fragment that must appear on standard error; empty when anything goes.
  var message: String
  /// Fragments of the written report (success cases only).
  var report: [ReportFragment]?
  /// Why the case exists, when the file name does not say it.
  var note: String?
  /// A bug that keeps this case from its correct outcome today.
  var knownIssue: String?

  var testDescription: String { ([subcommand, file] + arguments).joined(separator: " ") }

  /// The subcommand the case runs.
  var subcommand: String { command ?? "cluster" }
}

/// The corpus folder, its manifest, and a report folder written once to check that failures
/// leave earlier reports alone.
enum Corpus {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Corpus")

  static let cases: [CorpusCase] = {
    do {
      let data = try Data(contentsOf: folder.appendingPathComponent("corpus.json"))
      struct Manifest: Decodable { var cases: [CorpusCase] }
      return try JSONDecoder().decode(Manifest.self, from: data).cases
    } catch {
      fatalError("Corpus/corpus.json is unreadable: \(error)")
    }
  }()

  /// Every regular file below `root`, by relative path, with its bytes.
  static func snapshot(_ root: URL) throws -> [String: Data] {
    var files = [String: Data]()
    let paths = FileManager.default.subpaths(atPath: root.path) ?? []
    for path in paths {
      let url = root.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[path] = try Data(contentsOf: url)
      }
    }
    return files
  }

  /// A fresh empty folder for one test.
  static func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-corpus-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes a real report (from `bom.csv`, k = 2) into `folder`.
  static func writePreviousReport(to folder: URL) throws {
    let run = try CLIRun.run([
      "cluster", Corpus.folder.appendingPathComponent("bom.csv").path, "--k", "2", "--out", folder.path,
    ])
    guard run.status == 0 else { throw CocoaError(.fileWriteUnknown) }
  }
}

@Suite("Corpus: bad inputs through kselect cluster and kselect sweep")
struct CorpusTests {
  @Test("the manifest lists every corpus file and every listed file exists")
  func manifestIsComplete() throws {
    let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: Corpus.folder.path))
      .subtracting(["corpus.json"])
    let listed = Set(Corpus.cases.map(\.file))
    let missingOnPurpose = Set(Corpus.cases.filter { $0.exit == 74 }.map(\.file))
    #expect(
      onDisk.subtracting(listed).isEmpty, "files without a manifest entry: \(onDisk.subtracting(listed).sorted())")
    #expect(listed.subtracting(onDisk) == missingOnPurpose)
    for file in missingOnPurpose { #expect(!onDisk.contains(file)) }
    // The corpus is data checked into the repository: keep every file small.
    for file in onDisk {
      let size =
        try FileManager.default.attributesOfItem(atPath: Corpus.folder.appendingPathComponent(file).path)[.size] as? Int
      #expect((size ?? 0) < 4096, "\(file) is \(size ?? 0) bytes")
    }
  }

  @Test("exit code, message, and the output folder", arguments: Corpus.cases)
  func runCase(_ entry: CorpusCase) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let input = Corpus.folder.appendingPathComponent(entry.file).path
    let out = scratch.appendingPathComponent("report")

    let run = try CLIRun.run([entry.subcommand, input] + entry.arguments + ["--out", out.path])
    #expect(run.status == entry.exit, "stderr: \(run.stderr)")
    if !entry.message.isEmpty {
      #expect(run.stderr.contains(entry.message), "stderr: \(run.stderr)")
    }
    // Nothing from the file reaches the terminal raw: no control character but line breaks, and
    // no byte that is not UTF-8 (it would read back as U+FFFD).
    let raw = run.stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    #expect(raw.isEmpty, "control characters on stderr: \(raw.map { $0.value })")
    #expect(!run.stderr.contains("\u{FFFD}"), "stderr: \(run.stderr)")
    // Every message is one line that starts with the tool's name; a crash prints anything else.
    for line in run.stderr.split(separator: "\n") {
      #expect(
        line.hasPrefix("kselect: ") || line.hasPrefix("Error: ") || line.hasPrefix("Usage: ")
          || line.hasPrefix("  ") || line.hasPrefix("Help: ") || line.isEmpty, "unexpected stderr line: \(line)")
    }

    guard entry.exit == 0 else {
      // Nothing written: no report folder, no staging folder left beside it.
      #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
      try checkPreviousReportSurvives(entry, input: input, scratch: scratch)
      return
    }
    let expectations = {
      let centroids = try String(contentsOf: out.appendingPathComponent("centroids.csv"), encoding: .utf8)
      let sizes = centroids.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
      #expect(!sizes.contains("0"), "an empty cluster in centroids.csv:\n\(centroids)")
      for fragment in entry.report ?? [] {
        let text = try String(contentsOf: out.appendingPathComponent(fragment.file), encoding: .utf8)
        if let wanted = fragment.contains { #expect(text.contains(wanted), "\(fragment.file):\n\(text)") }
        if let unwanted = fragment.excludes { #expect(!text.contains(unwanted), "\(fragment.file):\n\(text)") }
      }
    }
    if let knownIssue = entry.knownIssue {
      withKnownIssue(Comment(rawValue: knownIssue)) { try expectations() }
    } else {
      try expectations()
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["report"])
  }

  /// Runs a failing case again with `--out` naming an earlier report: it must stay byte for byte.
  private func checkPreviousReportSurvives(_ entry: CorpusCase, input: String, scratch: URL) throws {
    let previous = scratch.appendingPathComponent("previous")
    try Corpus.writePreviousReport(to: previous)
    let before = try Corpus.snapshot(previous)
    #expect(before.keys.contains("assignments.csv"))
    let run = try CLIRun.run([entry.subcommand, input] + entry.arguments + ["--out", previous.path])
    #expect(run.status == entry.exit)
    #expect(try Corpus.snapshot(previous) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["previous"])
  }
}

/// The same bad inputs through `kselect sweep`: the loader is shared, so every input error must
/// come out with the same exit code and message, and leave no report folder behind.
@Suite("Corpus: bad inputs through kselect sweep")
struct CorpusSweepTests {
  /// The input failures (bad data, 65; unreadable input, 74) of the cases that ask for k = 2;
  /// the sweep runs them with k_max = 2. (Cases failing because k exceeds the distinct points
  /// are left out: the sweep lowers k_max instead, as SweepTests checks.)
  static let failures = Corpus.cases.filter {
    $0.command == nil && [65, 74].contains($0.exit) && $0.arguments.prefix(2) == ["--k", "2"]
  }

  @Test("exit code, message, and no output folder", arguments: failures)
  func runCase(_ entry: CorpusCase) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let input = Corpus.folder.appendingPathComponent(entry.file).path
    let arguments =
      ["sweep", input, "--k-max", "2"] + entry.arguments.dropFirst(2)
      + ["--references", "2", "--restarts", "1", "--no-render", "--out", scratch.appendingPathComponent("report").path]
    let run = try CLIRun.run(arguments)
    #expect(run.status == entry.exit, "stderr: \(run.stderr)")
    if !entry.message.isEmpty {
      #expect(run.stderr.contains(entry.message), "stderr: \(run.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }
}
