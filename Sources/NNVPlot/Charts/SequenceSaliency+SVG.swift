/// The SVG form of a sequence's saliency: each step a cell with its token on a background
/// coloured by its attribution (blue, white, red on one symmetric scale; viridis for
/// magnitudes), a bar under it as tall as |attribution|, the explained step outlined, rows
/// wrapping at 32 steps.
extension SequenceSaliency {
  static let cell = 18.0
  static let barHeight = 28.0
  static let perRow = 32

  public func document() -> SVGDocument {
    let columns = Swift.min(Self.perRow, Swift.max(1, tokens.count))
    let rows = (tokens.count + Self.perRow - 1) / Self.perRow
    let left = 20.0
    let top = options.title == nil ? 44.0 : 70.0
    let rowHeight = Self.cell + Self.barHeight + 22
    let width = Swift.max(420, left * 2 + Double(columns) * Self.cell)
    var doc = SVGDocument(width: width, height: top + Double(Swift.max(rows, 1)) * rowHeight + 28)
    SVGAxes.title(&doc, options.title, width: width)
    doc.text(
      heading, x: left, y: top - 16, size: 13, weight: "bold", extra: [("class", "heading")])
    let top1 = largest
    for t in tokens.indices {
      let (row, column) = t.quotientAndRemainder(dividingBy: Self.perRow)
      let x = left + Double(column) * Self.cell
      let y = top + Double(row) * rowHeight
      drawStep(&doc, t, x: x, y: y, largest: top1)
    }
    var legend = signed ? "red: \(meaning.positive), blue: \(meaning.negative)" : "|attribution|"
    legend += "; the outlined step is the one explained"
    doc.text(legend, x: left, y: doc.height - 12, size: 11, fill: "#555555")
    return NoteText.page(notes, below: doc.titled(options.title ?? "sequence saliency"))
  }

  func drawStep(_ doc: inout SVGDocument, _ t: Int, x: Double, y: Double, largest: Double) {
    let v = t < values.count ? values[t] : 0
    let fraction = largest > 0 && v.isFinite ? v / largest : 0
    let fill: RGB =
      signed
      ? ColorMap.diverging.color(at: (fraction + 1) / 2) : ColorMap.viridis.color(at: abs(fraction))
    let token = tokens[t]
    let tip = "step \(t): \(token), attribution \(NumberText.short(v))"
    doc.rect(
      x: x, y: y, width: Self.cell - 1, height: Self.cell, fill: fill.hex,
      stroke: t == step ? "#000000" : nil, tooltip: tip,
      extra: t == step ? [("stroke-width", "2")] : [])
    let dark = !signed && abs(fraction) < 0.6
    doc.text(
      String(tokenGlyph(token, ascii: false)), x: x + (Self.cell - 1) / 2, y: y + 13,
      anchor: "middle", size: 12, fill: dark ? "#ffffff" : "#222222",
      extra: [("font-family", "monospace")])
    let bar = abs(fraction) * Self.barHeight
    if bar > 0 {
      doc.rect(
        x: x + 2, y: y + Self.cell + 2 + Self.barHeight - bar, width: Self.cell - 5, height: bar,
        fill: color(v).hex, tooltip: tip)
    }
    if t == step || (t % 8 == 0 && abs(t - step) > 1) {
      doc.text(
        "\(t)", x: x + 1, y: y + Self.cell + Self.barHeight + 14, size: 9,
        weight: t == step ? "bold" : nil, fill: "#555555")
    }
  }
}
