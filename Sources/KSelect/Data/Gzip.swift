import CZlib
import Foundation

/// gzip-compressed input (RFC 1952), decompressed in memory with zlib: one member, or several
/// concatenated as `cat a.gz b.gz` makes them.
enum Gzip {
  /// Whether `data` starts with gzip's magic bytes 1F 8B.
  static func isCompressed(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
  }

  /// Bytes handed to zlib per call (its counts are 32-bit).
  private static let inputStep = 1 << 30
  /// Bytes decompressed per call.
  private static let outputStep = 1 << 20

  /// The decompressed bytes of `data`; `path` names the input in messages.
  /// - Parameter byteLimit: the most decompressed bytes allowed.
  /// - Throws: `KSelectError.unusableData` for corrupt or truncated data,
  ///   `KSelectError.insufficientMemory` beyond `byteLimit`.
  /// - Complexity: O(compressed + decompressed bytes); memory: the decompressed bytes (reserved
  ///   from the size the last member's trailer states, when that is below the limit).
  static func decompress(_ data: Data, path: String, byteLimit: Int? = nil) throws -> Data {
    var output = Data()
    if data.count >= 18 {
      let trailer = data.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
      if trailer <= byteLimit ?? .max { output.reserveCapacity(trailer) }
    }
    try data.withUnsafeBytes { raw in
      let input = raw.bindMemory(to: Bytef.self)
      var stream = z_stream()
      guard czlib_inflate_init2(&stream, 16 + MAX_WBITS) == Z_OK else {
        throw KSelectError.insufficientMemory(.allocationFailed("zlib could not start decompressing \(path)"))
      }
      defer { inflateEnd(&stream) }
      var consumed = 0
      var piece = [UInt8](repeating: 0, count: outputStep)
      while true {
        if stream.avail_in == 0, consumed < input.count {
          let step = min(inputStep, input.count - consumed)
          stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
          stream.avail_in = uInt(step)
          consumed += step
        }
        let (status, produced) = piece.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(outputStep)
          let status = inflate(&stream, Z_NO_FLUSH)
          return (status, outputStep - Int(stream.avail_out))
        }
        if let byteLimit, output.count + produced > byteLimit {
          throw KSelectError.insufficientMemory(.decompressedTooLong(path: path, limit: byteLimit))
        }
        output.append(contentsOf: piece[0..<produced])
        let remaining = Int(stream.avail_in) + input.count - consumed
        switch status {
        case Z_STREAM_END:
          guard remaining > 0 else { return }
          // Another member follows, or bytes that are not gzip data.
          let next = input.count - remaining
          guard remaining >= 2, input[next] == 0x1F, input[next + 1] == 0x8B else {
            throw corrupt(path, "\(remaining) byte(s) after the end of the compressed data")
          }
          inflateReset(&stream)
        case Z_OK:
          continue
        case Z_BUF_ERROR where remaining == 0:
          throw corrupt(path, "the compressed data end early (a truncated file?)")
        default:
          let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          throw corrupt(path, reason)
        }
      }
    }
    return output
  }

  /// "the file is gzip-compressed but its data are corrupt (…)".
  private static func corrupt(_ path: String, _ reason: String) -> KSelectError {
    .unusableData(path: path, message: "the file is gzip-compressed but cannot be decompressed: \(reason)")
  }
}
