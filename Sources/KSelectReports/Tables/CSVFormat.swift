import Foundation

/// The CSV conventions of the report contract: comma-separated, `\n` line ends, numbers in the
/// shortest form that reads back to the same double, undefined values as empty cells.
public enum CSVFormat {
  /// A number in shortest round-trip form; `nil`, NaN and infinities become an empty cell.
  public static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return "\(value)"
  }

  /// A logical value: `TRUE` or `FALSE`, which R's `read.csv` and pandas' `read_csv` both read as
  /// logical (bool) columns.
  public static func boolean(_ value: Bool) -> String { value ? "TRUE" : "FALSE" }

  /// A text cell, quoted when it holds a comma, a quote or a line break (looked for scalar by
  /// scalar: CR LF is one Character, equal to neither "\r" nor "\n").
  public static func text(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingScalars(["\"": "\"\""]) + "\""
  }

  /// A whole table: the header, then one line per row, each line ending in `\n`.
  public static func table(header: [String], rows: [[String]]) -> String {
    var out = header.map(text).joined(separator: ",") + "\n"
    for row in rows { out += row.joined(separator: ",") + "\n" }
    return out
  }
}
