import Foundation
import Testing

@testable import KSelect

/// `text` parsed as a cell by the loader.
private func cell(_ text: String) -> CellValue {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { CellValue.parse($0) }
}

/// `text` parsed by `strtod` alone: the reference the fast path must agree with.
private func reference(_ text: String) -> CellValue {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { $0.isEmpty ? .empty : CellValue.parseWithStrtod($0) }
}

/// Whether two cell values are the same, numbers compared bit for bit (so -0 differs from 0).
private func same(_ a: CellValue, _ b: CellValue) -> Bool {
  if case .number(let x) = a, case .number(let y) = b { return x.bitPattern == y.bitPattern }
  return a == b
}

/// A deterministic generator (SplitMix64), so that a failure replays.
private struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Number parsing: the fast path against strtod")
struct NumberParsingTests {
  @Test("edge values read as strtod reads them, bit for bit")
  func edges() {
    let texts = [
      "0", "-0", "+0", "0.0", "-0.0", "00", "007", "1", "-1", "+1", "1.", ".5", "-.5", "+.5e1", "5.e-1",
      "9007199254740992", "9007199254740993", "9007199254740991", "18446744073709551615",
      "18446744073709551616", "12345678901234567890", "1234567890123456789", "0.1", "0.2", "0.3",
      "1e22", "1e23", "1e-22", "1e-23", "123456789012345e22", "9007199254740993e-22", "4.9e-324", "5e-324",
      "2e-324", "2.2250738585072014e-308", "2.2250738585072011e-308", "1.7976931348623157e308",
      "1.7976931348623159e308", "1e308", "1e309", "-1e309", "1e-400", "1e100", "1.0000000000000001e100",
      "1e101", "-1e101", "0x1p-1074", "0x1.8p1", "0X10", "inf", "-inf", "+inf", "INF", "infinity", "Infinity",
      "nan", "NaN", "-nan", "nan(123)", ".", "-", "+", "e5", "1e", "1e+", "1e-", "--1", "+-1", "1..2", "1.2.3",
      "1e5.5", "1,5", "1 ", " 1", "\u{0B}1", "1\u{0B}", "1e0000000000000000000005", "0e99999999",
      "0.000000000000000000000000000001", "1" + String(repeating: "0", count: 30),
      "0." + String(repeating: "9", count: 40), String(repeating: "1", count: 401), "12abc", "abc", "1_000",
      "1e+022", "1E22", "1E-5", "3.14159265358979323846264338327950288", "0.30000000000000004",
    ]
    for text in texts {
      #expect(same(cell(text), reference(text)), "\(text.debugDescription)")
    }
    #expect(cell("") == .empty)
    #expect(cell("1e101") == .tooLarge)
    #expect(cell("1e999") == .outOfRange)
    #expect(cell("-inf") == .nonFinite && cell("nan") == .nonFinite)
    #expect(cell("4.9e-324") == .number(.leastNonzeroMagnitude))
  }

  @Test("random doubles in every printed form read as strtod reads them")
  func randomDoubles() {
    var random = SplitMix(state: 20_261_202)
    let formats = ["%.17g", "%.16g", "%.15g", "%.6f", "%.3e", "%.18e", "%g", "%.0f", "%.10f", "%a"]
    for index in 0..<60_000 {
      // Finite doubles of every binade (subnormals included), and plain numbers of a few digits.
      var value = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
      if index % 3 == 0 { value = Double(Int64.random(in: -1_000_000...1_000_000, using: &random)) / 1000 }
      if index % 5 == 0 { value = Double.random(in: -100...100, using: &random) }
      if random.next() & 1 == 1 { value = -value }
      let text = String(format: formats[index % formats.count], value)
      #expect(same(cell(text), reference(text)), "\(text)")
    }
  }

  @Test("random decimal strings (1–22 digits, any point, exponents −40…40) read as strtod reads them")
  func randomDecimalStrings() {
    var random = SplitMix(state: 7)
    for _ in 0..<60_000 {
      let digits = Int.random(in: 1...22, using: &random)
      var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
      let point = Int.random(in: 0...digits, using: &random)
      if random.next() % 3 != 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
      if random.next() % 2 == 0 { text += "e\(Int.random(in: -40...40, using: &random))" }
      switch random.next() % 3 {
      case 0: text = "-" + text
      case 1: text = "+" + text
      default: break
      }
      #expect(same(cell(text), reference(text)), "\(text)")
    }
  }

  @Test("the fast path takes plain decimals and leaves the rest to strtod")
  func fastPathScope() {
    func fast(_ text: String) -> Double? { Array(text.utf8).withUnsafeBufferPointer { DecimalParser.exactValue($0) } }
    #expect(fast("-12.5") == -12.5 && fast("3e-4") == 3e-4 && fast(".5") == 0.5 && fast("+7.") == 7)
    #expect(fast("0.1") == 0.1 && fast("1e22") == 1e22)
    // Not exact in one operation, or not plain decimal: strtod decides.
    #expect(fast("1e23") == nil && fast("9007199254740993") == nil && fast("0.30000000000000004") == nil)
    #expect(fast("inf") == nil && fast("0x10") == nil && fast("1e") == nil && fast(".") == nil)
  }
}
