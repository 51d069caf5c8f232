/// A piece of HTML built only from escaped text, elements whose names and attribute names the
/// code spells out, and whole SVG documents: what a script, a model file or a data set names
/// (a model called `<script>`, a class called `a & b`) can only ever become text.
public struct HTMLMarkup: Sendable {
  /// The markup, ready to place in a page.
  public let html: String

  private init(raw: String) { html = raw }

  /// Nothing.
  public static let empty = HTMLMarkup(raw: "")

  /// `text`, escaped.
  public static func text(_ text: String) -> HTMLMarkup { HTMLMarkup(raw: HTML.escape(text)) }

  /// The elements HTML defines as void: written without an end tag.
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
  ]

  /// An element `name` (lowercase letters and digits, spelled by the code) with its
  /// attributes, whose values are escaped, and its children; a void element takes none.
  public static func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:],
    _ children: [HTMLMarkup] = []
  ) -> HTMLMarkup {
    let tag = HTML.name(name)
    var text = "<" + tag
    for (key, value) in attributes {
      text += " \(HTML.name(key))=\"\(HTML.escape(value))\""
    }
    text += ">"
    guard !voidElements.contains(tag) else { return HTMLMarkup(raw: text) }
    text += children.map(\.html).joined()
    text += "</\(tag)>"
    return HTMLMarkup(raw: text)
  }

  /// An element holding only `text`.
  public static func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String
  ) -> HTMLMarkup {
    element(name, attributes, [.text(text)])
  }

  /// A whole SVG document inline, its tooltips (`<title>`) as the document has them.
  public static func svg(_ document: SVGDocument) -> HTMLMarkup {
    HTMLMarkup(raw: document.inlineElement())
  }

  /// The pieces one after another.
  public static func joined(_ pieces: [HTMLMarkup], separator: String = "") -> HTMLMarkup {
    HTMLMarkup(raw: pieces.map(\.html).joined(separator: HTML.escape(separator)))
  }

  /// Markup that the page itself writes (its style and script): constant text of this
  /// module, never anything from a model or data.
  static func trusted(_ text: StaticString) -> HTMLMarkup { HTMLMarkup(raw: "\(text)") }
}

/// Escaping for HTML.
public enum HTML {
  /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values, and drops the control
  /// characters HTML does not allow (keeping tab and line breaks).
  public static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

  /// An element or attribute name as the code spells it, kept to lowercase ASCII letters,
  /// digits and `-`, so that a mistake can never open markup.
  static func name(_ text: String) -> String {
    let kept = text.lowercased().unicodeScalars.filter {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
    return kept.isEmpty ? "span" : String(String.UnicodeScalarView(kept))
  }

  /// An `id` made from `text`: lowercase letters, digits and `-`, starting with a letter.
  public static func identifier(_ text: String) -> String {
    var result = ""
    var dash = false
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if dash, !result.isEmpty { result += "-" }
        result.unicodeScalars.append(scalar)
        dash = false
      } else {
        dash = true
      }
    }
    guard let first = result.unicodeScalars.first, ("a"..."z").contains(first) else {
      return "s-" + result
    }
    return result
  }
}
