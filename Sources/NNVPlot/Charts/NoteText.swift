import Foundation

/// Notes under charts: wrapped in the terminal, appended below an SVG.
public enum NoteText {
  /// `text` broken at spaces into lines of at most `width` characters; later lines indented.
  public static func wrap(_ text: String, width: Int) -> [String] {
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

  /// A page with `document` on top and the note lines below it.
  public static func page(_ notes: [String], below document: SVGDocument) -> SVGDocument {
    guard !notes.isEmpty else { return document }
    let wrapped = notes.flatMap { wrap($0, width: Int((document.width - 40) / 6.6)) }
    var page = SVGDocument(
      width: document.width, height: document.height + Double(wrapped.count) * 16 + 16)
    page.place(document, x: 0, y: 0)
    draw(wrapped, into: &page, y: document.height + 8)
    return page.titled(document.title)
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
