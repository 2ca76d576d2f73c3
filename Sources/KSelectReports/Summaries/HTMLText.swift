import KSelect

/// Text written into `report.html`.
enum HTMLText {
  /// `text` as HTML character data or a double- or single-quoted attribute value: control
  /// characters shown as escapes (`DisplayText`), then `&`, `<`, `>`, `"` and `'` written as
  /// character references, so no text from the data is ever read as markup.
  /// - Complexity: O(n) in the length of `text`.
  static func escaped(_ text: String) -> String {
    DisplayText.escaped(text).replacingScalars([
      "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ])
  }
}
