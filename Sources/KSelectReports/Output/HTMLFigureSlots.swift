import Foundation

/// The figures of `report.html`. Each is a slot between two comments,
/// `<!-- kselect-figure NAME FORMAT -->` and `<!-- /kselect-figure -->`, which `filled` replaces
/// with `plots/NAME.FORMAT` once gnuplot has drawn it: an SVG inline (its ids prefixed with the
/// figure's name, so that several SVGs share one page), a PNG as a `data:` URI. `kselect render`
/// fills the slots again from what it drew.
///
/// Only kselect writes such comments: every text from the data on the page is escaped
/// (`HTMLText`), and gnuplot's SVG writes `<` in text as `&lt;`. An SVG holding a script, a
/// comment or foreign content is not inlined but shown as an image (`data:image/svg+xml`), where
/// a browser runs nothing.
enum HTMLFigureSlots {
  static let opening = "<!-- kselect-figure "
  static let closing = "<!-- /kselect-figure -->"

  /// An empty slot for `plots/<name>.<format>` holding `placeholder` (markup).
  static func slot(name: String, format: PlotFormat, placeholder: String) -> String {
    "\(opening)\(name) \(format.rawValue) -->\n\(placeholder)\n\(closing)\n"
  }

  /// `html` with every slot filled from its image, read by `image` (a path inside the report
  /// folder, such as `plots/elbow.svg`; `nil` when it is missing, which keeps the slot as it
  /// is). `format`, when given, replaces each slot's own.
  /// - Complexity: O(n + m) in the lengths of the page and of the images.
  static func filled(_ html: String, format: PlotFormat?, image: (String) -> Data?) -> String {
    var out = ""
    var rest = Substring(html)
    while let start = rest.range(of: opening), let headerEnd = rest[start.upperBound...].range(of: " -->"),
      let end = rest[headerEnd.upperBound...].range(of: closing)
    {
      let header = rest[start.upperBound..<headerEnd.lowerBound].split(separator: " ")
      out += rest[..<start.lowerBound]
      defer { rest = rest[end.upperBound...] }
      guard header.count == 2, let own = PlotFormat(rawValue: String(header[1])) else {
        out += rest[start.lowerBound..<end.upperBound]
        continue
      }
      let name = String(header[0])
      let chosen = format ?? own
      guard let data = image("plots/\(name).\(chosen.rawValue)") else {
        out += rest[start.lowerBound..<end.upperBound]
        continue
      }
      out += "\(opening)\(name) \(chosen.rawValue) -->\n" + figure(name: name, format: chosen, data: data) + "\n"
      out += closing
    }
    return out + rest
  }

  /// The markup showing one image.
  static func figure(name: String, format: PlotFormat, data: Data) -> String {
    if format == .svg, let inline = inlineSVG(name: name, text: String(decoding: data, as: UTF8.self)) {
      return inline
    }
    let type = format == .svg ? "image/svg+xml" : "image/png"
    return "<img alt=\"\(HTMLText.escaped(name)) figure\" src=\"data:\(type);base64,\(data.base64EncodedString())\">"
  }

  /// gnuplot's SVG document as an element of the page: from `<svg` on, its ids prefixed with
  /// the figure's SVG name; `nil` when it holds what a page must not inline.
  static func inlineSVG(name: String, text: String) -> String? {
    guard let start = text.range(of: "<svg") else { return nil }
    let svg = String(text[start.lowerBound...])
    let lowered = svg.lowercased()
    let forbidden = ["<script", "<!--", "<foreignobject", "<iframe", "javascript:"]
    guard !forbidden.contains(where: lowered.contains),
      lowered.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil
    else { return nil }
    let prefix = GnuplotScript.svgName(name)
    return svg.replacingOccurrences(of: "id=\"gnuplot_canvas\"", with: "id=\"\(prefix)_canvas\"")
      .replacingOccurrences(of: "id='gp", with: "id='\(prefix)_gp")
      .replacingOccurrences(of: "href='#gp", with: "href='#\(prefix)_gp")
      .replacingOccurrences(of: "id='textbox'", with: "id='\(prefix)_textbox'")
      .replacingOccurrences(of: "url(#textbox)", with: "url(#\(prefix)_textbox)")
      .replacingOccurrences(of: "id='greybox'", with: "id='\(prefix)_greybox'")
      .replacingOccurrences(of: "url(#greybox)", with: "url(#\(prefix)_greybox)")
  }
}
