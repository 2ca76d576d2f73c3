import Foundation
import Testing

/// The rules for replacing an existing report folder: only a folder holding nothing but the
/// files kselect wrote (its `.kselect-report` lists them), never one holding the input, for
/// `sweep`, `cluster` and `render`, and for reports written before the marker listed files.
@Suite("Report folders: a rerun replaces only what kselect wrote")
struct ReportFolderRulesTests {
  private static let sample = Corpus.folder.appendingPathComponent("bom.csv")
  private static let sweepOptions = ["--k-max", "3", "--references", "2", "--restarts", "1", "--quiet"]

  /// A fresh scratch folder holding a `cluster` report at `report/`.
  private static func clusterReport() throws -> (scratch: URL, report: URL) {
    let scratch = try Corpus.scratchFolder()
    let report = scratch.appendingPathComponent("report")
    try Corpus.writePreviousReport(to: report)
    return (scratch, report)
  }

  private static func marker(_ report: URL) throws -> String {
    try String(contentsOf: report.appendingPathComponent(".kselect-report"), encoding: .utf8)
  }

  private static func listed(_ report: URL) throws -> [String] {
    try marker(report).split(separator: "\n").filter { !$0.hasPrefix("#") && $0 != "kselect report" }.map(String.init)
  }

  @Test("the marker lists exactly the files of the report, figures included after render")
  func markerListsFiles() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let report = scratch.appendingPathComponent("report")
    let sweep = try CLIRun.run(["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let files = Set(try Corpus.snapshot(report).keys).subtracting([".kselect-report"])
    #expect(Set(try Self.listed(report)) == files)
    #expect(files.contains("plots/labels.tsv") && files.contains("summary.json"))
    guard SweepCommandTests.hasGnuplot else { return }
    let render = try CLIRun.run(["render", report.path])
    #expect(render.status == 0, "\(render.stderr)")
    let drawn = Set(try Corpus.snapshot(report).keys).subtracting([".kselect-report"])
    #expect(drawn.contains("plots/overview.png"))
    #expect(Set(try Self.listed(report)) == drawn)
    let again = try CLIRun.run(["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions)
    #expect(again.status == 0, "a rendered report is replaced: \(again.stderr)")
  }

  @Test(
    "a file, folder or link kselect did not write stops sweep, cluster and render (73), naming it",
    arguments: ["notes.txt", "plots/extra.png", "my folder", "link", "k=2/mine.csv"])
  func foreignEntry(_ entry: String) throws {
    let (scratch, report) = try Self.clusterReport()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let url = report.appendingPathComponent(entry)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    switch entry {
    case "my folder": try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    case "link": try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: Self.sample.path)
    default: try Data("mine\n".utf8).write(to: url)
    }
    let before = try Corpus.snapshot(report)
    let commands = [
      ["cluster", Self.sample.path, "--k", "2", "--out", report.path],
      ["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions,
      ["render", report.path],
    ]
    for command in commands {
      let run = try CLIRun.run(command)
      #expect(run.status == 73, "\(command[0]): \(run.stderr)")
      #expect(run.stderr.contains("holds \(entry), which kselect did not write"), "\(command[0]): \(run.stderr)")
      #expect(try Corpus.snapshot(report) == before)
      #expect(FileTree.kind(url.path) != .missing)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["report"])
  }

  @Test(
    "a folder holding the input is never replaced, however the paths are spelt (73)",
    arguments: ["direct", "in-subfolder", "through-link", "dot-dot"])
  func holdsInput(_ spelling: String) throws {
    let (scratch, report) = try Self.clusterReport()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let sweep = try CLIRun.run(["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let input = report.appendingPathComponent(spelling == "in-subfolder" ? "plots/mydata.csv" : "mydata.csv")
    try FileManager.default.copyItem(at: Self.sample, to: input)
    var out = report.path
    var data = input.path
    switch spelling {
    case "through-link":
      let link = scratch.appendingPathComponent("link")
      try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: report.path)
      out = link.path
      data = link.appendingPathComponent("mydata.csv").path
    case "dot-dot":
      out = report.path + "/plots/.."
      data = report.path + "/plots/../mydata.csv"
    default: break
    }
    let before = try Corpus.snapshot(report)
    for command in [
      ["sweep", data, "--out", out, "--no-render"] + Self.sweepOptions, ["cluster", data, "--k", "2", "--out", out],
    ] {
      let run = try CLIRun.run(command)
      #expect(run.status == 73, "\(command[0]): \(run.stderr)")
      #expect(run.stderr.contains("holds the input"), "\(command[0]): \(run.stderr)")
      #expect(try Corpus.snapshot(report) == before)
    }
    // --init names a file of the folder too.
    let centroids = report.appendingPathComponent("centroids.csv").path
    let withInit = try CLIRun.run([
      "cluster", Self.sample.path, "--k", "2", "--init", centroids, "--out", report.path,
    ])
    #expect(withInit.status == 73, "\(withInit.stderr)")
    #expect(withInit.stderr.contains("holds the input \(centroids)"), "\(withInit.stderr)")
    #expect(try Corpus.snapshot(report) == before)
  }

  @Test("a report through a symbolic link is replaced in place; the link stays a link")
  func throughLink() throws {
    let (scratch, report) = try Self.clusterReport()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let link = scratch.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: report.path)
    let run = try CLIRun.run(["cluster", Self.sample.path, "--k", "1", "--out", link.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileTree.kind(link.path) == .other)
    #expect(try String(contentsOf: report.appendingPathComponent("centroids.csv"), encoding: .utf8).contains("\n1,"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["link", "report"])
  }

  @Test("a report written before the marker listed files is replaced only when it holds only such a report's files")
  func legacyReports() throws {
    let scratch = try Corpus.scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let report = scratch.appendingPathComponent("report")
    let sweep = try CLIRun.run(
      ["sweep", Self.sample.path, "--out", report.path, "--no-render", "--all-k"] + Self.sweepOptions)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    // What such a report held: no labels.tsv, no selection frequencies, no report.html, no
    // scaling.csv, a marker without a list.
    for newer in [
      "plots/labels.tsv", "selection_stability.csv", "plots/selection.gp", "plots/selection.csv", "report.html",
      "scaling.csv",
    ] {
      try FileManager.default.removeItem(at: report.appendingPathComponent(newer))
    }
    try Data("kselect report\n".utf8).write(to: report.appendingPathComponent(".kselect-report"))
    try Data("old figure".utf8).write(to: report.appendingPathComponent("plots/elbow.png"))
    let legacy = try Corpus.snapshot(report)

    for extra in ["notes.txt", "plots/labels.tsv", "k=x/assignments.csv"] {
      let url = report.appendingPathComponent(extra)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("mine".utf8).write(to: url)
      let refused = try CLIRun.run(
        ["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions)
      #expect(refused.status == 73, "\(extra): \(refused.stderr)")
      #expect(refused.stderr.contains("holds \(extra), which kselect did not write"), "\(refused.stderr)")
      try FileManager.default.removeItem(at: extra.hasPrefix("k=x") ? url.deletingLastPathComponent() : url)
      #expect(try Corpus.snapshot(report) == legacy)
    }
    let replaced = try CLIRun.run(["sweep", Self.sample.path, "--out", report.path, "--no-render"] + Self.sweepOptions)
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(try Self.marker(report).contains("# manifest"))
    #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("plots/elbow.png").path))
  }

  @Test("a dead run's temporary folder is removed only when it holds nothing but what its marker lists")
  func staleStaging() throws {
    let (scratch, report) = try Self.clusterReport()
    defer { try? FileManager.default.removeItem(at: scratch) }
    // pid 2^22 + 1 is above Linux's pid_max default ceiling, so no such process exists.
    let dead = scratch.appendingPathComponent(".report.kselect-tmp-4194305")
    let foreign = scratch.appendingPathComponent(".report.kselect-tmp-4194306")
    for folder in [dead, foreign] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
      try Data("kselect report\n# manifest: x\nassignments.csv\n".utf8)
        .write(to: folder.appendingPathComponent(".kselect-report"))
      try Data("partial".utf8).write(to: folder.appendingPathComponent("assignments.csv"))
    }
    try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
    let run = try CLIRun.run(["cluster", Self.sample.path, "--k", "2", "--out", report.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dead.path))
    #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
  }
}

/// The kind of a path itself, as `lstat` sees it.
enum FileTree {
  enum Kind { case missing, file, directory, other }

  static func kind(_ path: String) -> Kind {
    guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else {
      return .missing
    }
    switch type {
    case .typeRegular: return .file
    case .typeDirectory: return .directory
    default: return .other
    }
  }
}
