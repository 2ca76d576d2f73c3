import Foundation
import KSelectTestSupport

@testable import KSelect

/// Reads the peer fixtures under `Fixtures/`: CSV files whose leading `#` lines say where the
/// values came from and are skipped here.
enum Fixture {
  /// Relative agreement of two numbers: |a − b| ≤ tolerance · max(|a|, |b|).
  static func agrees(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), .leastNormalMagnitude)
  }

  /// A fixture file's location in the test bundle.
  static func url(_ name: String) throws -> URL {
    if let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) { return url }
    guard let base = Bundle.module.resourceURL else { throw FixtureError.missing(name) }
    let url = base.appendingPathComponent("Fixtures").appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError.missing(name) }
    return url
  }

  /// The rows of a simple CSV fixture (no quoted fields), keyed by the header's column names.
  static func rows(_ name: String) throws -> [[String: String]] {
    let text = try String(contentsOf: url(name), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
      .map(String.init).filter { !$0.hasPrefix("#") }
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
      throw FixtureError.malformed(name, "no header")
    }
    return try lines.dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard cells.count == header.count else { throw FixtureError.malformed(name, line) }
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }

  /// A space-separated list of numbers from one cell.
  static func numbers(_ cell: String?) throws -> [Double] {
    guard let cell else { throw FixtureError.malformed("cell", "missing") }
    return try cell.split(separator: " ").map { token in
      guard let value = Double(token) else { throw FixtureError.malformed("cell", String(token)) }
      return value
    }
  }

  /// One number from one cell, `nil` when the cell is empty (an undefined value).
  static func number(_ cell: String?) throws -> Double? {
    guard let cell else { throw FixtureError.malformed("cell", "missing") }
    if cell.isEmpty { return nil }
    guard let value = Double(cell) else { throw FixtureError.malformed("cell", cell) }
    return value
  }

  /// A numeric data file from the repository's `Data/` folder, loaded without the library's
  /// loader (only the named numeric columns).
  static func repositoryData(_ file: String, columns: [String]) throws -> Dataset {
    let text = try String(contentsOf: dataFile(file), encoding: .utf8)
    let lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    guard let header = lines.first else { throw FixtureError.malformed(file, "empty") }
    let indices = try columns.map { name in
      guard let index = header.firstIndex(of: name) else { throw FixtureError.malformed(file, "no column \(name)") }
      return index
    }
    let rows = try lines.dropFirst().map { cells in
      try indices.map { index in
        guard let value = Double(cells[index]) else { throw FixtureError.malformed(file, cells.joined(separator: ",")) }
        return value
      }
    }
    return Dataset(rows: rows, featureNames: columns)
  }

  /// The four numeric columns of `Data/iris.csv`, unscaled, as the peer fixtures used them.
  static func iris() throws -> Dataset {
    try repositoryData("iris.csv", columns: ["sepal_length", "sepal_width", "petal_length", "petal_width"])
  }
}

/// Why a fixture could not be read.
enum FixtureError: Error, CustomStringConvertible {
  case missing(String)
  case malformed(String, String)

  var description: String {
    switch self {
    case .missing(let name): return "fixture \(name) is not in the test bundle"
    case .malformed(let name, let detail): return "fixture \(name) is malformed: \(detail)"
    }
  }
}
