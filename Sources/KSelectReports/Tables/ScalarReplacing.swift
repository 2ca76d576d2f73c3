extension String {
  /// The string with every scalar found in `replacements` replaced, scalar by scalar: unlike
  /// `replacingOccurrences`, which compares Characters, a `"` followed by a combining mark or
  /// the CR of a CR LF is still found.
  func replacingScalars(_ replacements: [Unicode.Scalar: String]) -> String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for scalar in unicodeScalars {
      if let replacement = replacements[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }
}
