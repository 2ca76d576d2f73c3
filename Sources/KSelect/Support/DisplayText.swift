/// Text from a file or a command line made safe to show on a terminal or in a figure.
///
/// Every control character — C0 (U+0000…U+001F), DEL (U+007F) and C1 (U+0080…U+009F), Unicode's
/// `Cc` category — becomes a visible escape: `\n`, `\r`, `\t`, or `\u{1B}` for the others. A
/// terminal escape sequence read from a data file therefore reaches standard error as plain
/// characters, and a header holding a line break stays on one line of a message or a figure
/// label. Bytes that are not UTF-8 are shown as `\x{E9}`, never replaced by U+FFFD. Backslashes
/// are left as they are.
public enum DisplayText {
  /// `text` with its control characters escaped; with `keepingLineBreaks`, `\n` stays a line
  /// break (for messages of several lines, such as gnuplot's).
  /// - Complexity: O(n) in the length of `text`.
  public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if keepingLineBreaks && scalar == "\n" {
        out += "\n"
      } else {
        append(scalar, to: &out)
      }
    }
    return out
  }

  /// `text` escaped, cut after `limit` characters of the original with `…` appended.
  public static func escaped(_ text: String, limit: Int) -> String {
    text.count > limit ? escaped(String(text.prefix(limit))) + "…" : escaped(text)
  }

  /// `bytes` read as UTF-8 with control characters escaped and every byte that is not part of a
  /// valid UTF-8 sequence written as `\x{HH}`; cut after `limit` characters (an escaped byte
  /// counts as one) with `…` appended.
  /// - Complexity: O(n) in the number of bytes shown.
  public static func escaped(bytes: some Collection<UInt8>, limit: Int = .max) -> String {
    var out = ""
    var shown = 0
    var truncated = false
    UTF8Scan.forEach(in: bytes) { piece in
      guard shown < limit else {
        truncated = true
        return false
      }
      shown += 1
      switch piece {
      case .scalar(let scalar): append(scalar, to: &out)
      case .invalid(let byte): out += "\\x{" + hex(byte) + "}"
      }
      return true
    }
    return truncated ? out + "…" : out
  }

  /// Whether `scalar` is a control character (`Cc`: C0, DEL or C1).
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
    guard isControl(scalar) else {
      out.unicodeScalars.append(scalar)
      return
    }
    switch scalar {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default: out += "\\u{" + hex(scalar.value) + "}"
    }
  }

  private static func hex(_ value: some BinaryInteger) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
  }
}

/// Walks bytes as UTF-8, one scalar or one invalid byte at a time.
enum UTF8Scan {
  /// A decoded scalar, or a byte that starts no valid UTF-8 sequence.
  enum Piece {
    case scalar(Unicode.Scalar)
    case invalid(UInt8)
  }

  /// Calls `body` for every piece of `bytes` in order until it returns `false`.
  static func forEach(in bytes: some Collection<UInt8>, _ body: (Piece) -> Bool) {
    var index = bytes.startIndex
    while index != bytes.endIndex {
      var iterator = bytes[index...].makeIterator()
      var parser = Unicode.UTF8.ForwardParser()
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        guard body(.scalar(Unicode.UTF8.decode(encoded))) else { return }
        index = bytes.index(index, offsetBy: encoded.count)
      case .error:
        // Report one byte and resynchronise on the next: every byte of a broken sequence is shown.
        guard body(.invalid(bytes[index])) else { return }
        index = bytes.index(after: index)
      case .emptyInput:
        return
      }
    }
  }

  /// The offset of the first byte of `bytes` that is not part of valid UTF-8, or `nil`.
  static func firstInvalidOffset(in bytes: some Collection<UInt8>) -> Int? {
    if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
    var offset = 0
    var found: Int? = nil
    forEach(in: bytes) { piece in
      switch piece {
      case .scalar(let scalar):
        offset += UTF8.width(scalar)
        return true
      case .invalid:
        found = offset
        return false
      }
    }
    return found
  }
}
