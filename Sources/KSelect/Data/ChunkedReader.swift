import Foundation

/// Reads the data rows in chunks of about `chunkBytes` (4 MiB), cut just after a line feed, on every core.
///
/// Each chunk is read as if it began with a record; the chunks are then taken in order, and a
/// chunk's reading is kept only when the previous chunk's last record ended exactly where it
/// begins. Otherwise — a quoted field holding a line break ran across the cut — the chunk is
/// read again, on one thread, from where that record ended. The result, line numbers and
/// errors included, is therefore the one a single pass from the first byte gives: the first
/// error in reading order wins. Chunks go `threads` at a time; a mapped file's pages are given
/// back once read, so the input is never all resident.
///
/// Memory besides the table: the cells of the chunks being read, at most 8 doubles per byte of
/// a chunk (a cell takes at least its delimiter), so `threads × 32 MiB` at most, and each
/// thread's record: its fields' spans (up to the header's count) and a quoted field's unescaped
/// copy (up to `CSVTokenizer.maximumRecordBytes`).
struct ChunkedReader {
  /// The nominal size of a chunk.
  static let defaultChunkBytes = 4 << 20

  let bytes: UnsafeBufferPointer<UInt8>
  let tokenizer: CSVTokenizer
  let header: CSVHeader
  let release: PageRelease?
  /// The nominal size of a chunk (small ones in tests, to put cuts everywhere).
  var chunkBytes = defaultChunkBytes
  var parallelism = Parallelism.allCores

  /// A chunk's reading: its rows, where its last record ended and the line after it (lines
  /// counted from the one given).
  struct Reading: Sendable {
    var block: CellBlock
    var stop: Int
    var line: Int
  }

  /// The input handed to the threads, which only read it.
  private struct SharedInput: @unchecked Sendable {
    let reader: ChunkedReader
  }

  /// Reads every record from `start`, which begins on `line`, into one block; reserves room for
  /// `rowBound` rows.
  /// - Throws: the first error in reading order, as `CSVRecordReader.next()` and
  ///   `CellBlock.append(_:)` throw it.
  func read(from start: Int, line: Int, rowBound: Int) throws -> CellBlock {
    var table = CellBlock(header: header)
    let (reservation, overflow) = rowBound.multipliedReportingOverflow(by: header.cellColumnCount)
    table.cells.reserveCapacity(overflow ? bytes.count : min(reservation, bytes.count))
    if header.idIndex != nil { table.ids.reserveCapacity(rowBound) }
    let chunks = Self.chunks(of: bytes, from: start, size: chunkBytes)
    var position = start
    var nextLine = line
    var released = 0
    var wave = 0
    let shared = SharedInput(reader: self)
    while wave < chunks.count {
      let group = Array(chunks[wave..<min(wave + parallelism.threads, chunks.count)])
      let readings = parallelism.map(group.count) { index in
        Result { try shared.reader.readChunk(group[index], line: 1) }
      }
      for (chunk, reading) in zip(group, readings) where position < chunk.upperBound {
        if position == chunk.lowerBound {
          let reading = try reading.mapError { Self.shifted($0, by: nextLine - 1) }.get()
          table.append(reading.block, lineShift: nextLine - 1)
          position = reading.stop
          nextLine += reading.line - 1
        } else {
          let reading = try readChunk(position..<chunk.upperBound, line: nextLine)
          table.append(reading.block, lineShift: 0)
          position = reading.stop
          nextLine = reading.line
        }
      }
      release?.release(released..<position)
      released = position
      wave += parallelism.threads
    }
    return table
  }

  /// Reads the records that start in `range`, the first on `line`.
  func readChunk(_ range: Range<Int>, line: Int) throws -> Reading {
    var block = CellBlock(header: header)
    var reader = CSVRecordReader(
      bytes: bytes, tokenizer: tokenizer, start: range.lowerBound, line: line, end: range.upperBound)
    reader.fieldLimit = header.names.count + 1
    while try reader.next() {
      if !reader.record.isBlank { try block.append(reader.record) }
    }
    return Reading(block: block, stop: reader.index, line: reader.line)
  }

  /// `bytes` from `start` cut into ranges of about `size` bytes, each but the last ending just
  /// after a line feed.
  static func chunks(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, size: Int) -> [Range<Int>] {
    var ranges = [Range<Int>]()
    var lower = start
    while lower < bytes.count {
      var upper = bytes.count
      if lower + size < bytes.count, let base = bytes.baseAddress {
        let from = lower + size - 1
        if let hit = memchr(base + from, 0x0A, bytes.count - from) {
          upper = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base + 1
        }
      }
      ranges.append(lower..<upper)
      lower = upper
    }
    return ranges
  }

  /// `error` with its line moved `lines` further on (a chunk counts its lines from 1).
  static func shifted(_ error: any Error, by lines: Int) -> any Error {
    guard lines != 0, case KSelectError.badData(var location, let message) = error else { return error }
    location.line += lines
    return KSelectError.badData(location: location, message: message)
  }
}
