import Foundation

/// Splits delimited text (RFC 4180 CSV and its semicolon and tab cousins) into records.
///
/// Handles quoted fields with doubled quotes, delimiters and line breaks inside quotes, LF, CRLF
/// and lone CR line ends, a UTF-8 byte-order mark, and blank lines (skipped). Each record is
/// handed to a callback together with the physical line on which it starts, so that every later
/// error can name file, line and column.
struct CSVTokenizer {
  /// The largest record accepted, in bytes; a longer one is reported as an error rather than
  /// buffered (a binary or single-line file would otherwise exhaust memory).
  static let maximumRecordBytes = 16 << 20

  /// One record's fields, stored back to back in a reused buffer.
  struct Record {
    /// The concatenated, unquoted field contents.
    fileprivate(set) var bytes: [UInt8] = []
    /// `ends[j]` is the end offset of field j in `bytes`.
    fileprivate(set) var ends: [Int] = []
    /// The physical line (1-based) on which the record starts.
    fileprivate(set) var line = 1

    /// Number of fields.
    var count: Int { ends.count }

    /// Field `j` as bytes, with surrounding spaces removed.
    func trimmedField(_ j: Int) -> ArraySlice<UInt8> {
      var start = j == 0 ? 0 : ends[j - 1]
      var end = ends[j]
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      return bytes[start..<end]
    }

    /// Field `j` decoded as UTF-8 text, with surrounding spaces removed (callers check
    /// `invalidUTF8(_:)` first where the text is kept).
    func text(_ j: Int) -> String { String(decoding: trimmedField(j), as: UTF8.self) }

    /// The first byte of field `j` (spaces removed) that is not part of valid UTF-8, with its
    /// offset in the field, or `nil` when the field is UTF-8 text.
    func invalidUTF8(_ j: Int) -> (offset: Int, byte: UInt8)? {
      let field = trimmedField(j)
      guard let offset = UTF8Scan.firstInvalidOffset(in: field) else { return nil }
      return (offset, field[field.startIndex + offset])
    }

    /// Field `j` (spaces removed) for a message: control characters escaped, bytes that are not
    /// UTF-8 shown as `\x{HH}`, at most `limit` characters.
    func displayText(_ j: Int, limit: Int) -> String { DisplayText.escaped(bytes: trimmedField(j), limit: limit) }

    fileprivate mutating func reset(line: Int) {
      bytes.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      self.line = line
    }

    fileprivate var isBlank: Bool {
      ends.count == 1 && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
  }

  /// The file's path, for error messages.
  let path: String
  /// The field separator byte.
  let delimiter: UInt8

  /// Guesses the delimiter from the header line: the most frequent of comma, semicolon and tab
  /// outside quotes (comma on a tie or when none occurs).
  static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
    var inQuotes = false
    for byte in bytes {
      if byte == 0x22 {
        inQuotes.toggle()
        continue
      }
      if inQuotes { continue }
      if byte == 0x0A || byte == 0x0D { break }
      if counts[byte] != nil { counts[byte]! += 1 }
    }
    var best: UInt8 = 0x2C
    for candidate: UInt8 in [0x3B, 0x09] where counts[candidate]! > counts[best]! { best = candidate }
    return best
  }

  /// An upper bound on the data rows: the number of line ends (LF, CRLF or a lone CR), less
  /// the header's, since every record ends in one except perhaps the last.
  /// - Complexity: O(bytes).
  static func rowBound(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let last = bytes.last else { return 0 }
    let ends = lineEndCount(in: bytes)
    return last == 0x0A || last == 0x0D ? max(0, ends - 1) : ends
  }

  /// The number of line ends (LF, CRLF or a lone CR), found with `memchr`.
  /// - Complexity: O(bytes).
  static func lineEndCount(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    let end = base + bytes.count
    var count = 0
    var cursor = UnsafeRawPointer(base)
    while let hit = memchr(cursor, 0x0A, end - cursor.assumingMemoryBound(to: UInt8.self)) {
      count += 1
      cursor = UnsafeRawPointer(hit) + 1
    }
    cursor = UnsafeRawPointer(base)
    while let hit = memchr(cursor, 0x0D, end - cursor.assumingMemoryBound(to: UInt8.self)) {
      let next = hit.assumingMemoryBound(to: UInt8.self) + 1
      if next == end || next.pointee != 0x0A { count += 1 }
      cursor = UnsafeRawPointer(next)
    }
    return count
  }

  /// The number of fields of the first record (0 for an empty file), read without storing it.
  func headerFieldCount(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    struct Stop: Error {}
    var count = 0
    do {
      try forEachRecord(in: bytes) { record in
        count = record.count
        throw Stop()
      }
    } catch {}
    return count
  }

  /// Number of bytes of a leading UTF-8 byte-order mark (0 or 3).
  static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// Tokenizes `bytes`, calling `body` once per non-blank record, in order.
  /// - Throws: `KSelectError.badData` for an unterminated quote, text after a closing quote, or a
  ///   record longer than `maximumRecordBytes`; whatever `body` throws.
  func forEachRecord(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Void
  ) throws {
    var record = Record()
    var index = Self.byteOrderMarkLength(bytes)
    var line = 1
    var fieldStart = 0
    record.reset(line: line)

    func finishField() { record.ends.append(record.bytes.count) }
    func finishRecord() throws {
      finishField()
      if !record.isBlank { try body(record) }
    }

    let count = bytes.count
    var atRecordStart = true
    // Where the current record starts: the length limit counts raw bytes, delimiters and quotes
    // included, so that a line of nothing but delimiters cannot grow `ends` without bound.
    var recordStart = index
    while index < count {
      if atRecordStart {
        record.reset(line: line)
        atRecordStart = false
        fieldStart = index
        recordStart = index
      }
      let byte = bytes[index]
      if byte == 0x22 && index == fieldStart {
        // A quoted field: read to the closing quote, unescaping doubled quotes.
        let openLine = line
        index += 1
        var closed = false
        while index < count {
          let inner = bytes[index]
          if inner == 0x22 {
            if index + 1 < count && bytes[index + 1] == 0x22 {
              record.bytes.append(0x22)
              index += 2
              continue
            }
            closed = true
            index += 1
            break
          }
          if inner == 0x0A || (inner == 0x0D && !(index + 1 < count && bytes[index + 1] == 0x0A)) {
            line += 1
          }
          record.bytes.append(inner)
          index += 1
          if index - recordStart > Self.maximumRecordBytes { throw tooLong(line: record.line) }
        }
        if !closed {
          throw KSelectError.badData(
            location: SourceLocation(path: path, line: openLine, column: record.ends.count + 1),
            message: "unterminated quoted field (a \" opened here is never closed)")
        }
        while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 && delimiter != 0x09 {
          index += 1
        }
        if index < count, bytes[index] != delimiter, bytes[index] != 0x0A, bytes[index] != 0x0D {
          throw KSelectError.badData(
            location: SourceLocation(path: path, line: line, column: record.ends.count + 1),
            message: "unexpected text after a closing quote")
        }
        continue
      }
      if byte == delimiter {
        finishField()
        index += 1
        fieldStart = index
        if index - recordStart > Self.maximumRecordBytes { throw tooLong(line: record.line) }
        continue
      }
      if byte == 0x0A || byte == 0x0D {
        try finishRecord()
        index += (byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A) ? 2 : 1
        line += 1
        atRecordStart = true
        continue
      }
      record.bytes.append(byte)
      index += 1
      if index - recordStart > Self.maximumRecordBytes { throw tooLong(line: record.line) }
    }
    if !atRecordStart { try finishRecord() }
  }

  private func tooLong(line: Int) -> KSelectError {
    .badData(
      location: SourceLocation(path: path, line: line),
      message: "record longer than \(Self.maximumRecordBytes >> 20) MiB; is this a delimited text file?")
  }
}
