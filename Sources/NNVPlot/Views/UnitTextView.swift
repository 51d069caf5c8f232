import NNVCore

/// `hidden ... unit K`: a sequence written out with one hidden unit's value coloured under
/// every token, as Karpathy, Johnson and Fei-Fei (2015) showed the cells of a character model
/// that track quotes and line lengths.
///
/// The colour is the unit's value on the fixed scale −1 (blue) to +1 (red) behind the token; in
/// monochrome a second line of `= - · + #` under the text gives the value's sign and size.
/// Long sequences wrap to the width.
public struct UnitTextView: View {
  public var sequence: HiddenSequence
  /// The unit shown, from 0.
  public var unit: Int
  public var caption: [String]
  public var options: ChartOptions

  public init(
    _ sequence: HiddenSequence, unit: Int, caption: [String] = [], options: ChartOptions
  ) {
    self.sequence = sequence
    self.unit = unit
    self.caption = caption
    self.options = options
  }

  var title: String {
    options.title
      ?? (["unit \(unit + 1) of \(sequence.layer) (\(sequence.kind), \(sequence.units) units)"]
      + caption).joined(separator: " · ")
  }

  var ascii: Bool { options.glyphs == .ascii }
  var values: [Double] { sequence.unit(unit) }

  /// The columns one token takes: 1 when every token is one character, else the longest
  /// (at most 6) and a space.
  var tokenWidth: Int {
    StepGlyphs.fitCells(sequence.tokens)
      ? 1 : Swift.min(6, sequence.tokens.map(\.count).max() ?? 1) + 1
  }

  /// The token of step `t` as it is written, `tokenWidth` columns.
  func written(_ t: Int) -> String {
    let token = sequence.tokens[safe: t] ?? ""
    guard tokenWidth > 1 else { return String(StepGlyphs.cell(token, ascii: ascii, spaces: true)) }
    return TextLayout.pad(options.spelled(String(token.prefix(tokenWidth - 1))), tokenWidth)
  }

  public func text() throws -> String {
    var lines = NoteText.wrap(options.spelled(title), width: options.columns)
    let perLine = Swift.max(1, options.columns / tokenWidth)
    let values = self.values
    for start in stride(from: 0, to: values.count, by: perLine) {
      try Cancellation.check()
      let steps = start..<Swift.min(values.count, start + perLine)
      var canvas = TextCanvas(width: steps.count * tokenWidth, height: options.colored ? 1 : 2)
      for (c, t) in steps.enumerated() {
        let x = c * tokenWidth
        for (k, character) in written(t).enumerated() {
          if options.colored {
            canvas.put(
              character, x + k, 0, color: RGB(20, 20, 20),
              background: StepGlyphs.color(values[t]))
          } else {
            canvas.put(character, x + k, 0)
          }
        }
        if !options.colored {
          canvas.put(StepGlyphs.shade(values[t], ascii: ascii), x, 1)
        }
      }
      lines += StepGlyphs.lines(canvas, options)
    }
    lines.append("")
    lines += NoteText.wrap(options.spelled(summary(values)), width: options.columns)
    lines += NoteText.wrap(
      options.colored
        ? StepGlyphs.bar(options) + " (blue negative, white 0, red positive)"
        : options.spelled(StepGlyphs.shadeLegend(ascii: ascii)),
      width: options.colored ? Int.max : options.columns)
    return lines.joined(separator: "\n") + "\n"
  }

  /// `unit 5 over 32 steps: min -0.81, mean 0.12, max 0.97`.
  func summary(_ values: [Double]) -> String {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      return "unit \(unit + 1): no finite values"
    }
    let mean = finite.reduce(0, +) / Double(finite.count)
    return "unit \(unit + 1) over \(values.count) steps: min \(NumberText.short(low)), "
      + "mean \(NumberText.short(mean)), max \(NumberText.short(high))"
  }

  // MARK: SVG

  public func document() throws -> SVGDocument {
    let perLine = tokenWidth == 1 ? 48 : 16
    let cell = 13.0 * Double(tokenWidth == 1 ? 1 : tokenWidth - 1) * 0.72 + 4
    let values = self.values
    let lineCount = Swift.max(1, (values.count + perLine - 1) / perLine)
    let top = 56.0
    let lineHeight = 22.0
    let width = Swift.max(640, 40 + Double(perLine) * cell)
    var doc = SVGDocument(width: width, height: top + Double(lineCount) * lineHeight + 110)
    SVGAxes.title(&doc, title, width: width)
    doc.beginGroup([("class", "tokens"), ("font-family", "Menlo, Consolas, monospace")])
    for t in values.indices {
      try Cancellation.check()
      let x = 20 + Double(t % perLine) * cell
      let y = top + Double(t / perLine) * lineHeight
      let token = sequence.tokens[safe: t] ?? ""
      doc.rect(
        x: x, y: y, width: cell + 0.3, height: lineHeight - 3,
        fill: StepGlyphs.color(values[t]).hex,
        tooltip: "step \(t + 1) ‘\(token)’: unit \(unit + 1) = \(NumberText.short(values[t]))",
        extra: [("class", "token")])
      let shown = tokenWidth == 1 ? String(StepGlyphs.cell(token, ascii: false)) : token
      doc.text(
        String(shown.prefix(6)), x: x + cell / 2, y: y + lineHeight - 8, anchor: "middle",
        size: 13, fill: "#111111")
    }
    doc.endGroup()
    let y = top + Double(lineCount) * lineHeight + 14
    doc.text(summary(values), x: 20, y: y + 12, size: 12, extra: [("class", "note")])
    StepGlyphs.horizontalBar(&doc, x: 20, y: y + 26)
    return doc.titled(title)
  }
}
