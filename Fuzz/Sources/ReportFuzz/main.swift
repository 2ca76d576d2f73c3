import CFuzzerDriver
import Foundation
import KSelect
import KSelectReports

// libFuzzer target for the report and script writers. The fuzzer supplies the text — the
// input's file name, the feature names, the id column's name and the ids — a few options and,
// when it asks for them, the values (otherwise a fixed pattern of two groups). Each input becomes
// a small CSV file, loaded as `kselect` loads one; whatever the loader accepts is swept and
// written as a full report into a temporary folder, which must keep these promises (a broken one
// traps):
// - every CSV file parses back, each row as wide as its header, no header repeating a name;
// - summary.json parses and lists the features as named;
// - no gnuplot script holds text from the data: the scripts are the same bytes as those of the
//   same numbers under plain names (f1, f2, …, data.csv);
// - report.html holds no markup from the data: as many `<` as the plainly named report's page;
// - plots/labels.tsv holds one tab-separated key and text per line, no control character, and
//   the text, read as gnuplot reads it, is the name as messages show it (possibly cut, with …),
//   and the headline as the sweep states it;
// - the marker lists exactly the report's files;
// - every 256th input (REPORT_FUZZ_DRAW_EVERY), gnuplot draws the scripts that show names
//   (clusters, overview) with no word on standard error, and nothing named PWNED appears (the
//   dictionary offers commands that would create one).

/// The fuzzer's bytes as the parts of an input: after a first byte of options (bits 0–1 the
/// dimension, 2 ids, 3 `--all-k`, 4–5 the scaling, 6 values from the fuzzer), 0xFF (never part
/// of UTF-8) separates the fields `path, name1 … name_d[, id column, id1 … id8][, values]`.
/// The values field holds numbers separated by spaces, row by row; a token that is not a finite
/// number, or a missing one, keeps the pattern's value.
struct FuzzInput {
  var dimension = 1
  var hasIds = false
  var everyK = false
  var scaling = Scaling.none
  var fuzzedValues = false
  var fields: [[UInt8]] = []

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let options = bytes.first else { return }
    dimension = 1 + Int(options & 3) % 3
    hasIds = options & 4 != 0
    everyK = options & 8 != 0
    scaling = Scaling.allCases[Int((options >> 4) & 3) % Scaling.allCases.count]
    fuzzedValues = options & 64 != 0
    fields = bytes.dropFirst().split(separator: 0xFF, omittingEmptySubsequences: false).map(Array.init)
  }

  func field(_ index: Int, default value: String) -> [UInt8] {
    index < fields.count ? fields[index] : Array(value.utf8)
  }

  static let rows = 8

  /// The values, row by row: the pattern (two groups of four rows), with the fuzzer's numbers
  /// in place where it gives them.
  func values() -> [Double] {
    var values = (0..<Self.rows * dimension).map { index in
      let (i, j) = index.quotientAndRemainder(dividingBy: dimension)
      return Double(i % 2) * 5 + Double((i * 7 + j * 3) % 11) / 10
    }
    guard fuzzedValues else { return values }
    let tokens = field(1 + dimension + (hasIds ? 1 + Self.rows : 0), default: "").split(separator: 0x20)
    for (index, token) in tokens.prefix(values.count).enumerated() {
      if let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite { values[index] = value }
    }
    return values
  }

  /// The CSV file: quoted names, then the rows.
  func csv() -> (path: String, data: Data) {
    func quoted(_ bytes: [UInt8]) -> [UInt8] {
      [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }
    var names = (0..<dimension).map { field(1 + $0, default: "f\($0 + 1)") }
    if hasIds { names.append(field(1 + dimension, default: "id")) }
    var out = names.map(quoted).joined(separator: [0x2C]).map { $0 }
    out.append(0x0A)
    let values = values()
    for i in 0..<Self.rows {
      var cells = (0..<dimension).map { j in Array("\(values[i * dimension + j])".utf8) }
      if hasIds { cells.append(quoted(field(2 + dimension + i, default: "r\(i + 1)"))) }
      out += cells.joined(separator: [0x2C])
      out.append(0x0A)
    }
    return (String(decoding: field(0, default: "data.csv"), as: UTF8.self), Data(out))
  }
}

/// Traps with `message` unless `condition` holds (`precondition` drops its message in release
/// builds, and the fuzzer is built for release).
func ensure(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}

/// A strict RFC 4180 reader for the report's own files (`\n` ends records; quoted fields may
/// hold anything).
func parseCSV(_ text: String) -> [[String]] {
  var records = [[String]]()
  var record = [String]()
  var field = ""
  var quoted = false
  var iterator = Array(text.unicodeScalars).makeIterator()
  var pending: Unicode.Scalar? = nil
  while let scalar = pending ?? iterator.next() {
    pending = nil
    if quoted {
      if scalar == "\"" {
        if let next = iterator.next() {
          if next == "\"" {
            field.unicodeScalars.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(scalar)
      }
      continue
    }
    switch scalar {
    case "\"":
      ensure(field.isEmpty, "a quote inside an unquoted field")
      quoted = true
    case ",":
      record.append(field)
      field = ""
    case "\n":
      record.append(field)
      records.append(record)
      record = []
      field = ""
    default:
      field.unicodeScalars.append(scalar)
    }
  }
  ensure(!quoted && record.isEmpty && field.isEmpty, "the file does not end with a complete record")
  return records
}

/// The second tab-separated field of a labels.tsv line as gnuplot 5.4 reads text: spaces
/// skipped at its start, cut at the first `"`, backslash and octal escapes decoded.
func gnuplotText(_ raw: Substring) -> String {
  var bytes = Array(raw.utf8.drop { $0 == 0x20 })
  if let quote = bytes.firstIndex(of: 0x22) { bytes = Array(bytes[..<quote]) }
  var out = [UInt8]()
  var i = 0
  while i < bytes.count {
    guard bytes[i] == 0x5C else {
      out.append(bytes[i])
      i += 1
      continue
    }
    guard i + 1 < bytes.count else { break }
    let next = bytes[i + 1]
    switch next {
    case 0x5C: out.append(0x5C)
    case 0x6E: out.append(0x0A)
    case 0x72: out.append(0x0D)
    case 0x74: out.append(0x09)
    case 0x22: out.append(0x22)
    case 0x30...0x37:
      var value = 0
      var j = i + 1
      while j < bytes.count, j < i + 1 + (next == 0x30 ? 4 : 3), (0x30...0x37).contains(bytes[j]) {
        value = value * 8 + Int(bytes[j] - 0x30)
        j += 1
      }
      out.append(UInt8(truncatingIfNeeded: value))
      i = j
      continue
    default: out.append(next)
    }
    i += 2
  }
  return String(decoding: out, as: UTF8.self)
}

/// Whether `shown` is how a figure shows `name`: escaped, possibly cut with `…`.
func showsName(_ shown: String, _ name: String) -> Bool {
  let full = DisplayText.escaped(name)
  return shown == full || (shown.hasSuffix("…") && full.hasPrefix(shown.dropLast()) && shown.count > 1)
}

/// Traps unless the label `key` shows `name`, printing both as scalar values.
func expectShown(_ shown: String?, _ name: String, _ key: String) {
  let scalars = { (text: String) in text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
  ensure(
    showsName(shown ?? "", name),
    "\(key) shows [\(scalars(shown ?? "<missing>"))] for [\(scalars(DisplayText.escaped(name)))]")
}

/// The same numbers under plain names.
func plainlyNamed(_ input: ClusteringInput) -> ClusteringInput {
  var loaded = input.loaded
  let data = loaded.dataset
  loaded.dataset = Dataset(
    rowCount: data.rowCount, columnCount: data.columnCount, values: data.values,
    featureNames: (0..<data.columnCount).map { "f\($0 + 1)" })
  loaded.path = "data.csv"
  if loaded.idColumn != nil {
    loaded.idColumn = "id"
    loaded.ids = loaded.ids?.indices.map { "r\($0)" }
  }
  return ClusteringInput(loaded: loaded, scaling: input.scaler.scaling)
}

let workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-report-fuzz-\(getpid())")
nonisolated(unsafe) var executions = 0
/// How often gnuplot draws (REPORT_FUZZ_DRAW_EVERY=1 replays a crash input with drawing).
let drawEvery = Int(ProcessInfo.processInfo.environment["REPORT_FUZZ_DRAW_EVERY"] ?? "") ?? 256

func check(_ report: SweepReport, in target: URL) throws {
  let folder = try ReportFolder(target: target)
  try report.write(into: folder)
  executions += 1
  let draws = executions % drawEvery == 0 && Gnuplot.executable != nil
  try ReportPublisher(folder).publish(drawing: draws ? ["clusters", "overview"] : [])

  let files = Set(
    (FileManager.default.subpaths(atPath: target.path) ?? []).filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: target.appendingPathComponent($0).path, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    })
  ensure(!files.contains { $0.contains("PWNED") }, "a command ran: \(files.sorted())")
  for file in files where file.hasSuffix(".csv") {
    let records = parseCSV(try String(contentsOf: target.appendingPathComponent(file), encoding: .utf8))
    let header = records.first ?? []
    ensure(!header.isEmpty, "\(file) has no header")
    ensure(Set(header).count == header.count, "\(file) repeats a column name: \(header)")
    ensure(records.allSatisfy { $0.count == header.count }, "\(file) has a row of another width")
  }
  let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: target.appendingPathComponent("summary.json")))
  let features = ((summary as? [String: Any])?["input"] as? [String: Any])?["features"] as? [String]
  ensure(features == report.input.loaded.dataset.featureNames, "summary.json features: \(features ?? [])")

  let labels = try String(contentsOf: target.appendingPathComponent("plots/labels.tsv"), encoding: .utf8)
  var shown = [String: String]()
  for line in labels.split(separator: "\n") where !line.hasPrefix("#") {
    ensure(!line.unicodeScalars.contains { DisplayText.isControl($0) && $0 != "\t" }, "control in \(line)")
    let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
    ensure(parts.count == 2, "labels.tsv line \(line)")
    shown[String(parts[0])] = gnuplotText(parts[1])
  }
  let names = report.input.loaded.dataset.featureNames
  let dataName = URL(fileURLWithPath: report.input.loaded.path).deletingPathExtension().lastPathComponent
  expectShown(shown["data_name"], dataName, "data_name")
  if names.count <= 2 { expectShown(shown["x_name"], names[0], "x_name") }
  if names.count == 2 { expectShown(shown["y_name"], names[1], "y_name") }
  ensure(shown["headline"] == report.result.headline, "headline shows \(shown["headline"] ?? "<missing>")")

  let marker = try String(contentsOf: target.appendingPathComponent(".kselect-report"), encoding: .utf8)
  let listed = Set(
    marker.split(separator: "\n").filter { !$0.hasPrefix("#") && $0 != "kselect report" }.map(String.init))
  ensure(listed == files.subtracting([".kselect-report"]), "the marker does not list the files")

  let plain = SweepReport(
    input: plainlyNamed(report.input), result: report.result, loadSeconds: 0, rendering: report.rendering,
    includesEveryK: report.includesEveryK)
  let scripts = { (files: [(path: String, contents: String)]) in
    files.filter { $0.path.hasSuffix(".gp") }.map(\.contents)
  }
  let (reportFiles, plainFiles) = (try report.files(), try plain.files())
  ensure(scripts(reportFiles) == scripts(plainFiles), "a script holds text from the data")
  let markup = { (files: [(path: String, contents: String)]) in
    files.first { $0.path == "report.html" }.map { $0.contents.filter { $0 == "<" }.count } ?? -1
  }
  ensure(markup(reportFiles) == markup(plainFiles), "report.html holds markup from the data")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let bytes else { return 0 }
  let input = FuzzInput(UnsafeBufferPointer(start: bytes, count: size))
  let (path, data) = input.csv()
  let target = workFolder.appendingPathComponent("report")
  defer { try? FileManager.default.removeItem(at: workFolder) }
  do {
    let idColumn = input.hasIds ? String(decoding: input.field(1 + input.dimension, default: "id"), as: UTF8.self) : nil
    let loaded = try DataLoader.load(data: data, path: path, options: LoadOptions(idColumn: idColumn))
    let clustering = ClusteringInput(loaded: loaded, scaling: input.scaling)
    let options = SweepOptions(
      kMin: 1, kMax: 3, fit: KMeansOptions(restarts: 1, seed: 1, parallelism: .serial),
      references: 2, resamples: 3, stabilitySplits: 2, stabilityRestarts: 1)
    let result = try Sweep.run(clustering, options: options)
    let report = SweepReport(
      input: clustering, result: result, loadSeconds: 0, rendering: .notRendered(reason: "fuzzing"),
      includesEveryK: input.everyK)
    try check(report, in: target)
  } catch is KSelectError {
    // The loader refused the names (not UTF-8, empty, repeated…): a clean refusal.
  } catch {
    fatalError("unexpected error: \(error)")
  }
  return 0
}

// The entry point: libFuzzer parses its own flags (-max_total_time=…, corpus folders) from argv.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
