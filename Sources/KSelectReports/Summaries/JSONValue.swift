/// A JSON document written deterministically: object keys sorted, two-space indentation,
/// numbers in shortest round-trip form, non-finite numbers as `null`.
///
/// Foundation's encoders omit `nil` optionals and format doubles differently across platforms;
/// the report contract needs explicit `null`s and byte-identical output for identical runs.
public indirect enum JSONValue: Equatable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer, written without a decimal point.
  case int(Int)
  /// A double in shortest round-trip form (`null` when not finite).
  case number(Double)
  /// A string, escaped as JSON requires.
  case string(String)
  /// An array; written on one line when it holds only scalars.
  case array([JSONValue])
  /// An object; its keys are written sorted.
  case object([String: JSONValue])

  /// An integer, or `null` when absent.
  public static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

  /// A number, or `null` when absent or not finite.
  public static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// A string, or `null` when absent.
  public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

  /// The document as text, ending in a line break.
  public var text: String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private func write(to out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .number(let value): out += value.isFinite ? "\(value)" : "null"
    case .string(let value): Self.quote(value, into: &out)
    case .array(let values):
      guard !values.isEmpty else {
        out += "[]"
        return
      }
      if values.allSatisfy(\.isScalar) {
        out += "["
        for (index, value) in values.enumerated() {
          if index > 0 { out += ", " }
          value.write(to: &out, indent: indent)
        }
        out += "]"
        return
      }
      let inner = indent + "  "
      out += "[\n"
      for (index, value) in values.enumerated() {
        out += inner
        value.write(to: &out, indent: inner)
        out += index < values.count - 1 ? ",\n" : "\n"
      }
      out += indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      let inner = indent + "  "
      out += "{\n"
      for (index, key) in members.keys.sorted().enumerated() {
        out += inner
        Self.quote(key, into: &out)
        out += ": "
        members[key]!.write(to: &out, indent: inner)
        out += index < members.count - 1 ? ",\n" : "\n"
      }
      out += indent + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  private static func quote(_ string: String, into out: inout String) {
    out += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
