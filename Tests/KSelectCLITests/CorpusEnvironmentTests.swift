import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bad-input cases that need the file system rather than a corpus file: folders, unreadable
/// files, output paths that cannot be written, and lines too long to buffer. Each is made at
/// test time in a scratch folder.
@Suite("Corpus: inputs and outputs made at test time")
struct CorpusEnvironmentTests {
  private let sample = Corpus.folder.appendingPathComponent("bom.csv").path

  @Test("a directory as input is an I/O error (74)")
  func directoryInput() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let folder = scratch.appendingPathComponent("data.csv")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    let run = try CLIRun.run(["cluster", folder.path, "--k", "2", "--out", scratch.appendingPathComponent("out").path])
    #expect(run.status == 74)
    #expect(run.stderr.contains("data.csv: cannot read input: it is a directory, not a file"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["data.csv"])
  }

  /// Root reads a mode-000 file anyway, so this case runs only for other users.
  @Test(
    "a file without read permission is an I/O error (74)",
    .enabled(if: geteuid() != 0, "running as root: chmod 000 does not stop root from reading"))
  func unreadableByMode() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let file = scratch.appendingPathComponent("locked.csv")
    try Data("x,y\n0,0\n1,1\n".utf8).write(to: file)
    #expect(chmod(file.path, 0) == 0)
    let run = try CLIRun.run(["cluster", file.path, "--k", "2", "--out", scratch.appendingPathComponent("out").path])
    #expect(run.status == 74)
    #expect(run.stderr.contains("locked.csv: cannot read input"))
  }

  /// Works for root too: reading /proc/self/mem at offset 0 fails with EIO for every user.
  @Test("a file whose read fails is an I/O error (74)")
  func unreadableByIOError() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let run = try CLIRun.run([
      "cluster", "/proc/self/mem", "--k", "2", "--out", scratch.appendingPathComponent("out").path,
    ])
    #expect(run.status == 74)
    #expect(run.stderr.contains("/proc/self/mem: cannot read input"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  /// Decision: `--out` inside folders that do not exist yet creates them (as `mkdir -p`).
  @Test("an output path inside missing folders creates them")
  func outputInsideMissingFolders() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("a/b/c/report")
    let run = try CLIRun.run(["cluster", sample, "--k", "2", "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("assignments.csv").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["report"])
  }

  /// Read-only places that stay read-only for root: below a regular file, and under /proc.
  @Test(
    "an output path that cannot be created is a write error (73) and leaves nothing",
    arguments: ["file-as-folder", "proc"])
  func unwritableOutput(_ kind: String) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let blocker = scratch.appendingPathComponent("plain-file")
    try Data("not a folder\n".utf8).write(to: blocker)
    let out = kind == "proc" ? "/proc/kselect-corpus-\(UUID())/report" : blocker.appendingPathComponent("report").path
    let run = try CLIRun.run(["cluster", sample, "--k", "2", "--out", out])
    #expect(run.status == 73, "\(run.stderr)")
    #expect(run.stderr.contains("kselect: cannot write "))
    #expect(try Data(contentsOf: blocker) == Data("not a folder\n".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["plain-file"])
  }

  @Test("an existing folder or file that is not a report is never replaced (73)", arguments: [true, false])
  func notAReport(_ asFolder: Bool) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let target = scratch.appendingPathComponent("precious")
    if asFolder {
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
      try Data("keep me\n".utf8).write(to: target.appendingPathComponent("notes.txt"))
    } else {
      try Data("keep me\n".utf8).write(to: target)
    }
    let before = asFolder ? try Corpus.snapshot(target) : ["": try Data(contentsOf: target)]
    let run = try CLIRun.run(["cluster", sample, "--k", "2", "--out", target.path])
    #expect(run.status == 73)
    #expect(run.stderr.contains("precious exists and is not a kselect report"))
    let after = asFolder ? try Corpus.snapshot(target) : ["": try Data(contentsOf: target)]
    #expect(after == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["precious"])
  }

  /// The tokenizer refuses records over 16 MiB instead of buffering them. Three shapes: digits
  /// (one huge field), delimiters only (huge field count, nothing to buffer per field), and a
  /// 1 GiB line of NUL bytes made as a sparse file, so it costs no disk and no time to write.
  @Test(
    "a line longer than 16 MiB is refused with its line number (65)", arguments: ["digits", "commas", "sparse-1GiB"])
  func veryLongLine(_ shape: String) throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let file = scratch.appendingPathComponent("long.csv")
    try Data("x,y\n0,0\n".utf8).write(to: file)
    let handle = try FileHandle(forWritingTo: file)
    try handle.seekToEnd()
    switch shape {
    case "digits": try handle.write(contentsOf: Data(repeating: UInt8(ascii: "7"), count: 20 << 20))
    case "commas": try handle.write(contentsOf: Data(repeating: UInt8(ascii: ","), count: 20 << 20))
    default: try handle.truncate(atOffset: 8 + (1 << 30))
    }
    try handle.close()
    let started = Date()
    let run = try CLIRun.run(["cluster", file.path, "--k", "2", "--out", scratch.appendingPathComponent("out").path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("long.csv:3: record longer than 16 MiB"), "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 60)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["long.csv"])
  }
}
