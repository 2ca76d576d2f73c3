import Foundation

/// How to turn a delimited text file into a `Dataset`.
public struct LoadOptions: Sendable, Equatable {
  /// The feature columns, by header name; `nil` selects every numeric column.
  public var columns: [String]?
  /// A column carried to every per-row output as the row's identifier; never a feature.
  public var idColumn: String?
  /// Drop rows whose feature cells are missing or non-numeric instead of failing.
  public var dropIncomplete: Bool
  /// The field separator; `nil` detects comma, semicolon or tab from the header.
  public var delimiter: Character?

  /// Creates options; the defaults select every numeric column and fail on incomplete rows.
  public init(
    columns: [String]? = nil, idColumn: String? = nil, dropIncomplete: Bool = false,
    delimiter: Character? = nil
  ) {
    self.columns = columns
    self.idColumn = idColumn
    self.dropIncomplete = dropIncomplete
    self.delimiter = delimiter
  }
}

/// A loaded input: the numeric data and everything needed to trace rows back to the file.
public struct LoadedData: Sendable {
  /// The input's path as given.
  public var path: String
  /// The feature matrix, unscaled, in the input's units.
  public var dataset: Dataset
  /// For every kept row, its 1-based row number in the input (header excluded).
  public var sourceRows: [Int]
  /// The identifier column's name, when one was named.
  public var idColumn: String?
  /// The identifier of every kept row, when an id column was named.
  public var ids: [String]?
  /// The input rows (1-based, header excluded) dropped because of missing or non-numeric values.
  public var droppedRows: [Int]
  /// Columns left out of the features because they are not numeric (and were not selected).
  public var excludedColumns: [String]
}

/// Reads delimited text files into `LoadedData`.
///
/// A column is numeric when more than half of its non-empty cells read as numbers (NaN and
/// infinity text count as numeric-looking, so that they are reported rather than silently
/// turning the column into text). In a feature column every cell must then hold a finite number
/// of magnitude at most 1e100 (larger ones overflow the sums of squares clustering needs).
public enum DataLoader {
  /// Loads the file at `path`.
  /// - Throws: `KSelectError.unreadableInput` when the file cannot be read, `badData` naming
  ///   file, line and column for a cell or record that is wrong, and `unusableData` when the
  ///   file as a whole holds no usable data.
  public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> LoadedData {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw KSelectError.unreadableInput(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw KSelectError.unreadableInput(path: path, reason: "it is a directory, not a file")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw KSelectError.unreadableInput(path: path, reason: "permission denied or I/O error")
    }
    return try load(data: data, path: path, options: options)
  }

  /// Loads delimited text held in memory; `path` names it in messages.
  public static func load(data: Data, path: String, options: LoadOptions = LoadOptions()) throws -> LoadedData {
    try data.withUnsafeBytes { raw in
      try load(bytes: raw.bindMemory(to: UInt8.self), path: path, options: options)
    }
  }

  private static func load(
    bytes: UnsafeBufferPointer<UInt8>, path: String, options: LoadOptions
  ) throws -> LoadedData {
    let delimiter: UInt8
    if let given = options.delimiter {
      guard let ascii = given.asciiValue else {
        throw KSelectError.invalidParameter("the delimiter must be one ASCII character")
      }
      delimiter = ascii
    } else {
      delimiter = CSVTokenizer.detectDelimiter(in: bytes)
    }
    let tokenizer = CSVTokenizer(path: path, delimiter: delimiter)
    var table: ColumnTable? = nil
    try tokenizer.forEachRecord(in: bytes) { record in
      if table == nil {
        table = try ColumnTable(header: record, path: path, idColumn: options.idColumn)
      } else {
        try table!.append(record)
      }
    }
    guard let table else {
      throw KSelectError.unusableData(path: path, message: "the file is empty (expected a header row)")
    }
    guard table.rowCount > 0 else {
      throw KSelectError.unusableData(path: path, message: "the file has a header but no data rows")
    }
    return try table.makeLoadedData(options: options)
  }
}

/// The cells of a file read column by column, as numbers where they are numbers.
private struct ColumnTable {
  let path: String
  let names: [String]
  let idIndex: Int?
  /// `cells[j][i]`: column j, row i; `nil` where the cell is not a finite number.
  var cells: [[Double?]]
  /// Per column: how many cells were numeric-looking and how many were text.
  var numericCounts: [Int]
  var textCounts: [Int]
  /// The physical line of every data row.
  var lines: [Int] = []
  /// The raw text of every cell that is not a finite number, keyed by (column, row).
  var rejected: [Int: [Int: (CellValue, String)]] = [:]
  var ids: [String] = []

  var rowCount: Int { lines.count }

  init(header: CSVTokenizer.Record, path: String, idColumn: String?) throws {
    self.path = path
    for j in 0..<header.count {
      guard let invalid = header.invalidUTF8(j) else { continue }
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: header.line, column: j + 1),
        message: Self.notUTF8("the column name '\(header.displayText(j, limit: 40))'", invalid))
    }
    names = (0..<header.count).map { header.text($0) }
    for (j, name) in names.enumerated() where name.isEmpty {
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: header.line, column: j + 1),
        message: "empty column name in the header")
    }
    var seen = [String: Int]()
    for (j, name) in names.enumerated() {
      if let first = seen[name] {
        throw KSelectError.badData(
          location: SourceLocation(path: path, line: header.line, column: j + 1),
          message: "duplicate column name '\(DisplayText.escaped(name))' (also column \(first + 1))")
      }
      seen[name] = j
    }
    if let idColumn {
      guard let index = seen[idColumn] else {
        throw KSelectError.invalidParameter(
          "--id-column '\(DisplayText.escaped(idColumn))' is not a column of \(DisplayText.escaped(path)); "
            + "its columns are: \(Self.list(names))")
      }
      idIndex = index
    } else {
      idIndex = nil
    }
    cells = Array(repeating: [], count: names.count)
    numericCounts = Array(repeating: 0, count: names.count)
    textCounts = Array(repeating: 0, count: names.count)
  }

  mutating func append(_ record: CSVTokenizer.Record) throws {
    guard record.count == names.count else {
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: record.line, column: min(record.count, names.count) + 1),
        message: "ragged row: \(record.count) fields where the header has \(names.count)")
    }
    let row = lines.count
    lines.append(record.line)
    for j in 0..<names.count {
      if j == idIndex {
        if let invalid = record.invalidUTF8(j) {
          throw KSelectError.badData(
            location: SourceLocation(path: path, line: record.line, column: j + 1),
            message: Self.notUTF8(
              "the id '\(record.displayText(j, limit: 40))' in column '\(DisplayText.escaped(names[j]))'", invalid))
        }
        ids.append(record.text(j))
        cells[j].append(nil)
        continue
      }
      let value = CellValue.parse(record.trimmedField(j))
      switch value {
      case .number(let x):
        cells[j].append(x)
        numericCounts[j] += 1
      case .nonFinite, .outOfRange, .tooLarge:
        cells[j].append(nil)
        numericCounts[j] += 1
        rejected[j, default: [:]][row] = (value, record.displayText(j, limit: 40))
      case .text:
        cells[j].append(nil)
        textCounts[j] += 1
        rejected[j, default: [:]][row] = (value, record.displayText(j, limit: 40))
      case .empty:
        cells[j].append(nil)
        rejected[j, default: [:]][row] = (value, "")
      }
    }
  }

  func makeLoadedData(options: LoadOptions) throws -> LoadedData {
    let featureIndices = try selectFeatures(options.columns)
    let excluded = names.indices.filter { !featureIndices.contains($0) && $0 != idIndex }.map { names[$0] }

    var badRows = Set<Int>()
    // The first offending cell in reading order (row, then column), not the first column's.
    var first: (row: Int, column: Int)? = nil
    for j in featureIndices.sorted() {
      guard let bad = rejected[j], let row = bad.keys.min() else { continue }
      if first == nil || row < first!.row { first = (row, j) }
      badRows.formUnion(bad.keys)
    }
    if !options.dropIncomplete, let (row, j) = first {
      let (kind, text) = rejected[j]![row]!
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: lines[row], column: j + 1),
        message: Self.describe(kind, text: text, column: names[j]))
    }
    let kept = (0..<rowCount).filter { !badRows.contains($0) }
    guard !kept.isEmpty else {
      throw KSelectError.unusableData(
        path: path, message: "every row has a missing or non-numeric feature value; no row is left")
    }
    var values = [Double]()
    values.reserveCapacity(kept.count * featureIndices.count)
    for i in kept {
      for j in featureIndices { values.append(cells[j][i]!) }
    }
    let dataset = Dataset(
      rowCount: kept.count, columnCount: featureIndices.count, values: values,
      featureNames: featureIndices.map { names[$0] })
    return LoadedData(
      path: path, dataset: dataset, sourceRows: kept.map { $0 + 1 },
      idColumn: idIndex.map { names[$0] }, ids: idIndex == nil ? nil : kept.map { ids[$0] },
      droppedRows: badRows.sorted().map { $0 + 1 }, excludedColumns: excluded)
  }

  private func selectFeatures(_ requested: [String]?) throws -> [Int] {
    if let requested {
      guard !requested.isEmpty else { throw KSelectError.invalidParameter("--columns names no column") }
      if let twice = requested.indices.first(where: { requested[..<$0].contains(requested[$0]) }) {
        throw KSelectError.invalidParameter("--columns names '\(DisplayText.escaped(requested[twice]))' twice")
      }
      return try requested.map { name in
        guard let j = names.firstIndex(of: name) else {
          throw KSelectError.invalidParameter(
            "--columns: '\(DisplayText.escaped(name))' is not a column of \(DisplayText.escaped(path)); "
              + "its columns are: \(Self.list(names))")
        }
        guard j != idIndex else {
          throw KSelectError.invalidParameter(
            "--columns: '\(DisplayText.escaped(name))' is the id column and cannot be a feature")
        }
        return j
      }
    }
    let numeric = names.indices.filter { j in
      j != idIndex && numericCounts[j] > 0 && numericCounts[j] > textCounts[j]
    }
    guard !numeric.isEmpty else {
      throw KSelectError.unusableData(
        path: path, message: "no numeric column found (columns: \(Self.list(names)))")
    }
    return numeric
  }

  /// Why a cell was refused; `shown` is the cell as `Record.displayText` shows it.
  private static func describe(_ kind: CellValue, text shown: String, column name: String) -> String {
    let column = DisplayText.escaped(name)
    switch kind {
    case .empty: return "missing value in feature column '\(column)' (use --drop-incomplete to drop such rows)"
    case .nonFinite: return "'\(shown)' in feature column '\(column)' is not a finite number"
    case .outOfRange: return "'\(shown)' in feature column '\(column)' is outside the range of a double"
    case .tooLarge:
      return "'\(shown)' in feature column '\(column)' is too large to cluster "
        + "(magnitudes up to 1e100 are supported: rescale the column, or use --drop-incomplete to drop such rows)"
    default: return "'\(shown)' in feature column '\(column)' is not a number (use --drop-incomplete to drop such rows)"
    }
  }

  /// Column names for a message, escaped and comma-separated.
  private static func list(_ names: [String]) -> String {
    names.map { DisplayText.escaped($0) }.joined(separator: ", ")
  }

  /// The message for text that is not UTF-8: what holds it, the byte and where it is.
  private static func notUTF8(_ what: String, _ invalid: (offset: Int, byte: UInt8)) -> String {
    let byte = String(invalid.byte, radix: 16, uppercase: true)
    return "\(what) is not UTF-8 text (byte 0x\(byte) at byte \(invalid.offset + 1)); kselect reads UTF-8: "
      + "convert the file first (from Latin-1, say: iconv -f latin1 -t utf-8 FILE > FILE.utf8.csv)"
  }
}
