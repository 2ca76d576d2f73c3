import Foundation
import Testing

@testable import KSelect

@Suite("DisplayText: control characters and bytes that are not UTF-8")
struct DisplayTextTests {
  @Test("C0, DEL and C1 controls become visible escapes; other text is kept")
  func controls() {
    #expect(DisplayText.escaped("a\nb\rc\td") == "a\\nb\\rc\\td")
    #expect(DisplayText.escaped("\u{1B}[31mred\u{1B}[0m") == "\\u{1B}[31mred\\u{1B}[0m")
    #expect(DisplayText.escaped("\u{0}\u{7}\u{7F}\u{80}\u{9B}\u{9F}") == "\\u{00}\\u{07}\\u{7F}\\u{80}\\u{9B}\\u{9F}")
    #expect(DisplayText.escaped("Zürich, 日本, `x` $(y) \\ \"q\"") == "Zürich, 日本, `x` $(y) \\ \"q\"")
    #expect(DisplayText.escaped("\u{A0}é") == "\u{A0}é")
  }

  @Test("every scalar from U+0000 to U+00A0 is escaped exactly when it is a control")
  func everyLowScalar() {
    for value in UInt32(0)...0xA0 {
      let scalar = Unicode.Scalar(value)!
      let shown = DisplayText.escaped(String(Character(scalar)))
      let control = scalar.properties.generalCategory == .control
      #expect(DisplayText.isControl(scalar) == control, "U+\(String(value, radix: 16))")
      #expect(shown.unicodeScalars.allSatisfy { !DisplayText.isControl($0) })
      #expect((shown.count > 1) == control, "U+\(String(value, radix: 16)) shown as \(shown)")
    }
  }

  @Test("line breaks can be kept for messages of several lines")
  func keepingLineBreaks() {
    #expect(DisplayText.escaped("one\ntwo\u{1B}", keepingLineBreaks: true) == "one\ntwo\\u{1B}")
  }

  @Test("bytes that are not UTF-8 are shown as \\x{HH}, one per byte, never as U+FFFD")
  func invalidBytes() {
    #expect(DisplayText.escaped(bytes: [0x63, 0x61, 0x66, 0xE9]) == "caf\\x{E9}")
    #expect(DisplayText.escaped(bytes: [0xE2, 0x82]) == "\\x{E2}\\x{82}")
    #expect(DisplayText.escaped(bytes: Array("ü\u{1B}".utf8)) == "ü\\u{1B}")
    #expect(DisplayText.escaped(bytes: [0xC0, 0x80, 0x41]) == "\\x{C0}\\x{80}A")
    #expect(UTF8Scan.firstInvalidOffset(in: Array("aü".utf8) + [0xFF]) == 3)
    #expect(UTF8Scan.firstInvalidOffset(in: Array("aü".utf8)) == nil)
  }

  @Test("long text is cut after the limit, counted in characters of the original")
  func limits() {
    #expect(
      DisplayText.escaped(String(repeating: "x", count: 50), limit: 40) == String(repeating: "x", count: 40) + "…")
    #expect(DisplayText.escaped(bytes: Array("\u{1B}\u{1B}\u{1B}".utf8), limit: 2) == "\\u{1B}\\u{1B}…")
    #expect(DisplayText.escaped("short", limit: 40) == "short")
  }
}
