import Foundation

/// Splits delimited text (RFC 4180 CSV and its semicolon and tab cousins) into records.
///
/// Handles quoted fields with doubled quotes, delimiters and line breaks inside quotes, LF, CRLF
/// and lone CR line ends, a UTF-8 byte-order mark, and blank lines (skipped). Each record knows
/// the physical line on which it starts, so that every later error can name file, line and
/// column. Fields are views into the input's bytes: only a quoted field with doubled quotes is
/// copied (unescaped) into the record's scratch buffer, so reading allocates nothing per cell.
struct CSVTokenizer {
  /// The largest record accepted, in bytes; a longer one is reported as an error rather than
  /// buffered (a binary or single-line file would otherwise exhaust memory).
  static let maximumRecordBytes = 16 << 20

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
  static func rowBound(in bytes: UnsafeBufferPointer<UInt8>, release: PageRelease? = nil) -> Int {
    guard let last = bytes.last else { return 0 }
    var ends = 0
    // Counted window by window, so that a mapped file's pages can be given back as it goes.
    let window = 8 << 20
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + window)
      ends += lineEndCount(in: UnsafeBufferPointer(rebasing: bytes[start..<end]))
      // A CR ending one window and an LF starting the next are one line end, counted twice.
      if end < bytes.count, bytes[end - 1] == 0x0D, bytes[end] == 0x0A { ends -= 1 }
      release?.release(start..<end)
      start = end
    }
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

  /// The number of fields of the first non-blank record (0 for an empty file), read without
  /// storing it.
  func headerFieldCount(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var reader = CSVRecordReader(bytes: bytes, tokenizer: self)
    while (try? reader.next()) == true {
      if !reader.record.isBlank { return reader.record.count }
    }
    return 0
  }

  /// Number of bytes of a leading UTF-8 byte-order mark (0 or 3).
  static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The error for a record longer than `maximumRecordBytes` starting on `line`.
  func tooLong(line: Int) -> KSelectError {
    .badData(
      location: SourceLocation(path: path, line: line),
      message: "record longer than \(Self.maximumRecordBytes >> 20) MiB; is this a delimited text file?")
  }
}

/// Gives the pages of a memory-mapped input back to the system once they have been read, so
/// that reading a large file does not keep all of it resident.
struct PageRelease: @unchecked Sendable {
  // @unchecked: the base address is only used for `madvise`, which is thread-safe.
  /// The mapping's first byte.
  let base: UnsafeRawPointer

  /// Releases the whole pages inside `range` (byte offsets from `base`); the kernel reads them
  /// again from the file if they are touched later.
  func release(_ range: Range<Int>) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
    let end = (Int(bitPattern: base) + range.upperBound) / page * page
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, Int32(MADV_DONTNEED))
  }
}
