import Foundation

/// What a CSV cell holds, once read as a number.
enum CellValue: Equatable {
  /// A finite number.
  case number(Double)
  /// An empty cell.
  case empty
  /// `NaN`, `inf`, `-Infinity` and the like: numeric-looking but not a usable value.
  case nonFinite
  /// A number outside the range of a double (`1e999`).
  case outOfRange
  /// A finite number too large in magnitude to cluster (see `largestMagnitude`).
  case tooLarge
  /// Anything else.
  case text

  /// The largest magnitude accepted as a feature value. Squared distances and sums of squares
  /// of larger values overflow to infinity (1e308² is not a double), which k-means and the
  /// scalers cannot recover from; 1e100 leaves room for sums over 1e100 squared terms.
  static let largestMagnitude = 1e100

  /// Reads a trimmed cell. Accepts what C's `strtod` accepts in the C locale (decimal and
  /// hexadecimal notation), and nothing else: the whole cell must be consumed. Plain decimals
  /// of at most 19 significant digits whose value is exact in a double take the fast path of
  /// `DecimalParser`; everything else goes to `strtod`.
  static func parse(_ field: UnsafeBufferPointer<UInt8>) -> CellValue {
    if field.isEmpty { return .empty }
    if let value = DecimalParser.exactValue(field) {
      return value.magnitude > largestMagnitude ? .tooLarge : .number(value)
    }
    return parseWithStrtod(field)
  }

  /// Reads a trimmed, non-empty cell with `strtod`.
  static func parseWithStrtod(_ field: UnsafeBufferPointer<UInt8>) -> CellValue {
    if field.count > 400 { return .text }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: field.count + 1) { buffer in
      var j = 0
      for byte in field {
        buffer[j] = CChar(bitPattern: byte)
        j += 1
      }
      buffer[j] = 0
      let start = buffer.baseAddress!
      var end: UnsafeMutablePointer<CChar>? = nil
      errno = 0
      let value = strtod(start, &end)
      guard let end, end - start == field.count, !isspace(Int32(start.pointee)).boolValue else {
        return .text
      }
      if value.isNaN || (value.isInfinite && errno != ERANGE) { return .nonFinite }
      if value.isInfinite { return .outOfRange }
      if value.magnitude > largestMagnitude { return .tooLarge }
      return .number(value)
    }
  }
}

extension Int32 {
  fileprivate var boolValue: Bool { self != 0 }
}
