/// A small SVG writer: elements as text, attributes escaped, numbers at fixed precision.
///
/// The output is a self-contained document (no scripts, fonts or links) with a `viewBox`, so it
/// scales cleanly on a slide. Every chart builds one of these, and pages of several charts
/// place whole documents inside another (`place`), never edit rendered text.
public struct SVGDocument: Sendable {
  public let width: Double
  public let height: Double
  /// The picture's `<title>`, which viewers show as its name.
  public var title: String?
  private var body: [String] = []

  public init(width: Double, height: Double) {
    self.width = Swift.max(1, width.isFinite ? width : 640)
    self.height = Swift.max(1, height.isFinite ? height : 400)
  }

  /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values, and drops characters
  /// XML does not allow (`MarkupEscaping`, the same rule as HTML's).
  public static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

  static func n(_ value: Double) -> String { NumberText.coordinate(value) }

  static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }

  /// Appends raw markup built by the helpers below.
  public mutating func append(_ markup: String) { body.append(markup) }

  /// A rectangle, with an optional tooltip.
  public mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String,
    stroke: String? = nil, tooltip: String? = nil, extra: [(String, String)] = []
  ) {
    var pairs = [
      ("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(Swift.max(0, width))),
      ("height", Self.n(Swift.max(0, height))), ("fill", fill),
    ]
    if let stroke { pairs.append(("stroke", stroke)) }
    pairs += extra
    element("rect", pairs, tooltip: tooltip)
  }

  public mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
    width: Double = 1, tooltip: String? = nil, extra: [(String, String)] = []
  ) {
    element(
      "line",
      [
        ("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)),
        ("stroke", stroke), ("stroke-width", Self.n(width)),
      ] + extra, tooltip: tooltip)
  }

  public mutating func circle(
    cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
    tooltip: String? = nil, extra: [(String, String)] = []
  ) {
    var pairs = [("cx", Self.n(cx)), ("cy", Self.n(cy)), ("r", Self.n(r)), ("fill", fill)]
    if let stroke { pairs.append(("stroke", stroke)) }
    element("circle", pairs + extra, tooltip: tooltip)
  }

  /// A polyline through `points`; non-finite points split it into separate pieces.
  public mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double = 2,
    extra: [(String, String)] = []
  ) {
    var pieces: [[(Double, Double)]] = [[]]
    for p in points {
      if p.0.isFinite && p.1.isFinite {
        pieces[pieces.count - 1].append(p)
      } else if !(pieces.last?.isEmpty ?? true) {
        pieces.append([])
      }
    }
    for piece in pieces where !piece.isEmpty {
      let text = piece.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
      element(
        "polyline",
        [
          ("points", text), ("fill", "none"), ("stroke", stroke),
          ("stroke-width", Self.n(width)), ("stroke-linejoin", "round"),
        ] + extra)
    }
  }

  /// Text; `anchor` is `start`, `middle` or `end`.
  public mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
    weight: String? = nil, fill: String = "#222222", extra: [(String, String)] = []
  ) {
    var pairs = [
      ("x", Self.n(x)), ("y", Self.n(y)), ("font-size", Self.n(size)), ("text-anchor", anchor),
      ("fill", fill),
    ]
    if let weight { pairs.append(("font-weight", weight)) }
    body.append("<text\(Self.attributes(pairs + extra))>\(Self.escape(content))</text>")
  }

  mutating func element(_ name: String, _ pairs: [(String, String)], tooltip: String? = nil) {
    if let tooltip {
      body.append(
        "<\(name)\(Self.attributes(pairs))><title>\(Self.escape(tooltip))</title></\(name)>")
    } else {
      body.append("<\(name)\(Self.attributes(pairs))/>")
    }
  }

  /// Starts a group (close it with `endGroup`).
  public mutating func beginGroup(_ pairs: [(String, String)] = []) {
    body.append("<g\(Self.attributes(pairs))>")
  }

  public mutating func endGroup() { body.append("</g>") }

  /// The document with `title` as its picture's title.
  public func titled(_ title: String?) -> SVGDocument {
    var copy = self
    copy.title = title
    return copy
  }

  /// Places `other` inside this document with its top left corner at (`x`, `y`): a nested
  /// `<svg>` element keeps its own coordinates, title and background.
  public mutating func place(_ other: SVGDocument, x: Double = 0, y: Double = 0) {
    var position: [String] = []
    if x != 0 { position.append("x=\"\(Self.n(x))\"") }
    position.append("y=\"\(Self.n(y))\"")
    body.append(other.svgElement(opening: position.joined(separator: " ")))
  }

  /// The whole document; `title` (if given) replaces the document's own.
  public func render(title: String? = nil) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + svgElement(opening: "xmlns=\"http://www.w3.org/2000/svg\"", title: title ?? self.title)
  }

  /// The `<svg>` element alone, without the XML declaration: what an HTML page holds inline.
  public func inlineElement() -> String {
    svgElement(opening: "xmlns=\"http://www.w3.org/2000/svg\"")
  }

  /// The `<svg>` element with `opening` as its first attributes.
  private func svgElement(opening: String, title: String? = nil) -> String {
    let title = title ?? self.title
    var text = "<svg \(opening) width=\"\(Self.n(width))\" "
    text += "height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
    text += "font-family=\"Helvetica, Arial, sans-serif\">\n"
    if let title { text += "<title>\(Self.escape(title))</title>\n" }
    text += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
    text += "fill=\"#ffffff\"/>\n"
    text += body.joined(separator: "\n")
    text += "\n</svg>\n"
    return text
  }
}
