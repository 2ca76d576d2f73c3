import Foundation
import KSelect
import KSelectTestSupport
import Testing

@testable import KSelectReports

/// Names that would be markup or script if report.html pasted them.
private let hostileFeatures = ["<script>alert(1)</script>", "a\"b' onload=\"alert(2)\" <!-- --> &amp;"]
private let hostilePath = "<img src=x onerror=alert(3)>.csv"

@Suite("report.html")
struct ReportHTMLTests {
  @Test("text from the data is escaped: no markup, no script, no forged figure slot")
  func escaping() throws {
    #expect(HTMLText.escaped("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    let input = ReportFixtures.renamed(try ReportFixtures.blobs(), features: hostileFeatures, path: hostilePath)
    let report = SweepReport(
      input: input, result: try ReportFixtures.sweep(input, kMax: 3), loadSeconds: 0,
      rendering: .notRendered(reason: "test"))
    let page = try #require(try report.files().first { $0.path == ReportHTML.path }?.contents)
    #expect(!page.lowercased().contains("<script"))
    #expect(!page.contains("<img"))
    #expect(!page.contains("onload=\""))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(page.contains("&lt;img src=x onerror=alert(3)&gt;"))
    // The page's only comments are kselect's figure slots, one per figure.
    #expect(page.components(separatedBy: "<!--").count - 1 == 2 * report.panels.count)
    #expect(!page.contains("http://") && !page.contains("https://"))
  }

  @Test("slots are filled from the drawn images; a format given replaces each slot's own")
  func slots() {
    let page = "a" + HTMLFigureSlots.slot(name: "elbow", format: .png, placeholder: "<p>none</p>") + "b"
    let png = Data([0x89, 0x50, 0x4E, 0x47])
    let svg = Data("<?xml version=\"1.0\"?>\n<svg id=\"gnuplot_canvas\"><use xlink:href='#gpPt1'/></svg>".utf8)
    let images = ["plots/elbow.png": png, "plots/elbow.svg": svg]
    let filled = HTMLFigureSlots.filled(page, format: nil, image: { images[$0] })
    #expect(filled.contains("src=\"data:image/png;base64,\(png.base64EncodedString())\""))
    #expect(!filled.contains("<p>none</p>"))
    let asSVG = HTMLFigureSlots.filled(filled, format: .svg, image: { images[$0] })
    #expect(asSVG.contains("<svg id=\"kselect_elbow_canvas\"><use xlink:href='#kselect_elbow_gpPt1'/></svg>"))
    #expect(!asSVG.contains("<?xml") && !asSVG.contains("base64"))
    #expect(asSVG.hasPrefix("a<!-- kselect-figure elbow svg -->") && asSVG.hasSuffix("<!-- /kselect-figure -->\nb"))
    // A missing image keeps the slot as it is.
    #expect(HTMLFigureSlots.filled(page, format: nil, image: { _ in nil }) == page)
    // An SVG with a script or an event handler is shown as an image, where a browser runs
    // nothing; the same words as text are inlined.
    for hostile in ["<svg><script>alert(1)</script></svg>", "<svg><g onload=\"alert(1)\"/></svg>"] {
      let safe = HTMLFigureSlots.filled(page, format: .svg, image: { _ in Data(hostile.utf8) })
      #expect(safe.contains("<img alt=\"elbow figure\" src=\"data:image/svg+xml;base64,"))
      #expect(!safe.contains("alert"))
    }
    let text = "<svg><text>a onload=\"alert(1)\" &lt;script></text></svg>"
    #expect(HTMLFigureSlots.filled(page, format: .svg, image: { _ in Data(text.utf8) }).contains(text))
  }
}

/// A headless Chromium, when installed (`chromium` or `chromium-browser` on PATH).
private let chromium: URL? = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for folder in path.split(separator: ":") {
    for name in ["chromium", "chromium-browser"] {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
  }
  return nil
}()

@Test(
  "CI has the browser: with KSELECT_REQUIRE_BROWSER a missing chromium fails instead of skipping",
  .enabled(
    if: ProcessInfo.processInfo.environment["KSELECT_REQUIRE_BROWSER"] != nil,
    "KSELECT_REQUIRE_BROWSER is not set (.ci/run sets it)"))
func browserPresentWhenRequired() {
  #expect(chromium != nil, "chromium is not on PATH (Debian: apt-get install chromium)")
}

@Suite(
  "report.html in a real browser",
  .serialized,
  .enabled(
    if: chromium != nil && Gnuplot.executable != nil,
    "chromium or gnuplot is not installed (Debian: apt-get install chromium gnuplot-nox; .ci/run installs both)"))
struct ReportHTMLBrowserTests {
  /// Runs headless Chromium on `page` with `arguments`, in a fresh profile; returns its standard
  /// output. At most two minutes. (The page holds no script, which the tests check; Chromium's
  /// `--dump-dom` itself needs scripting enabled.)
  private func browse(_ page: URL, _ arguments: [String]) throws -> String {
    let profile = temporaryFolder("chromium-profile")
    defer { try? FileManager.default.removeItem(at: profile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments =
      [
        "120", try #require(chromium).path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=\(profile.path)",
      ] + arguments + [page.absoluteString]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
    return String(decoding: data, as: UTF8.self)
  }

  /// A drawn report of hostile names in `format`.
  private func report(_ format: PlotFormat) throws -> (URL, SweepReport) {
    let input = ReportFixtures.renamed(try ReportFixtures.blobs(), features: hostileFeatures, path: hostilePath)
    let report = SweepReport(
      input: input, result: try ReportFixtures.sweep(input, kMax: 4), loadSeconds: 0, format: format,
      rendering: .rendered)
    return (try ReportFixtures.write(report, render: true), report)
  }

  private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test(
    "the browser's DOM holds every table and figure, the names as text and no script", arguments: PlotFormat.allCases)
  func dom(format: PlotFormat) throws {
    let (folder, report) = try self.report(format)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent(ReportHTML.path)
    let source = try String(contentsOf: page, encoding: .utf8)
    #expect(!source.lowercased().contains("<script"))
    let dom = try browse(page, ["--dump-dom"])
    #expect(dom.contains("<main>"), "the page did not load")
    #expect(count("<table", in: dom) == 5)  // frequencies, criteria, metrics, input, parameters
    #expect(count("<figure>", in: dom) == report.panels.count)
    switch format {
    case .svg:
      #expect(count("<svg", in: dom) == report.panels.count)
      #expect(count("<text", in: dom) > 50)
    case .png:
      #expect(count("src=\"data:image/png;base64,", in: dom) == report.panels.count)
    }
    #expect(!dom.contains("class=\"missing\""))
    #expect(!dom.lowercased().contains("<script"))
    #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!dom.contains("<img src=\"x\"") && !dom.contains("<img src=x"))
  }

  @Test("the screenshot shows the page")
  func screenshot() throws {
    let (folder, _) = try report(.svg)
    defer { try? FileManager.default.removeItem(at: folder) }
    let shot = folder.appendingPathComponent("shot.png")
    _ = try browse(
      folder.appendingPathComponent(ReportHTML.path), ["--screenshot=\(shot.path)", "--window-size=1200,4000"])
    let blank = folder.appendingPathComponent("blank.html")
    try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
    let blankShot = folder.appendingPathComponent("blank.png")
    _ = try browse(blank, ["--screenshot=\(blankShot.path)", "--window-size=1200,4000"])
    let size = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }
    // A white page compresses to a few kilobytes; text, tables and figures take many times that.
    #expect(size(blankShot) > 0)
    #expect(size(shot) > 5 * size(blankShot), "screenshot \(size(shot)) bytes, a blank page \(size(blankShot))")
  }
}
