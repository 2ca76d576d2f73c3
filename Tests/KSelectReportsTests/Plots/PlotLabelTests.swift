import Foundation
import KSelect
import KSelectTestSupport
import Testing

@testable import KSelectReports

/// Names built to break out of a gnuplot string or to run a command: backquotes, `$(…)`,
/// `system()`, macros, both quotes, `;`, backslashes, line breaks and other controls, and
/// text beyond ASCII. `CANARY` stands for a path a command would create.
enum HostileNames {
  static func features(canary: String) -> [String] {
    [
      "w`touch \(canary)1` $(touch \(canary)2) ;",
      "h\"; system(\"touch \(canary)3\"); '@m' \\",
      " a\nb\rc\td\u{1B}[31m\u{7F}\u{9B} ü 日本 {x}^2_1 &amp; <b>",
      "`touch \(canary)4`",
    ]
  }

  static func path(canary: String) -> String { "data`touch \(canary)5`$(touch \(canary)6);'\"@m\nü.csv" }
}

@Suite("Plot labels: names from the data never enter a script")
struct PlotLabelTests {
  @Test("a report's scripts are the same bytes whatever the names, ids and file name", arguments: [1, 2, 4])
  func scriptsHoldNoNames(columns: Int) throws {
    let plain = try ReportFixtures.pattern(rows: 30, columns: columns)
    let hostile = ReportFixtures.renamed(
      plain, features: Array(HostileNames.features(canary: "/tmp/PWNED").prefix(columns)),
      path: HostileNames.path(canary: "PWNED"))
    let result = try ReportFixtures.sweep(plain, kMax: 4)
    func scripts(_ input: ClusteringInput) throws -> [String: String] {
      let files = try SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered).files()
      return Dictionary(uniqueKeysWithValues: files.filter { $0.path.hasSuffix(".gp") }.map { ($0.path, $0.contents) })
    }
    let expected = try scripts(plain)
    #expect(expected.count == 8)
    #expect(try scripts(hostile) == expected)
  }

  @Test("labels.tsv is encoded so that gnuplot's reader gives the names back as messages show them")
  func encoding() {
    #expect(PlotLabels.encoded("a\\b\"c\"") == "a\\\\b\\0042c\\0042")
    #expect(PlotLabels.encoded("  lead") == "\\0040 lead")
    #expect(PlotLabels.encoded("x\"1") == "x\\00421")  // four octal digits: the 1 stays a 1
    // Scalar by scalar: a quote or backslash carrying a combining mark is still escaped.
    let combining = "a" + String(Unicode.Scalar(0x22)) + "\u{820}\\\u{301}b"
    let encoded = PlotLabels.encoded(combining)
    #expect(!encoded.unicodeScalars.contains("\""))
    #expect(GnuplotReaderModel.field(encoded) == combining)
    for name in HostileNames.features(canary: "/tmp/PWNED") + [HostileNames.path(canary: "PWNED")] {
      let text = DisplayText.escaped(name, limit: PlotLabels.lengthLimit)
      #expect(!text.contains("\t") && !text.contains("\n") && !text.contains("\r"))
      #expect(GnuplotReaderModel.field(PlotLabels.encoded(text)) == text, "\(name)")
    }
  }

  @Test(
    "gnuplot reads every label back exactly and runs nothing",
    .enabled(if: Gnuplot.executable != nil, "gnuplot is not installed (CI installs gnuplot-nox)"))
  func gnuplotReadsLabels() throws {
    let folder = temporaryFolder("report")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("plots"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let canary = folder.appendingPathComponent("PWNED").path
    let input = ReportFixtures.renamed(
      try ReportFixtures.pattern(rows: 10, columns: 2),
      features: Array(HostileNames.features(canary: canary).prefix(2)), path: HostileNames.path(canary: canary))
    let report = SweepReport(
      input: input, result: try ReportFixtures.sweep(input, kMax: 2), loadSeconds: 0, rendering: .rendered)
    let labels = PlotLabels(report: report)
    try labels.file.write(to: folder.appendingPathComponent(PlotLabels.path), atomically: true, encoding: .utf8)
    // The scripts' own reading commands, then each variable printed to a file.
    var script = "m = 'touch \(canary)7'\n" + GnuplotScript.readLabels(PlotLabels.Key.allCases)
    script += "set print 'plots/read.txt'\n"
    for key in PlotLabels.Key.allCases { script += "print \(key.rawValue)\n" }
    try script.write(to: folder.appendingPathComponent("plots/read.gp"), atomically: true, encoding: .utf8)
    try Gnuplot.render(["read"], in: folder)
    let read = try String(contentsOf: folder.appendingPathComponent("plots/read.txt"), encoding: .utf8)
    #expect(read == labels.entries.map { $0.text + "\n" }.joined())
    #expect(labels.entries.map(\.key) == [.dataName, .xName, .yName, .headline])
    let made = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(made == ["plots"], "a command ran: \(made)")
  }
}

/// How gnuplot 5.4 reads the second tab-separated field of a line as text (df_tokenise,
/// df_parse_string_field, parse_esc): spaces skipped at its start, cut at the first `"`,
/// then `\\` and octal escapes decoded.
enum GnuplotReaderModel {
  static func field(_ raw: String) -> String {
    var bytes = Array(raw.utf8.drop { $0 == 0x20 })
    if let quote = bytes.firstIndex(of: 0x22) { bytes = Array(bytes[..<quote]) }
    var out = [UInt8]()
    var i = 0
    while i < bytes.count {
      guard bytes[i] == 0x5C, i + 1 < bytes.count else {
        if bytes[i] != 0x5C { out.append(bytes[i]) }
        i += 1
        continue
      }
      let next = bytes[i + 1]
      switch next {
      case 0x5C:
        out.append(0x5C)
        i += 2
      case 0x6E:
        out.append(0x0A)
        i += 2
      case 0x72:
        out.append(0x0D)
        i += 2
      case 0x74:
        out.append(0x09)
        i += 2
      case 0x22:
        out.append(0x22)
        i += 2
      case 0x30...0x37:
        let width = next == 0x30 ? 4 : 3
        var value = 0
        var j = i + 1
        while j < bytes.count, j < i + 1 + width, (0x30...0x37).contains(bytes[j]) {
          value = value * 8 + Int(bytes[j] - 0x30)
          j += 1
        }
        out.append(UInt8(truncatingIfNeeded: value))
        i = j
      default: i += 1  // the backslash is dropped, the character kept
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
