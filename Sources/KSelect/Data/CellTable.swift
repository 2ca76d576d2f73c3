/// The header row: the column names, checked, and where the id and label columns are.
struct CSVHeader: Sendable {
  let path: String
  let names: [String]
  let idIndex: Int?
  /// The label column's index (it may be the id column).
  let labelIndex: Int?

  /// Whether column j is kept as text (the id or the label column) rather than read as numbers.
  func isText(_ j: Int) -> Bool { j == idIndex || j == labelIndex }

  /// The columns whose cells are read as numbers: all but the id and label columns.
  var cellColumnCount: Int { names.count - names.indices.filter(isText).count }

  /// Column j's position among the columns read as numbers (j must be one of them).
  func cellPosition(of j: Int) -> Int { j - (0..<j).filter(isText).count }

  /// Reads the header `record`.
  /// - Throws: `KSelectError.badData` for a name that is not UTF-8, empty or repeated;
  ///   `invalidParameter` when `idColumn` or `labelColumn` names no column.
  init(_ record: CSVRecord, path: String, idColumn: String?, labelColumn: String? = nil) throws {
    self.path = path
    for j in 0..<record.count {
      guard let invalid = record.invalidUTF8(j) else { continue }
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: record.line, column: j + 1),
        message: Self.notUTF8("the column name '\(record.displayText(j, limit: 40))'", invalid))
    }
    names = (0..<record.count).map { record.text($0) }
    for (j, name) in names.enumerated() where name.isEmpty {
      throw KSelectError.badData(
        location: SourceLocation(path: path, line: record.line, column: j + 1),
        message: "empty column name in the header")
    }
    var seen = [String: Int]()
    for (j, name) in names.enumerated() {
      if let first = seen[name] {
        throw KSelectError.badData(
          location: SourceLocation(path: path, line: record.line, column: j + 1),
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
  }

  /// The message for text that is not UTF-8: what holds it, the byte and where it is.
  static func notUTF8(_ what: String, _ invalid: (offset: Int, byte: UInt8)) -> String {
    let byte = String(invalid.byte, radix: 16, uppercase: true)
    return "\(what) is not UTF-8 text (byte 0x\(byte) at byte \(invalid.offset + 1)); kselect reads UTF-8: "
      + "convert the file first (from Latin-1, say: iconv -f latin1 -t utf-8 FILE > FILE.utf8.csv)"
  }
}

/// A cell that is not a finite number: where it is, what it holds and its text, for the error
/// message.
struct RejectedCell: Sendable {
  /// The data row (0-based, header excluded) and the physical line it starts on.
  var row: Int
  var line: Int
  var kind: CellValue
  var text: String
}

/// The cells of a stretch of data rows, as numbers where they are numbers: row-major over the
/// columns other than the id column, NaN marking a cell that is not a finite number (no finite
/// number reads as NaN); the first rejected cell of each column, which is all an error message
/// needs; the id and label columns' text.
struct CellBlock: Sendable {
  let header: CSVHeader
  var cells: [Double] = []
  var rowCount = 0
  /// Per header column: how many cells were numeric-looking and how many were text.
  var numericCounts: [Int]
  var textCounts: [Int]
  var firstRejected: [RejectedCell?]
  var ids: [String] = []
  /// The label column's cells (empty when it is the id column: the ids are the labels).
  var labels: [String] = []

  init(header: CSVHeader) {
    self.header = header
    numericCounts = Array(repeating: 0, count: header.names.count)
    textCounts = numericCounts
    firstRejected = Array(repeating: nil, count: header.names.count)
  }

  /// Reads one data record.
  /// - Throws: `KSelectError.badData` for a ragged row, an id or label that is not UTF-8, or
  ///   an empty label.
  mutating func append(_ record: CSVRecord) throws {
    let names = header.names
    guard record.count == names.count else {
      throw KSelectError.badData(
        location: SourceLocation(path: header.path, line: record.line, column: min(record.count, names.count) + 1),
        message: "ragged row: \(record.count) fields where the header has \(names.count)")
    }
    let idIndex = header.idIndex ?? -1
    let labelIndex = header.labelIndex ?? -1
    for j in 0..<names.count {
      if j == idIndex {
        if let invalid = record.invalidUTF8(j) {
          throw KSelectError.badData(
            location: SourceLocation(path: header.path, line: record.line, column: j + 1),
            message: CSVHeader.notUTF8(
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
        cells.append(x)
        numericCounts[j] += 1
        continue
      case .nonFinite, .outOfRange, .tooLarge: numericCounts[j] += 1
      case .text: textCounts[j] += 1
      case .empty: break
      }
      cells.append(.nan)
      if firstRejected[j] == nil {
        firstRejected[j] = RejectedCell(
          row: rowCount, line: record.line, kind: value, text: value == .empty ? "" : record.displayText(j, limit: 40))
      }
    }
    rowCount += 1
  }

  /// Keeps the label in column j of `record`: UTF-8 text that is not empty.
  private mutating func appendLabel(_ record: CSVRecord, column j: Int) throws {
    let names = header.names
    let location = SourceLocation(path: header.path, line: record.line, column: j + 1)
    if let invalid = record.invalidUTF8(j) {
      throw KSelectError.badData(
        location: location,
        message: CSVHeader.notUTF8(
          "the label '\(record.displayText(j, limit: 40))' in column '\(DisplayText.escaped(names[j]))'", invalid))
    }
    let text = record.text(j)
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      throw KSelectError.badData(
        location: location,
        message: "missing label in the label column '\(DisplayText.escaped(names[j]))' (every row needs one)")
    }
    labels.append(text)
  }

  /// Appends the rows of `block`, read after these, whose lines were counted from 1 and are
  /// `lineShift` lines further on in the file.
  mutating func append(_ block: CellBlock, lineShift: Int) {
    for j in header.names.indices {
      numericCounts[j] += block.numericCounts[j]
      textCounts[j] += block.textCounts[j]
      if firstRejected[j] == nil, var rejected = block.firstRejected[j] {
        rejected.row += rowCount
        rejected.line += lineShift
        firstRejected[j] = rejected
      }
    }
    cells.append(contentsOf: block.cells)
    ids.append(contentsOf: block.ids)
    labels.append(contentsOf: block.labels)
    rowCount += block.rowCount
  }

  /// The loaded data: the features selected (or every numeric column), the rows kept. The cells
  /// become the feature matrix in place, so that no second copy of the data is made.
  /// - Throws: `KSelectError.badCell` for the first rejected feature cell (unless
  ///   `dropIncomplete`), `unusableData` when no row or no numeric column is left,
  ///   `invalidParameter` for a column option naming no column.
  mutating func makeLoadedData(options: LoadOptions) throws -> LoadedData {
    let names = header.names
    let idIndex = header.idIndex
    let path = header.path
    let excludedIndices = try selectExclusions(options.excludedColumns, columns: options.columns)
    let featureIndices = try selectFeatures(options.columns, excluding: excludedIndices)
    let isFeature = Set(featureIndices)
    let exclusions = names.indices.filter { !isFeature.contains($0) && !header.isText($0) }.map { j in
      ExcludedColumn(
        name: names[j],
        reason: excludedIndices.contains(j) ? .excluded : options.columns == nil ? .notNumeric : .notSelected)
    }

    // The first offending cell in reading order (row, then column), not the first column's.
    var first: (rejected: RejectedCell, column: Int)? = nil
    for j in featureIndices.sorted() {
      guard let bad = firstRejected[j] else { continue }
      if first == nil || bad.row < first!.rejected.row { first = (bad, j) }
    }
    if !options.dropIncomplete, let (bad, j) = first {
      throw KSelectError.badCell(
        location: SourceLocation(path: path, line: bad.line, column: j + 1),
        problem: CellProblem(Self.problem(bad.kind), column: names[j], text: bad.text))
    }
    let width = header.cellColumnCount
    let columns = featureIndices.map(header.cellPosition(of:))
    let d = columns.count
    var isBad = [Bool](repeating: false, count: first == nil ? 0 : rowCount)
    if first != nil {
      for q in columns {
        for i in 0..<rowCount where cells[i * width + q].isNaN { isBad[i] = true }
      }
    }
    // The kept rows' 1-based numbers: all of them unless some were dropped.
    let sourceRows = first == nil ? Array(1..<rowCount + 1) : (0..<rowCount).filter { !isBad[$0] }.map { $0 + 1 }
    guard !sourceRows.isEmpty else {
      throw KSelectError.unusableData(
        path: path, message: "every row has a missing or non-numeric feature value; no row is left")
    }
    var values = cells
    cells = []
    if columns != Array(0..<width) || sourceRows.count < rowCount {
      values.withUnsafeMutableBufferPointer { v in
        var row = [Double](repeating: 0, count: d)
        // Row i moves to kept position `out` ≤ i: its cells are read before any are written,
        // and what is written ends before row i + 1 begins.
        for (out, number) in sourceRows.enumerated() {
          let i = number - 1
          for (t, q) in columns.enumerated() { row[t] = v[i * width + q] }
          for t in 0..<d { v[out * d + t] = row[t] }
        }
      }
      values.removeLast(values.count - sourceRows.count * d)
      // Columns left out of many: give the rest of the buffer back.
      if 2 * values.count < values.capacity { values = Array(values) }
    }
    let dataset = Dataset(
      rowCount: sourceRows.count, columnCount: d, values: values, featureNames: featureIndices.map { names[$0] })
    let keptIds = idIndex == nil ? nil : first == nil ? ids : sourceRows.map { ids[$0 - 1] }
    let labelTexts = header.labelIndex == idIndex ? ids : labels
    let keptLabels =
      header.labelIndex == nil ? nil : first == nil ? labelTexts : sourceRows.map { labelTexts[$0 - 1] }
    ids = []
    labels = []
    return LoadedData(
      path: path, dataset: dataset, sourceRows: sourceRows, idColumn: idIndex.map { names[$0] }, ids: keptIds,
      droppedRows: isBad.indices.filter { isBad[$0] }.map { $0 + 1 }, exclusions: exclusions,
      labelColumn: header.labelIndex.map { names[$0] }, labels: keptLabels)
  }

  /// The columns `excluded` names.
  /// - Throws: `invalidParameter` for a name that is no column, is named twice, is the id
  ///   column, or is also one of `columns`.
  private func selectExclusions(_ excluded: [String], columns: [String]?) throws -> Set<Int> {
    let names = header.names
    var indices = Set<Int>()
    let position = Dictionary(
      names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let selected = Set(columns ?? [])
    for name in excluded {
      guard let j = position[name] else {
        throw KSelectError.invalidParameter(
          ParameterError(.excludedColumns, .namesColumn(path: header.path, columns: names), got: .text(name)))
      }
      guard j != header.idIndex else {
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
    let names = header.names
    let idIndex = header.idIndex
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
            ParameterError(.columns, .namesColumn(path: header.path, columns: names), got: .text(name)))
        }
        guard j != idIndex else {
          throw KSelectError.invalidParameter(ParameterError(.columns, .notTheIdColumn, got: .text(name)))
        }
        guard j != header.labelIndex else {
          throw KSelectError.invalidParameter(ParameterError(.columns, .notTheLabelColumn, got: .text(name)))
        }
        return j
      }
    }
    let numeric = names.indices.filter { j in
      !header.isText(j) && numericCounts[j] > 0 && numericCounts[j] > textCounts[j]
    }
    guard !numeric.isEmpty else {
      throw KSelectError.unusableData(
        path: header.path, message: "no numeric column found (columns: \(Self.list(names)))")
    }
    let kept = numeric.filter { !excluded.contains($0) }
    guard !kept.isEmpty else {
      throw KSelectError.unusableData(
        path: header.path,
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
}
