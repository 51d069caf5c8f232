/// A self-contained HTML page: a header with named facts, sections that fold, a table of
/// contents linking to them, and the page's own style and small script inline. It needs no
/// network and no other file, and prints with every section open.
public struct HTMLPage: Sendable {
  /// A named value shown in the header (`parameters` `226`), with an optional tooltip.
  public struct Fact: Sendable {
    public var name: String
    public var value: String
    public var tooltip: String?

    public init(_ name: String, _ value: String, tooltip: String? = nil) {
      self.name = name
      self.value = value
      self.tooltip = tooltip
    }
  }

  /// The page's heading; the browser's title for it adds the kicker (`net · nnv report`).
  public var title: String
  /// The small line above the heading (`nnv report`).
  public var kicker: String
  /// A sentence under the heading.
  public var subtitle: String?
  public var facts: [Fact]
  /// Markup under the facts (a model written as code).
  public var header: HTMLMarkup
  public var sections: [HTMLSection]
  /// The last line of the page.
  public var footer: String?
  /// What made the page, for its `generator` meta element.
  public var generator: String?

  public init(
    title: String, kicker: String, subtitle: String? = nil, facts: [Fact] = [],
    header: HTMLMarkup = .empty, sections: [HTMLSection] = [], footer: String? = nil,
    generator: String? = nil
  ) {
    self.title = title
    self.kicker = kicker
    self.subtitle = subtitle
    self.facts = facts
    self.header = header
    self.sections = sections
    self.footer = footer
    self.generator = generator
  }

  /// The ids the page uses itself; a section never takes one of them.
  static let reservedIdentifiers: Set<String> = ["contents", "expand-all", "collapse-all", "top"]

  /// The sections with ids that are unique on the page: a repeated one gets `-2`, `-3`.
  var identifiedSections: [HTMLSection] {
    var used = Self.reservedIdentifiers
    return sections.map { section in
      var copy = section
      let base = HTML.identifier(section.id)
      var id = base
      var n = 2
      while used.contains(id) {
        id = "\(base)-\(n)"
        n += 1
      }
      used.insert(id)
      copy.id = id
      return copy
    }
  }

  /// The whole page as HTML5 text.
  public func render() -> String {
    let sections = identifiedSections
    var head: [HTMLMarkup] = [
      .element("meta", ["charset": "utf-8"]),
      .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
    ]
    if let generator { head.append(.element("meta", ["name": "generator", "content": generator])) }
    head += [
      .element("title", text: "\(title) · \(kicker)"),
      .element("style", [:], [.trusted(Self.style)]),
    ]
    let main: [HTMLMarkup] =
      [headerMarkup()] + sections.map(\.markup)
      + (footer.map { [.element("footer", text: $0)] } ?? [])
    let body = HTMLMarkup.element(
      "body", [:],
      [
        .element(
          "div", ["class": "layout"],
          [contents(sections), .element("main", ["id": "top"], main)]),
        .element("script", [:], [.trusted(Self.script)]),
      ])
    return "<!DOCTYPE html>\n"
      + HTMLMarkup.element("html", ["lang": "en"], [.element("head", [:], head), body]).html
      + "\n"
  }

  /// The heading, the subtitle, the facts and the header markup.
  func headerMarkup() -> HTMLMarkup {
    var parts: [HTMLMarkup] = [
      .element("p", ["class": "kicker"], text: kicker), .element("h1", text: title),
    ]
    if let subtitle { parts.append(.element("p", ["class": "subtitle"], text: subtitle)) }
    if !facts.isEmpty {
      let items = facts.map { fact -> HTMLMarkup in
        let value: HTMLMarkup =
          fact.tooltip.map { .element("dd", ["title": $0], text: fact.value) }
          ?? .element("dd", text: fact.value)
        return .element("div", [:], [.element("dt", text: fact.name), value])
      }
      parts.append(.element("dl", ["class": "facts"], items))
    }
    parts.append(header)
    return .element("header", ["class": "page"], parts)
  }

  /// The table of contents, with the buttons that open and fold every section.
  func contents(_ sections: [HTMLSection]) -> HTMLMarkup {
    let items = sections.map { section in
      HTMLMarkup.element(
        "li", [:], [.element("a", ["href": "#" + section.id], text: section.title)])
    }
    return .element(
      "nav", ["class": "toc", "id": "contents", "aria-label": "Contents"],
      [
        .element("p", ["class": "toc-title"], text: "Contents"),
        .element("ol", [:], items),
        .element(
          "div", ["class": "controls"],
          [
            .element("button", ["type": "button", "id": "expand-all"], text: "Expand all"),
            .element("button", ["type": "button", "id": "collapse-all"], text: "Fold all"),
          ]),
      ])
  }
}

/// A part of a page that folds: a heading, a short note beside it, and its content.
public struct HTMLSection: Sendable {
  /// The section's `id` (made unique on the page), which the table of contents links to.
  public var id: String
  public var title: String
  /// A few words beside the heading (`2 findings`).
  public var note: String?
  public var body: [HTMLMarkup]

  public init(id: String, title: String, note: String? = nil, body: [HTMLMarkup]) {
    self.id = id
    self.title = title
    self.note = note
    self.body = body
  }

  /// An open `details` element whose `summary` is the heading.
  var markup: HTMLMarkup {
    var summary: [HTMLMarkup] = [.element("h2", text: title)]
    if let note { summary.append(.element("span", ["class": "note"], text: note)) }
    return .element(
      "details", ["class": "section", "id": id, "open": ""],
      [
        .element("summary", [:], summary),
        .element("div", ["class": "section-body"], body),
      ])
  }
}
