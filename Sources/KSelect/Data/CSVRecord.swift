/// One record's fields: spans of the input's bytes, or of the scratch buffer for a quoted field
/// whose doubled quotes had to be unescaped. Valid until the reader reads the next record.
struct CSVRecord {
  /// Where one field's bytes are.
  struct Span {
    var start: Int
    var end: Int
    /// Whether the bytes are in `scratch` (an unescaped quoted field) rather than the input.
    var copied: Bool
  }

  /// The fields, in order (at most the reader's `fieldLimit`).
  fileprivate(set) var spans: [Span] = []
  /// Fields beyond the reader's `fieldLimit`, counted but not kept.
  fileprivate(set) var extraFields = 0
  /// The physical line (1-based) on which the record starts.
  fileprivate(set) var line = 1
  /// The input the spans point into.
  fileprivate let source: UnsafeBufferPointer<UInt8>
  /// Unescaped quoted fields, made only when a field holds a doubled quote.
  fileprivate var scratch: ScratchBytes? = nil

  /// Number of fields.
  var count: Int { spans.count + extraFields }

  /// Field `j` as bytes, with surrounding spaces and tabs removed.
  func trimmedField(_ j: Int) -> UnsafeBufferPointer<UInt8> {
    let span = spans[j]
    guard span.end > span.start else { return UnsafeBufferPointer(start: nil, count: 0) }
    let base = span.copied ? UnsafePointer(scratch!.bytes) : source.baseAddress!
    var start = span.start
    var end = span.end
    while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
    while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(start: base + start, count: end - start)
  }

  /// Field `j` decoded as UTF-8 text, with surrounding spaces removed (callers check
  /// `invalidUTF8(_:)` first where the text is kept).
  func text(_ j: Int) -> String { String(decoding: trimmedField(j), as: UTF8.self) }

  /// The first byte of field `j` (spaces removed) that is not part of valid UTF-8, with its
  /// offset in the field, or `nil` when the field is UTF-8 text.
  func invalidUTF8(_ j: Int) -> (offset: Int, byte: UInt8)? {
    let field = trimmedField(j)
    guard let offset = UTF8Scan.firstInvalidOffset(in: field) else { return nil }
    return (offset, field[offset])
  }

  /// Field `j` (spaces removed) for a message: control characters escaped, bytes that are not
  /// UTF-8 shown as `\x{HH}`, at most `limit` characters.
  func displayText(_ j: Int, limit: Int) -> String { DisplayText.escaped(bytes: trimmedField(j), limit: limit) }

  /// Whether the record is one field of nothing but spaces and tabs (a blank line).
  var isBlank: Bool { count == 1 && trimmedField(0).isEmpty }

  /// Adds a field: kept up to `limit` fields, counted beyond.
  fileprivate mutating func add(_ span: Span, limit: Int) {
    if spans.count < limit { spans.append(span) } else { extraFields += 1 }
  }
}

/// A growable byte buffer whose address only changes when it grows, so that spans into it stay
/// valid by offset.
final class ScratchBytes {
  private(set) var bytes: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Bytes in use.
  var count = 0

  init() {
    capacity = 256
    bytes = .allocate(capacity: capacity)
  }

  deinit { bytes.deallocate() }

  /// Appends `byte`, doubling the capacity when full.
  func append(_ byte: UInt8) {
    if count == capacity {
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * capacity)
      grown.update(from: bytes, count: count)
      bytes.deallocate()
      bytes = grown
      capacity *= 2
    }
    bytes[count] = byte
    count += 1
  }
}

/// Reads records one at a time from `bytes`, starting at a record boundary: the loop every
/// reading of the input (the header, the survey, each chunk of a parallel read) shares.
struct CSVRecordReader {
  /// The whole input.
  let bytes: UnsafeBufferPointer<UInt8>
  let tokenizer: CSVTokenizer
  /// Records starting at or after this offset are left to whoever reads on from there.
  let end: Int
  /// The most fields of a record kept (the rest are counted): the header's count for data rows,
  /// so that a line of nothing but delimiters costs no memory per field.
  var fieldLimit = Int.max
  /// Where the next record starts.
  private(set) var index: Int
  /// The physical line on which the next record starts.
  private(set) var line: Int
  /// The record just read.
  private(set) var record: CSVRecord

  /// A reader from `start` (default: after a byte-order mark), whose first record is on `line`,
  /// reading the records that start before `end` (default: all).
  init(bytes: UnsafeBufferPointer<UInt8>, tokenizer: CSVTokenizer, start: Int? = nil, line: Int = 1, end: Int? = nil) {
    self.bytes = bytes
    self.tokenizer = tokenizer
    self.end = min(end ?? bytes.count, bytes.count)
    index = start ?? CSVTokenizer.byteOrderMarkLength(bytes)
    self.line = line
    record = CSVRecord(source: bytes)
  }

  /// Reads the next record, blank ones included; `false` when no record starts before `end`.
  /// - Throws: `KSelectError.badData` for an unterminated quote, text after a closing quote, or a
  ///   record longer than `CSVTokenizer.maximumRecordBytes`.
  /// - Complexity: O(the record's bytes).
  mutating func next() throws -> Bool {
    guard index < end, let p = bytes.baseAddress else { return false }
    let count = bytes.count
    let delimiter = tokenizer.delimiter
    let limit = CSVTokenizer.maximumRecordBytes
    record.spans.removeAll(keepingCapacity: true)
    record.extraFields = 0
    record.scratch?.count = 0
    record.line = line
    let recordStart = index
    var i = index
    while true {
      if i < count && p[i] == 0x22 {
        record.add(try quotedField(at: &i, recordStart: recordStart), limit: fieldLimit)
      } else {
        let fieldStart = i
        while i < count {
          let byte = p[i]
          if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
          i += 1
        }
        if i - recordStart > limit { throw tokenizer.tooLong(line: record.line) }
        record.add(CSVRecord.Span(start: fieldStart, end: i, copied: false), limit: fieldLimit)
      }
      guard i < count else {
        index = i
        return true
      }
      let byte = p[i]
      if byte == delimiter {
        i += 1
        if i - recordStart > limit { throw tokenizer.tooLong(line: record.line) }
        continue
      }
      i += byte == 0x0D && i + 1 < count && p[i + 1] == 0x0A ? 2 : 1
      line += 1
      index = i
      return true
    }
  }

  /// Reads the quoted field whose opening quote is at `i`, leaving `i` after it and the spaces
  /// that follow it.
  private mutating func quotedField(at i: inout Int, recordStart: Int) throws -> CSVRecord.Span {
    let p = bytes.baseAddress!
    let count = bytes.count
    let openLine = line
    i += 1
    let contentStart = i
    var copiedStart: Int? = nil
    var closed = false
    while i < count {
      let byte = p[i]
      if byte == 0x22 {
        if i + 1 < count && p[i + 1] == 0x22 {
          if copiedStart == nil { copiedStart = startCopy(from: contentStart, to: i) }
          record.scratch!.append(0x22)
          i += 2
          continue
        }
        closed = true
        i += 1
        break
      }
      if byte == 0x0A || (byte == 0x0D && !(i + 1 < count && p[i + 1] == 0x0A)) { line += 1 }
      if copiedStart != nil { record.scratch!.append(byte) }
      i += 1
      if i - recordStart > CSVTokenizer.maximumRecordBytes { throw tokenizer.tooLong(line: record.line) }
    }
    guard closed else {
      throw KSelectError.badData(
        location: SourceLocation(path: tokenizer.path, line: openLine, column: record.count + 1),
        message: "unterminated quoted field (a \" opened here is never closed)")
    }
    let span =
      copiedStart.map { CSVRecord.Span(start: $0, end: record.scratch!.count, copied: true) }
      ?? CSVRecord.Span(start: contentStart, end: i - 1, copied: false)
    let delimiter = tokenizer.delimiter
    while i < count, p[i] == 0x20 || p[i] == 0x09 && delimiter != 0x09 { i += 1 }
    if i < count, p[i] != delimiter, p[i] != 0x0A, p[i] != 0x0D {
      throw KSelectError.badData(
        location: SourceLocation(path: tokenizer.path, line: line, column: record.count + 1),
        message: "unexpected text after a closing quote")
    }
    return span
  }

  /// Copies the bytes `start..<end` of a quoted field into the scratch buffer, where its
  /// unescaped text goes on; returns where it starts there.
  private mutating func startCopy(from start: Int, to end: Int) -> Int {
    if record.scratch == nil { record.scratch = ScratchBytes() }
    let scratch = record.scratch!
    let offset = scratch.count
    for index in start..<end { scratch.append(bytes[index]) }
    return offset
  }
}
