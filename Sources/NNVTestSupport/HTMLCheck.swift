import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Checks that a page is well-formed HTML5 as nnv writes it, stricter than a browser: a
/// doctype, one `html` with one `head` (holding a `title`) and one `body`; every element
/// closed in order except the void ones; `/>` only on void elements and inside SVG; quoted,
/// unrepeated attributes; every `&` a character reference and every `<` a tag; unique ids;
/// every link to `#id` pointing at one, and nothing loaded from elsewhere (no `src`, no
/// `href` but `#id`); and every inline `<svg>` element well-formed XML.
public struct HTMLCheck {
  /// What is wrong, one sentence each; empty for a good page.
  public private(set) var problems: [String] = []
  /// The ids on the page, in order.
  public private(set) var ids: [String] = []
  /// The `#id` links, in order, without the `#`.
  public private(set) var links: [String] = []
  /// The inline `<svg>` elements, each as written.
  public private(set) var svgs: [String] = []
  /// How many times each element occurs outside SVG, by lowercase name (`svg` counts the
  /// outermost SVG elements).
  public private(set) var elementCounts: [String: Int] = [:]

  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
  ]
  static let rawTextElements: Set<String> = ["script", "style", "title", "textarea"]

  private let bytes: [UInt8]
  private var i = 0
  private var stack: [String] = []
  private var svgStart: Int?

  /// Checks `text`.
  public init(_ text: String) {
    bytes = Array(text.utf8)
    scan()
    finish()
  }

  private mutating func problem(_ text: String) {
    if problems.count < 50 { problems.append(text) }
  }

  private func starts(with prefix: String, at position: Int, caseless: Bool = false) -> Bool {
    let p = Array(prefix.utf8)
    guard position + p.count <= bytes.count else { return false }
    for k in 0..<p.count {
      var b = bytes[position + k]
      if caseless, b >= 65, b <= 90 { b += 32 }
      if b != p[k] { return false }
    }
    return true
  }

  private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

  private mutating func scan() {
    if !starts(with: "<!doctype html>", at: 0, caseless: true) {
      problem("the page does not start with <!DOCTYPE html>")
    } else {
      i = 15
    }
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "<"): tag()
      case UInt8(ascii: "&"): reference()
      default: i += 1
      }
    }
  }

  /// A character reference: `&name;`, `&#123;` or `&#x1F;`.
  private mutating func reference() {
    var j = i + 1
    if j < bytes.count, bytes[j] == UInt8(ascii: "#") {
      j += 1
      if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "x") { j += 1 }
    }
    let start = j
    while j < bytes.count, Self.isLetter(bytes[j]) || (48...57).contains(bytes[j]) { j += 1 }
    if j == start || j >= bytes.count || bytes[j] != UInt8(ascii: ";") {
      problem("a bare & at byte \(i) (write &amp;)")
    }
    i = Swift.max(i + 1, j)
  }

  private mutating func tag() {
    if starts(with: "<!--", at: i) {
      guard let end = find("-->", from: i + 4) else { return unterminated("comment") }
      i = end + 3
      return
    }
    let closing = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/")
    let nameStart = i + (closing ? 2 : 1)
    guard nameStart < bytes.count, Self.isLetter(bytes[nameStart]) else {
      problem("a < that opens no tag at byte \(i) (write &lt;)")
      i += 1
      return
    }
    var j = nameStart
    while j < bytes.count, !Self.ends(bytes[j]) { j += 1 }
    let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
    let open = i
    i = j
    if closing {
      skipSpaces()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { return unterminated("</\(name)") }
      i += 1
      close(name, at: open)
    } else {
      let selfClosing = attributes(of: name)
      start(name, at: open, selfClosing: selfClosing)
    }
  }

  private static func ends(_ b: UInt8) -> Bool {
    b == 32 || b == 9 || b == 10 || b == 13 || b == 12 || b == UInt8(ascii: ">")
      || b == UInt8(ascii: "/")
  }

  private mutating func skipSpaces() {
    while i < bytes.count, [32, 9, 10, 13, 12].contains(bytes[i]) { i += 1 }
  }

  private func find(_ text: String, from position: Int, caseless: Bool = false) -> Int? {
    var k = position
    while k < bytes.count {
      if starts(with: text, at: k, caseless: caseless) { return k }
      k += 1
    }
    return nil
  }

  private mutating func unterminated(_ what: String) {
    problem("\(what) is not closed")
    i = bytes.count
  }

  /// Reads a start tag's attributes up to its `>`; whether it ended with `/>`.
  private mutating func attributes(of element: String) -> Bool {
    var seen: Set<String> = []
    while true {
      skipSpaces()
      guard i < bytes.count else {
        unterminated("<\(element)")
        return false
      }
      if bytes[i] == UInt8(ascii: ">") {
        i += 1
        return false
      }
      if starts(with: "/>", at: i) {
        i += 2
        return true
      }
      let start = i
      while i < bytes.count, !Self.ends(bytes[i]), bytes[i] != UInt8(ascii: "=") { i += 1 }
      let name = String(decoding: bytes[start..<i], as: UTF8.self)
      if name.isEmpty || name.contains(where: { "\"'<".contains($0) }) {
        problem("a broken attribute in <\(element)> at byte \(start)")
        i += 1
        continue
      }
      if !seen.insert(name.lowercased()).inserted {
        problem("<\(element)> repeats the attribute \(name)")
      }
      skipSpaces()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
      i += 1
      skipSpaces()
      attribute(name.lowercased(), of: element, value: quotedValue(in: element))
    }
  }

  private mutating func quotedValue(in element: String) -> String {
    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
      problem("an unquoted attribute value in <\(element)> at byte \(i)")
      while i < bytes.count, !Self.ends(bytes[i]) { i += 1 }
      return ""
    }
    let quote = bytes[i]
    let start = i + 1
    var end = start
    while end < bytes.count, bytes[end] != quote { end += 1 }
    i = Swift.min(bytes.count, end + 1)
    let value = String(decoding: bytes[start..<Swift.min(end, bytes.count)], as: UTF8.self)
    if value.contains("<") { problem("a < inside an attribute of <\(element)>") }
    return value
  }

  private mutating func attribute(_ name: String, of element: String, value: String) {
    switch name {
    case "id":
      if value.isEmpty || value.contains(where: \.isWhitespace) {
        problem("the id '\(value)' is empty or has spaces")
      }
      ids.append(value)
    case "href", "xlink:href":
      if value.hasPrefix("#") {
        links.append(String(value.dropFirst()))
      } else {
        problem("<\(element)> links outside the page: \(value)")
      }
    case "src", "srcset", "action", "formaction", "poster", "data":
      problem("<\(element)> loads \(name)=\(value) from outside the page")
    default: break
    }
  }

  private mutating func start(_ name: String, at position: Int, selfClosing: Bool) {
    let inSVG = svgStart != nil
    if !inSVG { elementCounts[name, default: 0] += 1 }
    if name == "svg", !inSVG { svgStart = position }
    if Self.voidElements.contains(name), !inSVG { return }
    if selfClosing {
      if !inSVG { problem("<\(name)/> closes itself, which HTML ignores for non-void elements") }
      if name == "svg", stack.allSatisfy({ $0 != "svg" }) { endSVG(at: i) }
      return
    }
    stack.append(name)
    if Self.rawTextElements.contains(name), !inSVG {
      guard let end = find("</\(name)", from: i, caseless: true) else {
        return unterminated("<\(name)>")
      }
      i = end
    }
  }

  private mutating func close(_ name: String, at position: Int) {
    guard let top = stack.last else {
      problem("</\(name)> closes nothing")
      return
    }
    guard top == name else {
      problem("</\(name)> at byte \(position) closes <\(top)>")
      return
    }
    stack.removeLast()
    if name == "svg", !stack.contains("svg") { endSVG(at: i) }
  }

  /// Parses the outermost `<svg>` element that ends at `end` as XML.
  private mutating func endSVG(at end: Int) {
    guard let start = svgStart else { return }
    svgStart = nil
    let svg = String(decoding: bytes[start..<end], as: UTF8.self)
    svgs.append(svg)
    let parser = XMLParser(data: Data(svg.utf8))
    if !parser.parse() {
      let reason = parser.parserError.map { "\($0)" } ?? "unknown"
      problem("an inline <svg> (number \(svgs.count)) is not well-formed XML: \(reason)")
    }
  }

  private mutating func finish() {
    if !stack.isEmpty { problem("not closed at the end: \(stack.joined(separator: ", "))") }
    for (name, expected) in [("html", 1), ("head", 1), ("body", 1), ("title", 1)] {
      let count = elementCounts[name] ?? 0
      if count != expected { problem("\(count) <\(name)> elements, not \(expected)") }
    }
    var seen: Set<String> = []
    for id in ids where !seen.insert(id).inserted { problem("the id '\(id)' is used twice") }
    for link in links where !seen.contains(link) { problem("the link #\(link) has no target") }
  }
}
