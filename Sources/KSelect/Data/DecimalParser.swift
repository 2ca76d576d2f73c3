/// The fast path of reading a number: plain decimal text (`-12.5`, `3e-4`, `.5`, `+7.`) whose
/// value is the quotient or product of two doubles that are exact — a significand of at most
/// 2⁵³ and a power of ten of at most 10²² — so that one IEEE operation rounds it correctly
/// (Clinger 1990). Anything else (more digits, larger exponents, hexadecimal, `inf`, `nan`,
/// text) is left to `strtod`, so the result is always the one `strtod` gives.
enum DecimalParser {
  /// 10⁰ … 10²², every one exact in a double.
  private static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of `text` when it is plain decimal text the fast path reads exactly, else `nil`.
  /// - Complexity: O(text.count).
  static func exactValue(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
    let count = text.count
    guard count > 0, count <= 64, let p = text.baseAddress else { return nil }
    var i = 0
    var negative = false
    if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    var significand: UInt64 = 0
    var significantDigits = 0
    var digits = 0
    var exponent = 0
    while i < count, p[i] &- 0x30 < 10 {
      let digit = p[i] &- 0x30
      if significantDigits > 0 || digit != 0 { significantDigits += 1 }
      significand = significand &* 10 &+ UInt64(digit)
      digits += 1
      i += 1
    }
    if i < count, p[i] == UInt8(ascii: ".") {
      i += 1
      while i < count, p[i] &- 0x30 < 10 {
        let digit = p[i] &- 0x30
        if significantDigits > 0 || digit != 0 { significantDigits += 1 }
        significand = significand &* 10 &+ UInt64(digit)
        digits += 1
        exponent -= 1
        i += 1
      }
    }
    // Up to 19 significant digits the significand cannot have wrapped around (10¹⁹ < 2⁶⁴).
    guard digits > 0, significantDigits <= 19 else { return nil }
    if i < count, p[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        exponentNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var written = 0
      var exponentDigits = 0
      while i < count, p[i] &- 0x30 < 10, exponentDigits < 6 {
        written = written * 10 + Int(p[i] &- 0x30)
        exponentDigits += 1
        i += 1
      }
      guard exponentDigits > 0 else { return nil }
      exponent += exponentNegative ? -written : written
    }
    guard i == count else { return nil }
    if significand == 0 { return negative ? -0.0 : 0.0 }
    guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
    let magnitude =
      exponent >= 0
      ? Double(significand) * powersOfTen[exponent] : Double(significand) / powersOfTen[-exponent]
    return negative ? -magnitude : magnitude
  }
}
