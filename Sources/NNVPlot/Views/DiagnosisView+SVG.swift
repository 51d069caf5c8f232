import NNVCore

extension DiagnosisView {
  /// The page's width, and the characters that fit in a card: of the message, of the
  /// smaller evidence, and of the suggestion in a fixed-width face.
  static let pageWidth = 760.0
  static let messageCharacters = 116
  static let evidenceCharacters = 128
  static let suggestionCharacters = 100

  public func document() throws -> SVGDocument {
    var cards: [(Finding, message: [String], evidence: [String], fix: [String])] = []
    for finding in report.findings {
      try Cancellation.check()
      let wrap = { (text: String, lead: String, width: Int) in
        Self.wrap(text, width: width, lead: lead, indent: "")
      }
      cards.append(
        (
          finding, wrap(finding.message, "", Self.messageCharacters),
          wrap(evidence(finding), "evidence: ", Self.evidenceCharacters),
          wrap(finding.suggestion, "try: ", Self.suggestionCharacters)
        ))
    }
    let (checked, skipped) = checkedLines
    let footer =
      Self.wrap("checked: " + checked, width: 112, lead: "", indent: "")
      + skipped.flatMap { Self.wrap("not checked: " + $0, width: 112, lead: "", indent: "") }
    let heights = cards.map {
      40 + 16 * Double($0.message.count + $0.evidence.count + $0.fix.count)
    }
    let height = 84 + heights.reduce(0) { $0 + $1 + 12 } + 16 * Double(footer.count) + 16
    var doc = SVGDocument(width: Self.pageWidth, height: height)
    SVGAxes.title(&doc, title, width: Self.pageWidth)
    doc.text(tally, x: Self.pageWidth / 2, y: 46, anchor: "middle", size: 13, fill: "#444444")
    var y = 66.0
    for (card, cardHeight) in zip(cards, heights) {
      draw(card, into: &doc, y: y, height: cardHeight)
      y += cardHeight + 12
    }
    y += 10
    doc.beginGroup([("class", "checked")])
    for line in footer {
      doc.text(line, x: 20, y: y, size: 11, fill: "#555555")
      y += 16
    }
    doc.endGroup()
    return doc.titled(title)
  }

  /// One finding as a card from `y`: a bar in its severity's colour, a heading, the message,
  /// the evidence in grey and the suggestion in a fixed-width face.
  func draw(
    _ card: (Finding, message: [String], evidence: [String], fix: [String]),
    into doc: inout SVGDocument, y: Double, height: Double
  ) {
    let (finding, message, evidence, fix) = card
    let color = Self.color(finding.severity).hex
    doc.beginGroup([
      ("class", "finding"), ("data-code", finding.code.rawValue),
      ("data-severity", finding.severity.name),
    ])
    doc.rect(
      x: 20, y: y, width: Self.pageWidth - 40, height: height, fill: "#fafafa", stroke: "#dddddd")
    doc.rect(x: 20, y: y, width: 6, height: height, fill: color)
    let heading =
      "\(finding.severity.name) · \(finding.code.rawValue)"
      + (finding.layer.map { " · \($0)" } ?? "")
    doc.text(heading, x: 38, y: y + 22, size: 14, weight: "bold", fill: color)
    var line = y + 42
    for text in message {
      doc.text(text, x: 38, y: line, size: 12)
      line += 16
    }
    for text in evidence {
      doc.text(text, x: 38, y: line, size: 11, fill: "#555555", extra: [("class", "evidence")])
      line += 16
    }
    for text in fix {
      doc.text(
        text, x: 38, y: line, size: 11, fill: "#1b5e20",
        extra: [("class", "suggestion"), ("font-family", "monospace")])
      line += 16
    }
    doc.endGroup()
  }
}
