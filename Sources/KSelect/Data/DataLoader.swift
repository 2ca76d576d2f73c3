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
  /// Columns never clustered, by header name, numeric or not: taken out of `columns`' selection
  /// (or of every numeric column's). A name that is no column, the id column, or also in
  /// `columns` is refused.
  public var excludedColumns: [String]
  /// A column of known class labels (any text), kept for external validation; never a feature.
  public var labelColumn: String? = nil

  /// Creates options; the defaults select every numeric column and fail on incomplete rows.
  public init(
    columns: [String]? = nil, idColumn: String? = nil, dropIncomplete: Bool = false,
    delimiter: Character? = nil, excludedColumns: [String] = []
  ) {
    self.columns = columns
    self.idColumn = idColumn
    self.dropIncomplete = dropIncomplete
    self.delimiter = delimiter
    self.excludedColumns = excludedColumns
  }
}

/// A column of the input that is neither a feature nor the id column, and why.
public struct ExcludedColumn: Sendable, Equatable {
  /// Why a column was left out of the features.
  public enum Reason: Sendable, Equatable {
    /// Not numeric (most of its non-empty cells are text, or it has none), and features were
    /// not named.
    case notNumeric
    /// Features were named (`LoadOptions.columns`) and this column was not.
    case notSelected
    /// Named by `LoadOptions.excludedColumns`.
    case excluded
  }

  /// The column's header name.
  public var name: String
  /// Why it was left out.
  public var reason: Reason

  /// Creates an entry.
  public init(name: String, reason: Reason) {
    self.name = name
    self.reason = reason
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
  /// Every column of the input that is neither a feature nor the id column, in the input's
  /// order, with the reason it was left out.
  public var exclusions: [ExcludedColumn]

  /// The names of `exclusions`: every column left out of the features (the id column aside).
  public var excludedColumns: [String] { exclusions.map(\.name) }

  /// `exclusions` grouped by reason (excluded on request, not numeric, not selected; groups
  /// without columns omitted), each group's names in the input's order.
  public var exclusionGroups: [(reason: ExcludedColumn.Reason, names: [String])] {
    [ExcludedColumn.Reason.excluded, .notNumeric, .notSelected].compactMap { reason in
      let names = exclusions.filter { $0.reason == reason }.map(\.name)
      return names.isEmpty ? nil : (reason, names)
    }
  }
  /// The label column's name, when one was named (`LoadOptions.labelColumn`).
  public var labelColumn: String? = nil
  /// The label of every kept row, when a label column was named.
  public var labels: [String]? = nil
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
    try load(InputFile(path: path), options: options)
  }

  /// Loads a file already read; `survey`, when given, is the file's survey (which then need not
  /// be made again).
  /// - Throws: as `load(path:options:)`.
  public static func load(
    _ file: InputFile, options: LoadOptions = LoadOptions(), survey: InputSurvey? = nil
  ) throws -> LoadedData {
    try file.data.withUnsafeBytes { raw in
      try load(bytes: raw.bindMemory(to: UInt8.self), path: file.path, options: options, rowBound: survey?.rowBound)
    }
  }

  /// Loads delimited text held in memory; `path` names it in messages.
  /// - Throws: as `load(path:options:)`; `unusableData` also for compressed files, archives and
  ///   UTF-16 or UTF-32 text.
  public static func load(data: Data, path: String, options: LoadOptions = LoadOptions()) throws -> LoadedData {
    try data.withUnsafeBytes { raw in
      try load(bytes: raw.bindMemory(to: UInt8.self), path: path, options: options, rowBound: nil)
    }
  }

  /// The shape a file's contents allow at most, found without parsing them: what the memory
  /// estimate needs before anything is allocated.
  public static func survey(_ file: InputFile, options: LoadOptions = LoadOptions()) -> InputSurvey {
    file.data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      let delimiter = options.delimiter?.asciiValue ?? CSVTokenizer.detectDelimiter(in: bytes)
      let fields = CSVTokenizer(path: file.path, delimiter: delimiter).headerFieldCount(in: bytes)
      var features = options.columns?.count ?? fields
      if options.columns == nil {
        let never = Set(options.excludedColumns + [options.idColumn, options.labelColumn].compactMap { $0 })
        features = max(0, features - never.count)
      }
      return InputSurvey(
        byteCount: bytes.count, isStream: file.isStream, rowBound: CSVTokenizer.rowBound(in: bytes),
        headerFieldCount: fields, featureBound: features, idByteBound: options.idColumn == nil ? 0 : bytes.count)
    }
  }

  /// Parses `bytes`, reserving room for `rowBound` rows (counted from the bytes when `nil`).
  private static func load(
    bytes: UnsafeBufferPointer<UInt8>, path: String, options: LoadOptions, rowBound: Int?
  ) throws -> LoadedData {
    try InputSniffer.check(bytes, path: path)
    let delimiter: UInt8
    if let given = options.delimiter {
      guard let ascii = given.asciiValue else {
        throw KSelectError.invalidParameter(ParameterError(.delimiter, .asciiCharacter, got: .text(String(given))))
      }
      delimiter = ascii
    } else {
      delimiter = CSVTokenizer.detectDelimiter(in: bytes)
    }
    let tokenizer = CSVTokenizer(path: path, delimiter: delimiter)
    let rowBound = rowBound ?? CSVTokenizer.rowBound(in: bytes)
    var table: ColumnTable? = nil
    try tokenizer.forEachRecord(in: bytes) { record in
      if table == nil {
        table = try ColumnTable(
          header: record, path: path, idColumn: options.idColumn, labelColumn: options.labelColumn,
          rowBound: rowBound)
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

/// What a file's bytes allow at most, before parsing: the bounds the memory estimate of a run
/// is computed from.
public struct InputSurvey: Sendable, Equatable {
  /// The file's size in bytes.
  public var byteCount: Int
  /// Whether the bytes were read from a stream (held in a buffer) rather than mapped.
  public var isStream: Bool
  /// An upper bound on the data rows: the line ends, less the header's.
  public var rowBound: Int
  /// The number of fields of the header row.
  public var headerFieldCount: Int
  /// An upper bound on the feature columns: the columns named, or the header's fields less the
  /// id column.
  public var featureBound: Int
  /// An upper bound on the bytes of the id column's text (0 without an id column).
  public var idByteBound: Int
  /// An upper bound on the distinct data rows, so on the clusters any fit can have: `rowBound`
  /// unless the rows were counted (`Dataset.distinctRowCount()`).
  public var distinctRowBound: Int

  /// Whether an id column is carried.
  public var hasIdColumn: Bool { idByteBound > 0 }

  /// Creates a survey.
  public init(
    byteCount: Int, isStream: Bool = false, rowBound: Int, headerFieldCount: Int, featureBound: Int,
    idByteBound: Int = 0
  ) {
    self.byteCount = byteCount
    self.isStream = isStream
    self.rowBound = rowBound
    self.headerFieldCount = headerFieldCount
    self.featureBound = featureBound
    self.idByteBound = idByteBound
    distinctRowBound = rowBound
  }

  /// The exact shape of data already loaded, for estimates of what follows the loading.
  public init(loaded: LoadedData) {
    let idBytes = loaded.ids?.reduce(0) { $0 + $1.utf8.count + 1 } ?? 0
    self.init(
      byteCount: 0, rowBound: loaded.dataset.rowCount,
      headerFieldCount: loaded.dataset.columnCount + loaded.excludedColumns.count + (loaded.idColumn == nil ? 0 : 1),
      featureBound: loaded.dataset.columnCount, idByteBound: idBytes)
  }
}

/// The cells of a file read column by column, as numbers where they are numbers.
///
/// Memory: one double per cell (NaN marks a cell that is not a finite number: no finite number
/// reads as NaN), reserved once for the file's line count, plus the first rejected cell of each
/// column, which is all an error message needs; the id column keeps its text instead.
private struct ColumnTable {
  /// A cell that is not a finite number: what it holds and its text, for the error message.
  struct Rejected {
    var row: Int
    var kind: CellValue
    var text: String
  }

  let path: String
  let names: [String]
  let idIndex: Int?
  /// The label column's index, and the text of its cells (the id column's own when it is that).
  let labelIndex: Int?
  var labelTexts: [String] = []
  /// `cells[j][i]`: column j, row i; NaN where the cell is not a finite number (empty for the
  /// id column).
  var cells: [[Double]]
  /// Per column: how many cells were numeric-looking and how many were text.
  var numericCounts: [Int]
  var textCounts: [Int]
  /// The physical line of every data row.
  var lines: [Int] = []
  /// The first cell of every column that is not a finite number.
  var firstRejected: [Rejected?]
  var ids: [String] = []

  var rowCount: Int { lines.count }

  init(header: CSVTokenizer.Record, path: String, idColumn: String?, labelColumn: String?, rowBound: Int) throws {
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
          ParameterError(.idColumn, .namesColumn(path: path, columns: names), got: .text(idColumn)))
      }
      idIndex = index
    } else {
      idIndex = nil
    }
    if let labelColumn {
      guard let index = seen[labelColumn] else {
        throw KSelectError.invalidParameter(
          ParameterError(.labelColumn, .namesColumn(path: path, columns: names), got: .text(labelColumn)))
      }
      labelIndex = index
    } else {
      labelIndex = nil
    }
    cells = Array(repeating: [], count: names.count)
    for j in names.indices where j != idIndex && j != labelIndex { cells[j].reserveCapacity(rowBound) }
    lines.reserveCapacity(rowBound)
    if idIndex != nil { ids.reserveCapacity(rowBound) }
    numericCounts = Array(repeating: 0, count: names.count)
    textCounts = Array(repeating: 0, count: names.count)
    firstRejected = Array(repeating: nil, count: names.count)
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
        continue
      }
      if j == labelIndex {
        try appendLabel(record, column: j)
        continue
      }
      let value = CellValue.parse(record.trimmedField(j))
      switch value {
      case .number(let x):
        cells[j].append(x)
        numericCounts[j] += 1
        continue
      case .nonFinite, .outOfRange, .tooLarge: numericCounts[j] += 1
      case .text: textCounts[j] += 1
      case .empty: break
      }
      cells[j].append(.nan)
      if firstRejected[j] == nil {
        firstRejected[j] = Rejected(
          row: row, kind: value, text: value == .empty ? "" : record.displayText(j, limit: 40))
      }
    }
  }

  /// Keeps the label in column j of `record`: UTF-8 text that is not empty.
  private mutating func appendLabel(_ record: CSVTokenizer.Record, column j: Int) throws {
    let location = SourceLocation(path: path, line: record.line, column: j + 1)
    if let invalid = record.invalidUTF8(j) {
      throw KSelectError.badData(
        location: location,
        message: Self.notUTF8(
          "the label '\(record.displayText(j, limit: 40))' in column '\(DisplayText.escaped(names[j]))'", invalid))
    }
    let text = record.text(j)
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      throw KSelectError.badData(
        location: location,
        message: "missing label in the label column '\(DisplayText.escaped(names[j]))' (every row needs one)")
    }
    labelTexts.append(text)
  }

  func makeLoadedData(options: LoadOptions) throws -> LoadedData {
    let excludedIndices = try selectExclusions(options.excludedColumns, columns: options.columns)
    let featureIndices = try selectFeatures(options.columns, excluding: excludedIndices)
    let isFeature = Set(featureIndices)
    let exclusions = names.indices.filter { !isFeature.contains($0) && $0 != idIndex && $0 != labelIndex }.map { j in
      ExcludedColumn(
        name: names[j],
        reason: excludedIndices.contains(j) ? .excluded : options.columns == nil ? .notNumeric : .notSelected)
    }

    // The first offending cell in reading order (row, then column), not the first column's.
    var first: (rejected: Rejected, column: Int)? = nil
    for j in featureIndices.sorted() {
      guard let bad = firstRejected[j] else { continue }
      if first == nil || bad.row < first!.rejected.row { first = (bad, j) }
    }
    if !options.dropIncomplete, let (bad, j) = first {
      throw KSelectError.badCell(
        location: SourceLocation(path: path, line: lines[bad.row], column: j + 1),
        problem: CellProblem(Self.problem(bad.kind), column: names[j], text: bad.text))
    }
    var isBad = [Bool](repeating: false, count: first == nil ? 0 : rowCount)
    if first != nil {
      for j in featureIndices where firstRejected[j] != nil {
        for i in 0..<rowCount where cells[j][i].isNaN { isBad[i] = true }
      }
    }
    let kept = first == nil ? Array(0..<rowCount) : (0..<rowCount).filter { !isBad[$0] }
    guard !kept.isEmpty else {
      throw KSelectError.unusableData(
        path: path, message: "every row has a missing or non-numeric feature value; no row is left")
    }
    var values = [Double]()
    values.reserveCapacity(kept.count * featureIndices.count)
    for i in kept {
      for j in featureIndices { values.append(cells[j][i]) }
    }
    let dataset = Dataset(
      rowCount: kept.count, columnCount: featureIndices.count, values: values,
      featureNames: featureIndices.map { names[$0] })
    let labelTexts = labelIndex == idIndex ? ids : self.labelTexts
    return LoadedData(
      path: path, dataset: dataset, sourceRows: kept.map { $0 + 1 },
      idColumn: idIndex.map { names[$0] }, ids: idIndex == nil ? nil : kept.map { ids[$0] },
      droppedRows: isBad.indices.filter { isBad[$0] }.map { $0 + 1 }, exclusions: exclusions,
      labelColumn: labelIndex.map { names[$0] }, labels: labelIndex == nil ? nil : kept.map { labelTexts[$0] })
  }

  /// The columns `excluded` names.
  /// - Throws: `invalidParameter` for a name that is no column, is named twice, is the id
  ///   column, or is also one of `columns`.
  private func selectExclusions(_ excluded: [String], columns: [String]?) throws -> Set<Int> {
    var indices = Set<Int>()
    let position = Dictionary(
      names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let selected = Set(columns ?? [])
    for name in excluded {
      guard let j = position[name] else {
        throw KSelectError.invalidParameter(
          ParameterError(.excludedColumns, .namesColumn(path: path, columns: names), got: .text(name)))
      }
      guard j != idIndex else {
        throw KSelectError.invalidParameter(ParameterError(.excludedColumns, .notTheIdColumn, got: .text(name)))
      }
      guard !selected.contains(name) else {
        throw KSelectError.invalidParameter(
          ParameterError(.excludedColumns, .notAlso(.columns), got: .text(name)))
      }
      guard indices.insert(j).inserted else {
        throw KSelectError.invalidParameter(ParameterError(.excludedColumns, .namesEachColumnOnce, got: .text(name)))
      }
    }
    return indices
  }

  private func selectFeatures(_ requested: [String]?, excluding excluded: Set<Int>) throws -> [Int] {
    if let requested {
      guard !requested.isEmpty else {
        throw KSelectError.invalidParameter(ParameterError(.columns, .namesSomeColumn, got: .text("")))
      }
      var named = Set<String>()
      for name in requested where !named.insert(name).inserted {
        throw KSelectError.invalidParameter(ParameterError(.columns, .namesEachColumnOnce, got: .text(name)))
      }
      let position = Dictionary(
        names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
      return try requested.map { name in
        guard let j = position[name] else {
          throw KSelectError.invalidParameter(
            ParameterError(.columns, .namesColumn(path: path, columns: names), got: .text(name)))
        }
        guard j != idIndex else {
          throw KSelectError.invalidParameter(ParameterError(.columns, .notTheIdColumn, got: .text(name)))
        }
        guard j != labelIndex else {
          throw KSelectError.invalidParameter(ParameterError(.columns, .notTheLabelColumn, got: .text(name)))
        }
        return j
      }
    }
    let numeric = names.indices.filter { j in
      j != idIndex && j != labelIndex && numericCounts[j] > 0 && numericCounts[j] > textCounts[j]
    }
    guard !numeric.isEmpty else {
      throw KSelectError.unusableData(
        path: path, message: "no numeric column found (columns: \(Self.list(names)))")
    }
    let kept = numeric.filter { !excluded.contains($0) }
    guard !kept.isEmpty else {
      throw KSelectError.unusableData(
        path: path,
        message: "every numeric column is excluded (numeric columns: \(Self.list(numeric.map { names[$0] })))")
    }
    return kept
  }

  /// What is wrong with a refused cell of `kind`.
  private static func problem(_ kind: CellValue) -> CellProblem.Kind {
    switch kind {
    case .empty: return .missing
    case .nonFinite: return .nonFinite
    case .outOfRange: return .outOfRange
    case .tooLarge: return .tooLarge
    default: return .notANumber
    }
  }

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
