import Foundation
import KSelectTestSupport
import Testing

@Suite("kselect sweep and kselect render")
struct SweepCommandTests {
  static let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path
  /// A quick sweep: few k, restarts and references.
  static let quick = ["--k-max", "4", "--restarts", "2", "--references", "3", "--seed", "5"]

  static func temporary() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("kselect-sweep-\(UUID())")
  }

  static var hasGnuplot: Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
      .contains { FileManager.default.isExecutableFile(atPath: "\($0)/gnuplot") }
  }

  @Test("--json prints summary.json, which is also written with every report file")
  func json() throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CLIRun.run(["sweep", Self.iris, "--out", out.path, "--json", "--no-render"] + Self.quick)
    #expect(run.status == 0, "\(run.stderr)")
    let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    for key in [
      "tool", "input", "parameters", "recommendations", "consensus", "structure", "recommendation",
      "selection_frequencies", "timings_seconds",
    ] {
      #expect(printed.keys.contains(key), "\(key)")
    }
    let written = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(written == run.stdout)
    for file in [
      "metrics.csv", "gap_references.csv", "assignments.csv", "centroids.csv", "selection_stability.csv", "summary.md",
      "report.html", "plots/elbow.gp", "plots/selection.gp", "plots/selection.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plots/elbow.png").path))
    let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
    #expect(markdown.contains("The figures were not drawn: --no-render was given"))
    // Not a terminal: no progress line, only the note about the left-out column.
    #expect(!run.stderr.contains("fitted"))
  }

  @Test("the stability flags reach summary.json; metrics.csv has the stability columns")
  func stabilityFlags() throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let flags = ["--stability-splits", "4", "--stability-restarts", "2", "--ps-threshold", "0.9"]
    let run = try CLIRun.run(["sweep", Self.iris, "--out", out.path, "--json", "--no-render"] + Self.quick + flags)
    #expect(run.status == 0, "\(run.stderr)")
    let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let parameters = try #require(printed["parameters"] as? [String: Any])
    #expect(parameters["stability_splits"] as? Int == 4)
    #expect(parameters["stability_restarts"] as? Int == 2)
    #expect(parameters["ps_threshold"] as? Double == 0.9)
    let reasons = try #require(printed["reasons"] as? [String: Any])
    #expect((reasons["prediction_strength"] as? String)?.contains("0.9") == true)
    let metrics = try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8)
    let header = metrics.split(separator: "\n").first.map(String.init) ?? ""
    #expect(header.contains("davies_bouldin,prediction_strength,prediction_strength_se,instability,instability_se,"))
  }

  /// metrics.csv and gap_references.csv of a quick sweep of iris with `flags`, and its parameters.
  static func referenceTables(_ flags: [String]) throws -> (
    metrics: [[String]], references: String, parameters: [String: Any]
  ) {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CLIRun.run(
      [
        "sweep", Self.iris, "--out", out.path, "--json", "--no-render", "--quiet", "--resamples", "0",
        "--stability-splits", "0",
      ] + Self.quick + flags)
    #expect(run.status == 0, "\(run.stderr)")
    let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let metrics = try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8)
    let references = try String(contentsOf: out.appendingPathComponent("gap_references.csv"), encoding: .utf8)
    return (
      metrics.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      },
      references, try #require(printed["parameters"] as? [String: Any])
    )
  }

  @Test("--reference-restarts changes the reference columns only, as a sweep with that many restarts")
  func referenceRestarts() throws {
    let full = try Self.referenceTables(["--exact-references"])
    let cheap = try Self.referenceTables(["--exact-references", "--reference-restarts", "1"])
    let single = try Self.referenceTables(["--exact-references", "--restarts", "1"])
    #expect(full.parameters["reference_restarts"] as? Int == full.parameters["restarts"] as? Int)
    #expect(full.parameters["exact_references"] as? Bool == true)
    #expect(cheap.parameters["reference_restarts"] as? Int == 1)
    #expect(cheap.references == single.references)
    #expect(cheap.references != full.references)
    let header = try #require(full.metrics.first)
    let referenceColumns: Set = ["ref_log_wcss_mean", "gap", "gap_sd", "gap_se"]
    #expect(referenceColumns.isSubset(of: header))
    #expect(cheap.metrics.count == full.metrics.count)
    for (cheapRow, fullRow) in zip(cheap.metrics, full.metrics) {
      for (column, name) in header.enumerated() where !referenceColumns.contains(name) {
        #expect(cheapRow[column] == fullRow[column], "\(name)")
      }
    }
  }

  @Test("--no-reference-refine changes the reference columns only, as the references of --no-refine")
  func referenceRefine() throws {
    let polished = try Self.referenceTables(["--exact-references"])
    let plain = try Self.referenceTables(["--exact-references", "--no-reference-refine"])
    let unrefined = try Self.referenceTables(["--exact-references", "--no-refine"])
    let forced = try Self.referenceTables(["--exact-references", "--no-refine", "--reference-refine"])
    #expect(polished.parameters["reference_refine"] as? Bool == true)
    #expect(plain.parameters["reference_refine"] as? Bool == false)
    #expect(plain.parameters["refine"] as? Bool == true)
    #expect(unrefined.parameters["reference_refine"] as? Bool == false)
    #expect(forced.parameters["reference_refine"] as? Bool == true)
    #expect(plain.references == unrefined.references)
    #expect(forced.references == polished.references)
    let header = try #require(polished.metrics.first)
    let referenceColumns: Set = ["ref_log_wcss_mean", "gap", "gap_sd", "gap_se"]
    for (plainRow, polishedRow) in zip(plain.metrics, polished.metrics) {
      for (column, name) in header.enumerated() where !referenceColumns.contains(name) {
        #expect(plainRow[column] == polishedRow[column], "\(name)")
      }
    }
  }

  @Test("the same seed gives byte-identical summary.json except timings")
  func reproducible() throws {
    var texts = [String]()
    for _ in 0..<2 {
      let out = Self.temporary()
      defer { try? FileManager.default.removeItem(at: out) }
      let run = try CLIRun.run(
        ["sweep", Self.iris, "--out", out.path, "--json", "--no-render", "--quiet"] + Self.quick)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.isEmpty)
      let start = try #require(run.stdout.range(of: "  \"timings_seconds\": {"))
      let end = try #require(run.stdout.range(of: "},\n", range: start.upperBound..<run.stdout.endIndex))
      texts.append(String(run.stdout[..<start.lowerBound]) + String(run.stdout[end.upperBound...]))
    }
    #expect(texts[0] == texts[1])
  }

  @Test(
    "--all-k writes every k's tables; render redraws the figures, in svg when asked, and links them",
    .enabled(if: hasGnuplot, "gnuplot is not installed (CI installs gnuplot-nox)"))
  func renderAndAllK() throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CLIRun.run(["sweep", Self.iris, "--out", out.path, "--all-k", "--quiet"] + Self.quick)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("report written to"))
    for k in 1...4 {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("k=\(k)/assignments.csv").path))
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("k=\(k)/centroids.csv").path))
    }
    for name in ["elbow", "gap", "fk", "silhouette", "silhouette_profile", "clusters", "selection", "overview"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plots/\(name).png").path), "\(name)")
    }
    let read = { (name: String) in try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }
    #expect(try read("report.html").contains("src=\"data:image/png;base64,"))
    let render = try CLIRun.run(["render", out.path, "--format", "svg"])
    #expect(render.status == 0, "\(render.stderr)")
    #expect(render.stderr.isEmpty)
    let markdown = try read("summary.md")
    #expect(markdown.contains("![elbow](plots/elbow.svg)"))
    #expect(markdown.contains("[plots/overview.svg](plots/overview.svg)"))
    #expect(!markdown.contains("plots/elbow.png") && !markdown.contains("plots/overview.png"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(read("summary.json").utf8)) as? [String: Any])
    #expect((json["plots"] as? [String: Any])?["format"] as? String == "svg")
    let html = try read("report.html")
    #expect(html.components(separatedBy: "<svg").count - 1 == 7)
    #expect(!html.contains("base64"))
    let svg = try read("plots/elbow.svg")
    #expect(svg.contains("<title>kselect_elbow</title>") && !svg.contains("<title>Gnuplot</title>"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plots/overview.svg").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plots/selection.svg").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.csv").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("selection_stability.csv").path))
  }

  @Test("render of a --no-render report makes summary.md and summary.json say the figures are drawn")
  func renderMarksDrawn() throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let sweep = try CLIRun.run(["sweep", Self.iris, "--out", out.path, "--no-render", "--quiet"] + Self.quick)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let read = { (name: String) in try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }
    let before = try read("summary.md")
    #expect(before.contains("The figures were not drawn"))
    let render = try CLIRun.run(["render", out.path])
    #expect(render.status == 0, "\(render.stderr)")
    let markdown = try read("summary.md")
    #expect(!markdown.contains("not drawn"))
    #expect(markdown.contains("## Rendering\n\nThe figures were drawn with gnuplot."))
    #expect(markdown.components(separatedBy: "## Rendering").count == 2)
    #expect(markdown.contains("\n\n## Files\n"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(read("summary.json").utf8)) as? [String: Any])
    #expect((json["plots"] as? [String: Any])?["rendered"] as? Bool == true)
    #expect(!(try read("report.html")).contains("not drawn"))
  }

  @Test("a folder that is not a kselect report is never overwritten (exit 73)")
  func refusesForeignFolder() throws {
    let out = Self.temporary()
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    let precious = out.appendingPathComponent("thesis.tex")
    try "precious".write(to: precious, atomically: true, encoding: .utf8)
    let sweep = try CLIRun.run(["sweep", Self.iris, "--out", out.path, "--no-render"] + Self.quick)
    #expect(sweep.status == 73)
    #expect(sweep.stderr.contains("is not a kselect report"))
    let render = try CLIRun.run(["render", out.path])
    #expect(render.status == 73)
    #expect(try String(contentsOf: precious, encoding: .utf8) == "precious")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["thesis.tex"])
  }

  @Test("1 thread and 2 threads give byte-identical CSV files and summary.json (timings and thread count aside)")
  func threadIndependent() throws {
    var outputs = [[String]]()
    for threads in ["1", "2"] {
      let out = Self.temporary()
      defer { try? FileManager.default.removeItem(at: out) }
      let run = try CLIRun.run(
        ["sweep", Self.iris, "--out", out.path, "--no-render", "--quiet", "--all-k", "--threads", threads] + Self.quick)
      #expect(run.status == 0, "\(run.stderr)")
      let files = [
        "metrics.csv", "gap_references.csv", "assignments.csv", "centroids.csv", "k=3/assignments.csv",
        "selection_stability.csv", "plots/selection.csv",
      ]
      var texts = try files.map { try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8) }
      let json = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
      let start = try #require(json.range(of: "  \"timings_seconds\": {"))
      let end = try #require(json.range(of: "},\n", range: start.upperBound..<json.endIndex))
      let stable = String(json[..<start.lowerBound]) + String(json[end.upperBound...])
      texts.append(stable.split(separator: "\n").filter { !$0.contains("\"threads\":") }.joined(separator: "\n"))
      outputs.append(texts)
    }
    #expect(outputs[0] == outputs[1])
  }

  /// Failing command lines (`OUT` stands for a fresh temporary folder) and their exit codes.
  static let failures: [([String], Int32)] = [
    (["sweep", "Data/iris.csv", "--out", "OUT", "--k-min", "0"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--k-min", "5", "--k-max", "3"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--format", "jpeg"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--gap-rule", "best"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--stability-splits", "-1"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--stability-restarts", "0"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--reference-restarts", "0"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--reference-restarts", "-2"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--ps-threshold", "0"], 64),
    (["sweep", "Data/iris.csv", "--out", "OUT", "--ps-threshold", "1.01"], 64),
    (["sweep", "Data/no-such-file.csv", "--out", "OUT"], 74),
    (["render", "OUT"], 74),
  ]

  @Test("exit codes: usage 64, unreadable input or missing report 74", arguments: failures)
  func exitCodes(arguments: [String], status: Int32) throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CLIRun.run(arguments.map { $0 == "OUT" ? out.path : $0 }, in: repositoryRoot)
    #expect(run.status == status, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("help text of sweep and render shows an example", arguments: ["sweep", "render"])
  func help(command: String) throws {
    let run = try CLIRun.run([command, "--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Example"))
    #expect(run.stdout.contains("kselect \(command) "))
    if command == "sweep" {
      for flag in ["--stability-splits", "--stability-restarts", "--ps-threshold", "--reference-restarts"] {
        #expect(run.stdout.contains(flag), "\(flag)")
      }
    }
  }
}

@Suite("kselect sweep resource limits")
struct SweepMemoryTests {
  @Test("a sweep over its --max-memory is refused before it starts (exit 69), writing nothing")
  func refusesOversizedSweep() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-mem-\(UUID())")
    defer { try? FileManager.default.removeItem(at: out) }
    let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path
    let run = try CLIRun.run(["sweep", iris, "--out", out.path, "--max-memory", "64K", "--quiet"])
    #expect(run.status == 69, "\(run.stderr)")
    #expect(run.stderr.contains("the sweep would need about"))
    #expect(run.stderr.contains("--max-memory"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        .allSatisfy { !$0.hasPrefix(".\(out.lastPathComponent)") })
  }

  @Test(
    "--max-memory takes sizes with units, 2⁶³ bytes and more as no limit; nonsense is a usage error (64)",
    arguments: [
      ("512M", Int32(0)), ("1.5GiB", 0), ("9223372036854775807", 0), ("99999999999999999999T", 0), ("lots", 64),
      ("-3G", 64), ("0", 64), ("inf", 64), ("nan", 64),
    ])
  func sizes(argument: String, status: Int32) throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-mem-\(UUID())")
    defer { try? FileManager.default.removeItem(at: out) }
    let iris = repositoryRoot.appendingPathComponent("Data/iris.csv").path
    let run = try CLIRun.run(
      [
        "sweep", iris, "--out", out.path, "--max-memory", argument, "--quiet", "--no-render", "--k-max", "3",
        "--references", "2", "--restarts", "1",
      ])
    #expect(run.status == status, "\(run.stderr)")
  }
}
