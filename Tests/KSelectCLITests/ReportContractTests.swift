import Foundation
import KSelectTestSupport
import Testing

/// Real reports against the contract: summary.json against `docs/summary.schema.json` (with
/// Python's `jsonschema`, Debian's python3-jsonschema, which `.ci/run` installs), the schema's
/// keys against the keys of a real summary.json, and every file, CSV column and JSON key of a
/// report against `docs/REPORTS.md`.
@Suite("reports against docs/summary.schema.json and docs/REPORTS.md")
struct ReportContractTests {
  static let schemaFile = repositoryRoot.appendingPathComponent("docs/summary.schema.json")
  static let contract = repositoryRoot.appendingPathComponent("docs/REPORTS.md")
  static let quick = ["--k-max", "4", "--restarts", "2", "--seed", "5", "--no-render", "--quiet"]

  /// Sweeps that exercise every optional part of summary.json: references and resamples (the
  /// default), none of them, sampled silhouettes with an id column and excluded columns, and a
  /// sweep starting above k = 1.
  static let sweeps: [[String]] = [
    ["--references", "3"],
    ["--references", "0", "--resamples", "0", "--stability-splits", "0"],
    [
      "--references", "3", "--resamples", "4", "--silhouette-sample", "60", "--id-column", "species",
      "--exclude", "petal_width", "--all-k",
    ],
    ["--k-min", "2", "--references", "2", "--resamples", "3", "--seed", "18446744073709551615"],
  ]

  /// Runs a quick sweep of iris with `flags` into a fresh folder, which the caller removes.
  static func sweep(_ flags: [String]) throws -> URL {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("kselect-contract-\(UUID())")
    let iris = dataFile("iris.csv").path
    let run = try CLIRun.run(["sweep", iris, "--out", out.path] + quick + flags)
    #expect(run.status == 0, "\(run.stderr)")
    return out
  }

  /// The Python that checks a document against the schema: exit 0 when valid, else the errors.
  static let validatorScript = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
            failed = True
            print(path + ": " + "/".join(map(str, error.absolute_path)) + ": " + error.message)
    sys.exit(1 if failed else 0)
    """

  /// Whether `python3` with `jsonschema` can run. Absent locally, the validation is skipped
  /// with a message; under `KSELECT_REQUIRE_JSONSCHEMA=1` (`.ci/run` sets it) its absence fails.
  static let hasValidator: Bool = {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import jsonschema"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
  }()

  static var validatorRequired: Bool { ProcessInfo.processInfo.environment["KSELECT_REQUIRE_JSONSCHEMA"] == "1" }

  /// Validates the summary.json files against the schema; the errors, or nil when valid.
  static func schemaErrors(_ files: [URL]) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", validatorScript, schemaFile.path] + files.map(\.path)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : text
  }

  @Test(
    "summary.json of sweeps with and without references, resamples and stability, and of the example reports, is valid")
  func reportsMatchTheSchema() throws {
    guard Self.hasValidator else {
      #expect(!Self.validatorRequired, "KSELECT_REQUIRE_JSONSCHEMA=1 but python3 with jsonschema is missing")
      print("skipped: python3 with jsonschema is not installed (apt-get install python3-jsonschema)")
      return
    }
    let folders = try Self.sweeps.map(Self.sweep)
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    let examples = try FileManager.default.contentsOfDirectory(
      at: repositoryRoot.appendingPathComponent("Reports"), includingPropertiesForKeys: nil
    ).map { $0.appendingPathComponent("summary.json") }.filter { FileManager.default.fileExists(atPath: $0.path) }
    #expect(!examples.isEmpty)
    let files = folders.map { $0.appendingPathComponent("summary.json") } + examples
    let errors = try Self.schemaErrors(files)
    #expect(errors == nil, "\(errors ?? "")")
  }

  @Test("the schema rejects a summary.json with a key it does not list, or without schema_version")
  func schemaIsClosed() throws {
    guard Self.hasValidator else {
      #expect(!Self.validatorRequired, "KSELECT_REQUIRE_JSONSCHEMA=1 but python3 with jsonschema is missing")
      print("skipped: python3 with jsonschema is not installed (apt-get install python3-jsonschema)")
      return
    }
    let folder = try Self.sweep(["--references", "2", "--resamples", "0"])
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try #require(try Self.json(folder.appendingPathComponent("summary.json")) as? [String: Any])
    var extra = document
    var input = try #require(document["input"] as? [String: Any])
    input["unlisted"] = 1
    extra["input"] = input
    var unversioned = document
    unversioned.removeValue(forKey: "schema_version")
    for (name, broken) in [("extra", extra), ("unversioned", unversioned)] {
      let file = folder.appendingPathComponent("\(name).json")
      try JSONSerialization.data(withJSONObject: broken).write(to: file)
      #expect(try Self.schemaErrors([file]) != nil, "\(name)")
    }
  }

  @Test("every object the schema closes has exactly the keys of a real summary.json, and REPORTS.md names each")
  func schemaAndContractListEveryKey() throws {
    let schema = try #require(try Self.json(Self.schemaFile) as? [String: Any])
    let contract = try String(contentsOf: Self.contract, encoding: .utf8)
    var documented = Set<String>()
    for flags in [Self.sweeps[0], Self.sweeps[2]] {
      let folder = try Self.sweep(flags)
      defer { try? FileManager.default.removeItem(at: folder) }
      let document = try Self.json(folder.appendingPathComponent("summary.json"))
      Self.compare(document, schema, path: [], keys: &documented)
    }
    for path in documented {
      let key = path.split(separator: ".").map(String.init)
      let spelled = ["`\(path)`", "`\(path).", "`.\(key.last!)`"] + (key.count > 2 ? ["`\(key.last!)`"] : [])
      #expect(spelled.contains { contract.contains($0) }, "docs/REPORTS.md does not list summary.json's \(path)")
    }
  }

  @Test("docs/REPORTS.md names every file of a report and every column of its CSV files")
  func contractListsEveryFileAndColumn() throws {
    let folder = try Self.sweep(Self.sweeps[2])
    defer { try? FileManager.default.removeItem(at: folder) }
    let contract = try String(contentsOf: Self.contract, encoding: .utf8)
    // The input's own names (features, the id column) are the data's, not the contract's.
    let inputColumns: Set<String> = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
    for case let url as URL in enumerator where !url.hasDirectoryPath {
      let relative = String(url.path.dropFirst(folder.path.count + 1))
      let pattern = relative.replacingOccurrences(of: #"^k=[0-9]+/"#, with: "k=<k>/", options: .regularExpression)
      let name = url.lastPathComponent
      let documented =
        relative.hasPrefix("plots/") && name.hasSuffix(".gp")
        ? contract.contains("`\(name)`") : contract.contains(pattern)
      #expect(documented, "docs/REPORTS.md does not list the file \(relative)")
      guard name.hasSuffix(".csv") else { continue }
      let header = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first ?? ""
      for column in header.split(separator: ",").map(String.init) where !inputColumns.contains(column) {
        #expect(contract.contains("`\(column)`"), "docs/REPORTS.md does not list \(relative)'s column \(column)")
      }
    }
  }

  static func json(_ url: URL) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
  }

  /// Checks that every object of `document` that `schema` describes with closed `properties`
  /// has exactly those keys, recursing into them; collects the dotted paths of the keys seen.
  static func compare(_ document: Any, _ schema: [String: Any], path: [String], keys: inout Set<String>) {
    let branches = (schema["oneOf"] as? [[String: Any]]) ?? [schema]
    guard let object = document as? [String: Any] else { return }
    for branch in branches {
      guard let properties = branch["properties"] as? [String: Any] else { continue }
      let location = path.isEmpty ? "the top level" : path.joined(separator: ".")
      if branch["additionalProperties"] as? Bool == false {
        #expect(Set(object.keys) == Set(properties.keys), "summary.json and the schema differ at \(location)")
      }
      for (key, value) in object {
        keys.insert((path + [key]).joined(separator: "."))
        if let sub = properties[key] as? [String: Any] { compare(value, sub, path: path + [key], keys: &keys) }
      }
    }
  }
}
