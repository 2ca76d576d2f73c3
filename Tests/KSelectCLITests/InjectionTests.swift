import Foundation
import Testing

/// Header names and file names written to run commands if they ever reached gnuplot or a shell
/// as code, through `kselect sweep` (rendering), `kselect render` and scripts run by hand.
@Suite(
  "No command runs from the data: hostile names through sweep and render",
  .enabled(if: SweepCommandTests.hasGnuplot, "gnuplot is not installed (CI installs gnuplot-nox)"))
struct InjectionTests {
  /// A fresh folder with a short path, so that names holding it stay short.
  private static func scratch() throws -> URL {
    let url = URL(fileURLWithPath: "/tmp/ks-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    return url
  }

  /// Two feature names (backquotes, `$(…)`, `system()`, `@` macros, both quotes, `;`, a
  /// backslash, a line break, CR, tab and other controls, text beyond ASCII) and a file name of
  /// the same kind; the canaries are `PWNED<n>` in `folder` or relative to the working folder.
  private static func names(canaries folder: URL) -> (features: [String], file: String) {
    let c = folder.path + "/PWNED"
    return (
      ["w`touch \(c)1` $(touch \(c)2); @m", "h\"; system(\"touch \(c)3\") '`touch PWNED4`'\\\na\rb\tc\u{1}\u{1B}ü"],
      "d`touch PWNED5`$(touch PWNED6);'\"@m system(\"touch PWNED7\")\n日本.csv"
    )
  }

  /// The CSV: the two names quoted as CSV quotes them, then three blobs of 20 points.
  private static func csv(_ features: [String]) -> String {
    var text = features.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    text += "\n"
    for i in 0..<60 {
      let blob = Double(i % 3)
      text += "\(blob * 4 + Double(i % 7) / 10),\(blob * 3 - Double(i % 5) / 10)\n"
    }
    return text
  }

  /// What a figure label shows for `name`: control characters escaped as kselect's messages do.
  private static func shown(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
        out += "\\u{" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The text of an SVG file with gnuplot's XML escapes undone.
  private static func svgText(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Every path below `folder` whose name holds PWNED: a command that ran.
  private static func canaries(in folder: URL) -> [String] {
    (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.contains("PWNED") && !$0.hasSuffix(".csv") }
  }

  static let plots = ["elbow", "gap", "fk", "silhouette", "silhouette_profile", "clusters", "selection", "overview"]
  static let quick = ["--k-max", "4", "--restarts", "2", "--references", "3", "--seed", "2", "--quiet"]

  @Test("sweep draws every figure, render redraws them, the labels read as written, and nothing runs")
  func sweepAndRender() throws {
    let scratch = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let (features, fileName) = Self.names(canaries: scratch)
    let input = scratch.appendingPathComponent(fileName)
    try Self.csv(features).write(to: input, atomically: true, encoding: .utf8)
    let report = scratch.appendingPathComponent("report")

    let sweep = try CLIRun.run(
      ["sweep", input.path, "--out", report.path, "--format", "svg"] + Self.quick, in: scratch)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    #expect(sweep.stderr.isEmpty, "\(sweep.stderr)")
    for name in Self.plots {
      let image = report.appendingPathComponent("plots/\(name).svg")
      let size = try FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int
      #expect((size ?? 0) > 1000, "\(name).svg")
    }
    let clusters = try Self.svgText(report.appendingPathComponent("plots/clusters.svg"))
    for feature in features { #expect(clusters.contains(">\(Self.shown(feature))<"), "\(Self.shown(feature))") }
    let dataName = String(fileName.dropLast(4))
    let overview = try Self.svgText(report.appendingPathComponent("plots/overview.svg"))
    #expect(overview.contains(">kselect: \(Self.shown(dataName)) — "), "overview title")
    #expect(Self.canaries(in: scratch).isEmpty, "commands ran: \(Self.canaries(in: scratch))")
    for canary in ["PWNED4", "PWNED5", "PWNED6", "PWNED7"] { #expect(!FileManager.default.fileExists(atPath: canary)) }

    let render = try CLIRun.run(["render", report.path, "--format", "png"], in: scratch)
    #expect(render.status == 0, "\(render.stderr)")
    #expect(render.stderr.isEmpty, "\(render.stderr)")
    for name in Self.plots {
      #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("plots/\(name).png").path))
    }
    #expect(Self.canaries(in: scratch).isEmpty, "commands ran: \(Self.canaries(in: scratch))")
  }

  @Test("--no-render writes scripts that run by hand from the report folder, running nothing")
  func scriptsRunByHand() throws {
    let scratch = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let (features, fileName) = Self.names(canaries: scratch)
    let input = scratch.appendingPathComponent(fileName)
    try Self.csv(features).write(to: input, atomically: true, encoding: .utf8)
    let report = scratch.appendingPathComponent("report")
    let sweep = try CLIRun.run(["sweep", input.path, "--out", report.path, "--no-render"] + Self.quick, in: scratch)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let gnuplot = try #require(
      (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/gnuplot" }
        .first { FileManager.default.isExecutableFile(atPath: $0) })
    for name in Self.plots {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: gnuplot)
      process.arguments = ["plots/\(name).gp"]
      process.currentDirectoryURL = report
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0 && message.isEmpty, "\(name).gp: \(message)")
      #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("plots/\(name).png").path))
    }
    #expect(Self.canaries(in: scratch).isEmpty, "commands ran: \(Self.canaries(in: scratch))")
  }
}
