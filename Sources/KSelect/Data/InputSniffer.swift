/// Recognises inputs that are not delimited UTF-8 text before they are parsed, so that they are
/// named for what they are instead of failing later as "no data rows" or "ragged row": files
/// compressed (other than gzip, which is decompressed before this check) or archived (by their
/// magic bytes) and UTF-16 or UTF-32 text (by byte-order mark, or by the NUL bytes between the
/// characters of ASCII text without one).
enum InputSniffer {
  /// Magic bytes of formats a user may hand over by mistake, and what to say about them.
  static let signatures: [(bytes: [UInt8], what: String)] = [
    ([0x42, 0x5A, 0x68], "bzip2-compressed; decompress it first (bunzip2)"),
    ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed; decompress it first (unxz)"),
    ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed; decompress it first (unzstd)"),
    ([0x50, 0x4B, 0x03, 0x04], "a zip archive; extract the CSV file from it first"),
  ]

  /// Byte-order marks of the UTF-16 and UTF-32 encodings, longest first (the UTF-32LE mark
  /// begins with the UTF-16LE one).
  static let byteOrderMarks: [(bytes: [UInt8], encoding: String)] = [
    ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"),
    ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
    ([0xFF, 0xFE], "UTF-16LE"),
    ([0xFE, 0xFF], "UTF-16BE"),
  ]

  /// How many leading bytes the NUL count looks at.
  static let sampleBytes = 4096

  /// Throws when `bytes` are compressed, an archive, or UTF-16/UTF-32 text.
  /// - Throws: `KSelectError.unusableData` saying what the file is and what to do.
  static func check(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
    func starts(with prefix: [UInt8]) -> Bool {
      bytes.count >= prefix.count && zip(prefix, bytes).allSatisfy { $0 == $1 }
    }
    for signature in signatures where starts(with: signature.bytes) {
      throw KSelectError.unusableData(path: path, message: "the file is \(signature.what)")
    }
    for mark in byteOrderMarks where starts(with: mark.bytes) {
      throw unicode(mark.encoding, path: path)
    }
    if let encoding = wideEncoding(of: UnsafeBufferPointer(rebasing: bytes.prefix(sampleBytes))) {
      throw unicode(encoding, path: path)
    }
  }

  /// The encoding ("UTF-16LE", "UTF-32BE", …) of ASCII text in UTF-16 or UTF-32 without a
  /// byte-order mark: at least a third of `sample` are NUL bytes, in the places ASCII characters
  /// leave zero (every other byte, or three bytes of four). `nil` otherwise: text, or binary
  /// data the parser then reports.
  static func wideEncoding(of sample: UnsafeBufferPointer<UInt8>) -> String? {
    guard sample.count >= 8 else { return nil }
    var zerosByPlace = [0, 0, 0, 0]
    for (index, byte) in sample.enumerated() where byte == 0 { zerosByPlace[index % 4] += 1 }
    let zeros = zerosByPlace.reduce(0, +)
    guard 3 * zeros >= sample.count else { return nil }
    let full = (sample.count / 4) * 9 / 10
    let zeroPlaces = zerosByPlace.map { $0 >= full }
    if zeroPlaces == [false, true, true, true] { return "UTF-32LE" }
    if zeroPlaces == [true, true, true, false] { return "UTF-32BE" }
    let even = zerosByPlace[0] + zerosByPlace[2]
    let odd = zerosByPlace[1] + zerosByPlace[3]
    if odd >= 9 * zeros / 10 { return "UTF-16LE" }
    if even >= 9 * zeros / 10 { return "UTF-16BE" }
    return nil
  }

  /// "the file is UTF-16 text (UTF-16LE); convert it to UTF-8 first (…)".
  private static func unicode(_ encoding: String, path: String) -> KSelectError {
    .unusableData(
      path: path,
      message: "the file is \(encoding.prefix(6)) text (\(encoding)); convert it to UTF-8 first "
        + "(iconv -f \(encoding) -t UTF-8)")
  }
}
