import NNVCore

/// The SVG of the hidden states: a cell per unit and step with its value as a tooltip, the
/// tokens above the columns, unit numbers left of the rows, a colour bar from −1 to 1.
extension HiddenStatesView {
  /// The most cells in the SVG (about 150 bytes each with its tooltip).
  static let maximumSVGCells = 60_000

  public func document() throws -> SVGDocument {
    let units = Swift.min(sequence.units, Self.maximumSVGUnits)
    let steps = Swift.min(
      sequence.steps, Self.maximumSteps, Swift.max(1, Self.maximumSVGCells / Swift.max(1, units)))
    let cw = Swift.max(3, Swift.min(22, 560 / Double(Swift.max(1, steps))))
    let ch = Swift.max(3, Swift.min(14, 420 / Double(Swift.max(1, units))))
    let grid = Box(x: 56, y: 78, width: cw * Double(steps), height: ch * Double(units))
    var notes = [String]()
    if units < sequence.units { notes.append("showing units 1–\(units) of \(sequence.units)") }
    if steps < sequence.steps { notes.append("showing steps 1–\(steps) of \(sequence.steps)") }
    let width = Swift.max(640, grid.maxX + 90)
    var doc = SVGDocument(width: width, height: grid.maxY + 60 + Double(notes.count) * 16)
    SVGAxes.title(&doc, title, width: width)
    drawTokens(&doc, grid: grid, steps: steps, cw: cw)
    doc.beginGroup([("class", "cells")])
    for u in 0..<units {
      try Cancellation.check()
      for t in 0..<steps {
        let value = sequence.states[t][u]
        doc.rect(
          x: grid.x + Double(t) * cw, y: grid.y + Double(u) * ch, width: cw + 0.3,
          height: ch + 0.3, fill: StepGlyphs.color(value).hex,
          tooltip: "unit \(u + 1), step \(t + 1) \(quoted(t)): \(NumberText.short(value))",
          extra: [("class", "cell")])
      }
    }
    doc.endGroup()
    doc.rect(
      x: grid.x, y: grid.y, width: grid.width, height: grid.height, fill: "none",
      stroke: "#888888")
    let every = Swift.max(1, Int((14 / ch).rounded(.up)))
    for u in stride(from: 0, to: units, by: every) {
      doc.text(
        "\(u + 1)", x: grid.x - 4, y: grid.y + (Double(u) + 0.5) * ch + 3.5, anchor: "end",
        size: Swift.min(10, ch), fill: "#666666")
    }
    doc.text("units ↓", x: 8, y: grid.y - 6, size: 10, fill: "#666666")
    doc.text(
      "steps 1…\(steps) →", x: grid.x, y: grid.maxY + 16, size: 10, fill: "#666666")
    SVGAxes.colorBar(
      &doc,
      box: Box(
        x: grid.maxX + 20, y: grid.y + 10, width: 14,
        height: Swift.min(200, Swift.max(60, grid.height - 10))),
      map: .diverging, domain: StepGlyphs.domain)
    NoteText.draw(notes, into: &doc, y: grid.maxY + 38)
    return doc.titled(title)
  }

  /// `‘(’`, or nothing for a step without a token.
  func quoted(_ t: Int) -> String {
    guard let token = sequence.tokens[safe: t], !token.isEmpty else { return "" }
    return "‘\(token)’"
  }

  /// The tokens above their columns, when the columns are wide enough to read them.
  func drawTokens(_ doc: inout SVGDocument, grid: Box, steps: Int, cw: Double) {
    guard cw >= 7 else {
      doc.text("hover a cell for its token", x: grid.x, y: grid.y - 8, size: 10, fill: "#666666")
      return
    }
    let single = StepGlyphs.fitCells(sequence.tokens)
    doc.beginGroup([("class", "tokens")])
    for t in 0..<steps {
      let token = sequence.tokens[safe: t] ?? ""
      let x = grid.x + (Double(t) + 0.5) * cw
      if single {
        doc.text(
          String(StepGlyphs.cell(token, ascii: false)), x: x, y: grid.y - 8, anchor: "middle",
          size: Swift.min(12, cw), extra: [("class", "token")])
      } else {
        // Longer tokens (values) read upwards, one per column.
        let y = grid.y - 4
        doc.text(
          String(token.prefix(6)), x: x + 3, y: y, size: Swift.min(9, cw * 0.8),
          extra: [("class", "token"), ("transform", "rotate(-90 \(x + 3) \(y))")])
      }
    }
    doc.endGroup()
  }
}
