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
      let bytes = raw.bindMemory(to: UInt8.self)
      return try load(
        bytes: bytes, path: file.path, options: options, rowBound: survey?.rowBound,
        release: file.isStream ? nil : bytes.baseAddress.map { PageRelease(base: $0) })
    }
  }

  /// Loads delimited text held in memory, gzip-compressed or not; `path` names it in messages.
  /// - Throws: as `load(path:options:)`; `unusableData` also for corrupt gzip data, other
  ///   compressed files, archives and UTF-16 or UTF-32 text.
  public static func load(data: Data, path: String, options: LoadOptions = LoadOptions()) throws -> LoadedData {
    try load(data: data, path: path, options: options, chunkBytes: ChunkedReader.defaultChunkBytes)
  }

  /// Loads `data` read in chunks of about `chunkBytes` with `parallelism`: the result is the same
  /// for every chunk size and thread count.
  static func load(
    data: Data, path: String, options: LoadOptions, chunkBytes: Int, parallelism: Parallelism = .allCores
  ) throws -> LoadedData {
    let text = Gzip.isCompressed(data) ? try Gzip.decompress(data, path: path) : data
    return try text.withUnsafeBytes { raw in
      try load(
        bytes: raw.bindMemory(to: UInt8.self), path: path, options: options, rowBound: nil, release: nil,
        chunkBytes: chunkBytes, parallelism: parallelism)
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
        byteCount: bytes.count, isStream: file.isStream,
        rowBound: CSVTokenizer.rowBound(
          in: bytes, release: file.isStream ? nil : bytes.baseAddress.map { PageRelease(base: $0) }),
        headerFieldCount: fields, featureBound: features, idByteBound: options.idColumn == nil ? 0 : bytes.count)
    }
  }

  /// Parses `bytes`, reserving room for `rowBound` rows (counted from the bytes when `nil`) and
  /// giving the pages read back through `release` (a mapped file's).
  private static func load(
    bytes: UnsafeBufferPointer<UInt8>, path: String, options: LoadOptions, rowBound: Int?, release: PageRelease?,
    chunkBytes: Int = ChunkedReader.defaultChunkBytes, parallelism: Parallelism = .allCores
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
    var reader = CSVRecordReader(bytes: bytes, tokenizer: tokenizer)
    var header: CSVHeader? = nil
    while try reader.next() {
      if reader.record.isBlank { continue }
      header = try CSVHeader(
        reader.record, path: path, idColumn: options.idColumn, labelColumn: options.labelColumn)
      break
    }
    guard let header else {
      throw KSelectError.unusableData(path: path, message: "the file is empty (expected a header row)")
    }
    let rowBound = rowBound ?? CSVTokenizer.rowBound(in: bytes, release: release)
    let chunked = ChunkedReader(
      bytes: bytes, tokenizer: tokenizer, header: header, release: release, chunkBytes: max(1, chunkBytes),
      parallelism: parallelism)
    var table = try chunked.read(from: reader.index, line: reader.line, rowBound: rowBound)
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
      headerFieldCount: loaded.dataset.columnCount + loaded.excludedColumns.count + (loaded.idColumn == nil ? 0 : 1)
        + (loaded.labelColumn == nil || loaded.labelColumn == loaded.idColumn ? 0 : 1),
      featureBound: loaded.dataset.columnCount, idByteBound: idBytes)
  }
}
