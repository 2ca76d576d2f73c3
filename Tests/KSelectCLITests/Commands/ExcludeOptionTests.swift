import Foundation
import KSelectTestSupport
import Testing

/// `--exclude`: columns never clustered, numeric or not, with `--columns` and `--id-column`.
@Suite("--exclude of sweep and cluster")
struct ExcludeOptionTests {
  /// A numeric class id beside two features and a text label.
  static let data = """
    x,y,class,label
    0.1,0.2,1,a
    0.2,0.1,1,a
    0.15,0.18,1,b
    5.1,5.2,2,b
    5.2,5.0,2,c
    5.05,5.15,2,c
    """

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-exclude-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.data.write(to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    return folder
  }

  @Test("a numeric column named by --exclude is left out of the features, and the report says so")
  func excludesNumericColumn() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIRun.run(
      [
        "sweep", "points.csv", "--exclude", "class", "--k-max", "3", "--references", "2", "--resamples", "0",
        "--stability-splits", "0", "--out", "r", "--json", "--no-render", "--quiet",
      ], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let input = try #require(json["input"] as? [String: Any])
    #expect(input["features"] as? [String] == ["x", "y"])
    // One meaning: every column that is neither a feature nor the id column, in input order.
    #expect(input["excluded_columns"] as? [String] == ["class", "label"])
    let notes = try #require(json["notes"] as? [String])
    #expect(notes.contains("columns excluded by --exclude: class"))
    #expect(notes.contains("non-numeric columns left out: label"))
    let markdown = try String(contentsOf: folder.appendingPathComponent("r/summary.md"), encoding: .utf8)
    #expect(markdown.contains("- Columns excluded (`--exclude`): `class`"))
    let centroids = try String(contentsOf: folder.appendingPathComponent("r/assignments.csv"), encoding: .utf8)
    #expect(!centroids.contains("class"))
  }

  @Test("cluster takes --exclude too; with --columns the unnamed columns are reported as such")
  func clusterAndColumns() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let excluded = try CLIRun.run(
      ["cluster", "points.csv", "--k", "2", "--exclude", "class, y", "--out", "c"], in: folder)
    #expect(excluded.status == 0, "\(excluded.stderr)")
    #expect(excluded.stderr.contains("columns excluded by --exclude: y, class"))
    let header = try String(contentsOf: folder.appendingPathComponent("c/centroids.csv"), encoding: .utf8)
      .split(separator: "\n").first
    #expect(header == "cluster,size,x")
    let named = try CLIRun.run(["cluster", "points.csv", "--k", "2", "--columns", "x", "--out", "d"], in: folder)
    #expect(named.status == 0, "\(named.stderr)")
    #expect(named.stderr.contains("columns not named by --columns left out: y, class, label"))
  }

  static let refusalCases: [([String], String)] = [
    (["--exclude", "klass"], "--exclude: 'klass' is not a column of points.csv; its columns are: x, y, class, label"),
    (["--exclude", "x", "--columns", "x,y"], "--exclude: 'x' is also named by --columns"),
    (["--exclude", "label", "--id-column", "label"], "--exclude: 'label' is the id column"),
    (["--exclude", "class,class"], "--exclude names 'class' twice"),
    (["--exclude", ","], "--exclude names no column"),
  ]

  @Test("unknown, doubly named, id and empty --exclude names are usage errors (exit 64)", arguments: refusalCases)
  func refusals(flags: [String], message: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIRun.run(["cluster", "points.csv", "--k", "2", "--out", "c"] + flags, in: folder)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c").path))
  }

  @Test("excluding every numeric column leaves no data (exit 65)")
  func excludesEverything() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIRun.run(["cluster", "points.csv", "--k", "2", "--exclude", "x,y,class", "--out", "c"], in: folder)
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("every numeric column is excluded (numeric columns: x, y, class)"), "\(run.stderr)")
  }
}
