import Foundation

/// Notes under charts: wrapped in the terminal, appended below an SVG.
enum NoteText {
  /// `text` broken at spaces into lines of at most `width` characters; later lines indented.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard text.count > width, width > 10 else { return [text] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if candidate.count > width, !line.isEmpty {
        lines.append(line)
        line = "  " + word
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// A rendered SVG document with note lines below it: the document is nested as it is.
  static func appending(_ notes: [String], to svg: String, width: Double, height: Double) -> String
  {
    guard !notes.isEmpty, let start = svg.range(of: "<svg ") else { return svg }
    let inner = String(svg[start.lowerBound...]).replacingOccurrences(
      of: "<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg x=\"0\" y=\"0\" ")
    let wrapped = notes.flatMap { wrap($0, width: Int((width - 40) / 6.6)) }
    var doc = SVGDocument(width: width, height: height + Double(wrapped.count) * 16 + 16)
    doc.append(inner)
    draw(wrapped, into: &doc, y: height + 8)
    return doc.render(title: "saliency")
  }

  /// Draws wrapped note lines from `y` down; a continuation line (indented in the text) is
  /// indented by position, since SVG collapses leading spaces. Returns the y after the last.
  @discardableResult
  static func draw(_ lines: [String], into doc: inout SVGDocument, y start: Double) -> Double {
    var y = start
    for line in lines {
      let indented = line.hasPrefix("  ")
      doc.text(
        indented ? String(line.drop { $0 == " " }) : line, x: indented ? 34 : 20, y: y, size: 12,
        extra: [("class", "note")])
      y += 16
    }
    return y
  }
}
