import NNVCore

/// The SVG of the gates: a line per gate over the steps, each point with its value as a
/// tooltip, the tokens under the time axis, a legend naming the gates.
extension GateActivityView {
  public func document() throws -> SVGDocument {
    let steps = sequence.steps
    let signed = sequence.gates.contains { Self.range($0.name).lowerBound < 0 }
    let yDomain: ClosedRange<Double> = signed ? -1...1 : 0...1
    let step = Swift.max(3, Swift.min(24, 560 / Double(Swift.max(1, steps))))
    let plot = Box(x: 60, y: 60, width: step * Double(Swift.max(1, steps)), height: 240)
    let width = Swift.max(640, plot.maxX + 150)
    var doc = SVGDocument(width: width, height: plot.maxY + 110)
    SVGAxes.title(&doc, title, width: width)
    let y = Scale(domain: yDomain, range: plot.y...plot.maxY, flipped: true)
    let x = { (t: Int) in plot.x + (Double(t) + 0.5) * step }
    for value in stride(from: yDomain.lowerBound, through: yDomain.upperBound, by: 0.5) {
      doc.line(plot.x, y(value), plot.maxX, y(value), stroke: value == 0 ? "#999999" : "#e6e6e6")
      doc.text(
        NumberText.short(value), x: plot.x - 6, y: y(value) + 4, anchor: "end", size: 10)
    }
    doc.rect(
      x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none",
      stroke: "#888888")
    for (k, gate) in sequence.gates.enumerated() {
      try Cancellation.check()
      let color = CategoricalPalette.color(k).hex
      doc.beginGroup([("class", "gate"), ("data-gate", gate.name)])
      doc.polyline(gate.means.indices.map { (x($0), y(gate.means[$0])) }, stroke: color)
      for (t, value) in gate.means.enumerated() where value.isFinite && step >= 6 {
        let token = sequence.tokens[safe: t] ?? ""
        doc.circle(
          cx: x(t), cy: y(value), r: 2.5, fill: color,
          tooltip: "\(gate.name) \(Self.meaning(gate.name)), step \(t + 1) ‘\(token)’: "
            + NumberText.fixed(value, decimals: 3))
      }
      doc.endGroup()
      let ly = plot.y + 12 + Double(k) * 18
      doc.line(plot.maxX + 16, ly - 4, plot.maxX + 36, ly - 4, stroke: color, width: 2)
      doc.text(
        "\(gate.name) \(Self.meaning(gate.name))", x: plot.maxX + 42, y: ly, size: 12,
        extra: [("class", "legend")])
    }
    drawTokens(&doc, plot: plot, step: step, x: x)
    doc.text(
      "each gate's mean over the \(sequence.units) units at every step", x: plot.x,
      y: plot.maxY + 62, size: 11, fill: "#444444", extra: [("class", "note")])
    return doc.titled(title)
  }

  func drawTokens(_ doc: inout SVGDocument, plot: Box, step: Double, x: (Int) -> Double) {
    let single = StepGlyphs.fitCells(sequence.tokens)
    if step >= 7 {
      doc.beginGroup([("class", "tokens")])
      for t in 0..<sequence.steps {
        let token = sequence.tokens[safe: t] ?? ""
        if single {
          doc.text(
            String(StepGlyphs.cell(token, ascii: false)), x: x(t), y: plot.maxY + 16,
            anchor: "middle", size: Swift.min(12, step), extra: [("class", "token")])
        } else {
          let y = plot.maxY + 8
          doc.text(
            String(token.prefix(6)), x: x(t) + 3, y: y, anchor: "end",
            size: Swift.min(9, step * 0.8),
            extra: [("class", "token"), ("transform", "rotate(-90 \(x(t) + 3) \(y))")])
        }
      }
      doc.endGroup()
    }
    doc.text(
      "steps 1…\(sequence.steps) →", x: plot.x, y: plot.maxY + 46, size: 10, fill: "#666666")
  }
}
