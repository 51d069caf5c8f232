import Foundation

/// Horizontal bars, one per named feature: what each feature contributed to a decision.
///
/// Signed bars grow right of a zero line for evidence *for* the class and left for evidence
/// *against* it (red and blue in colour, the side of the line in monochrome); magnitudes grow
/// from zero. Several panels share the feature names and their order, so a reader can compare
/// them row by row (the sanity view puts a trained and a randomized model side by side). Each
/// panel has its own scale, printed on its axis.
public struct AttributionBars: Sendable {
  /// One set of values, in the order of `names`.
  public struct Panel: Sendable {
    public var title: String
    public var values: [Double]

    public init(title: String, values: [Double]) {
      self.title = title
      self.values = values
    }
  }

  public var names: [String]
  public var panels: [Panel]
  /// Whether values are signed (bars both ways from zero) or magnitudes.
  public var signed: Bool
  /// Lines under the chart: the method, its settings, the completeness gap.
  public var notes: [String]
  public var options: ChartOptions
  /// What the sign of a value means, for the legend. Default: evidence for or against a class.
  public var meaning = SignMeaning.classEvidence

  public init(
    names: [String], panels: [Panel], signed: Bool, notes: [String] = [],
    options: ChartOptions = ChartOptions()
  ) {
    self.names = names
    self.panels = panels
    self.signed = signed
    self.notes = notes
    self.options = options
  }

  static let positive = RGB(hex: 0xd6604d)
  static let negative = RGB(hex: 0x4393c3)
  static let magnitude = CategoricalPalette.color(0)

  /// The interval a panel's axis spans: it always includes zero.
  func domain(_ values: [Double]) -> ClosedRange<Double> {
    let extent = ClosedRange.extent(of: values) ?? 0...1
    var low = Swift.min(0, extent.lowerBound)
    var high = Swift.max(0, extent.upperBound)
    if !signed { low = 0 }
    if high - low <= 0 { high = low + 1 }
    // Out to the nearest ticks, so the longest bar ends on a labelled line, unless that wastes
    // much of the width (a small negative value would otherwise claim a whole tick step).
    let span = high - low
    let step = Ticks.nice(low, high, count: 5).step
    let niceLow = floor(low / step + 1e-9) * step
    let niceHigh = ceil(high / step - 1e-9) * step
    let a = low - niceLow <= 0.15 * span ? niceLow : low - 0.04 * span
    let b = niceHigh - high <= 0.15 * span ? niceHigh : high + 0.04 * span
    return a...b
  }

  func barColor(_ value: Double) -> RGB {
    signed ? (value < 0 ? Self.negative : Self.positive) : Self.magnitude
  }

  // MARK: Text

  public func text() -> String {
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    if names.isEmpty || panels.isEmpty { lines.append("(no features)") }
    for (i, panel) in panels.enumerated() where !names.isEmpty {
      if i > 0 || options.title != nil { lines.append("") }
      lines.append(TextLayout.clip(panel.title, options.columns))
      lines += panelLines(panel)
    }
    if signed, options.colored {
      lines.append("red: \(meaning.positive), blue: \(meaning.negative)")
    } else if signed {
      lines.append(
        "right of \(options.glyphs.vertical): \(meaning.positive), left: \(meaning.negative)")
    }
    lines += notes.flatMap { NoteText.wrap($0, width: Swift.max(options.columns, 40)) }
    return lines.joined(separator: "\n") + "\n"
  }

  func panelLines(_ panel: Panel) -> [String] {
    let glyphs = options.glyphs
    let nameWidth = Swift.min(18, Swift.max(4, names.map(\.count).max() ?? 4))
    let texts = panel.values.map { NumberText.short($0) }
    let valueWidth = (texts.map(\.count).max() ?? 1) + 1
    let barWidth = Swift.max(8, options.columns - nameWidth - 2 - valueWidth - 1)
    let domain = self.domain(panel.values)
    let scale = Scale(domain: domain, range: 0...Double(barWidth))
    let zero = Swift.max(0, Swift.min(barWidth, Int(scale(0).rounded())))
    var lines: [String] = []
    for (k, name) in names.enumerated() {
      let v = k < panel.values.count ? panel.values[k] : .nan
      var canvas = TextCanvas(width: barWidth + 1, height: 1)
      if signed { canvas.put(glyphs.vertical, zero, 0) }
      if v.isFinite, v != 0 {
        // Length in eighths of a cell, measured from the zero line.
        drawBar(
          &canvas, positive: v > 0, eighths: abs(scale(v) - scale(0)) * 8, zero: zero,
          color: options.colored ? barColor(v) : nil)
      }
      var bar = canvas.render(options.colorMode)
      bar.removeLast()
      if !options.colored { bar = TextLayout.pad(bar, barWidth + 1) }
      let label = TextLayout.pad(TextLayout.clip(name, nameWidth), nameWidth)
      let value = TextLayout.pad(k < texts.count ? texts[k] : "", valueWidth, right: true)
      var line = label + "  " + bar + value
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    lines.append(
      axisLine(
        domain, nameWidth: nameWidth, barWidth: barWidth, zero: zero,
        valueWidth: valueWidth))
    return lines
  }

  /// A bar `eighths` eighths of a cell long from the zero column, rightward for a positive
  /// value; in ASCII, whole cells of `#`.
  func drawBar(
    _ canvas: inout TextCanvas, positive: Bool, eighths length: Double, zero: Int, color: RGB?
  ) {
    let unicode = options.glyphs.bars.count == 8
    let eighths: [Character] = Array("▏▎▍▌▋▊▉█")
    let whole = Int(length / 8)
    let rest = Int((length - Double(whole) * 8).rounded())
    if positive {
      let start = signed ? zero + 1 : 0
      let full = unicode ? whole : Int((length / 8).rounded())
      for c in 0..<full { canvas.put(unicode ? "█" : "#", start + c, 0, color: color) }
      if unicode, rest > 0 { canvas.put(eighths[rest - 1], start + whole, 0, color: color) }
      if full == 0, !(unicode && rest > 0) {
        canvas.put(unicode ? "▏" : "#", start, 0, color: color)
      }
    } else {
      // Leftward bars: whole cells, then a right half block for the rest (Unicode has no
      // right-aligned eighths but for the one-eighth and the half).
      let full = unicode ? whole + (rest >= 6 ? 1 : 0) : Int((length / 8).rounded())
      for c in 0..<full { canvas.put(unicode ? "█" : "#", zero - 1 - c, 0, color: color) }
      if unicode, rest >= 2, rest < 6 { canvas.put("▐", zero - 1 - full, 0, color: color) }
      if full == 0, !(unicode && rest >= 2) {
        canvas.put(unicode ? "▕" : "#", zero - 1, 0, color: color)
      }
    }
  }

  /// The axis under the bars: both ends of the scale and zero.
  func axisLine(
    _ domain: ClosedRange<Double>, nameWidth: Int, barWidth: Int, zero: Int, valueWidth: Int
  ) -> String {
    var axis = Array(repeating: Character(" "), count: nameWidth + 2 + barWidth + 1 + valueWidth)
    func place(_ text: String, at column: Int, anchor: Int) {
      let start = Swift.max(0, Swift.min(axis.count - text.count, nameWidth + 2 + column - anchor))
      guard axis[start..<(start + text.count)].allSatisfy({ $0 == " " }) else { return }
      for (i, ch) in text.enumerated() { axis[start + i] = ch }
    }
    place(NumberText.short(domain.lowerBound), at: 0, anchor: 0)
    let highText = NumberText.short(domain.upperBound)
    place(highText, at: barWidth, anchor: highText.count - 1)
    if signed, domain.lowerBound < 0, domain.upperBound > 0 { place("0", at: zero, anchor: 0) }
    var line = String(axis)
    while line.last == " " { line.removeLast() }
    return line
  }

  // MARK: SVG

  public func document() -> SVGDocument {
    let nameWidth = Swift.min(160, 14 + 7 * Double(names.map(\.count).max() ?? 4))
    let panelWidth = panels.count > 1 ? 400.0 : Swift.max(options.svgWidth - 40, 440)
    let barHeight = names.count > 24 ? 12.0 : 22.0
    let plotHeight = Double(names.count) * barHeight * 1.3
    let top = options.title == nil ? 30.0 : 56.0
    let width = 20 + Double(panels.count) * panelWidth + 20
    let wrapped = notes.flatMap { NoteText.wrap($0, width: Int((width - 40) / 6.6)) }
    let height = top + 30 + plotHeight + 50 + Double(wrapped.count + 1) * 16 + 20
    var doc = SVGDocument(width: width, height: height)
    SVGAxes.title(&doc, options.title, width: width)
    for (p, panel) in panels.enumerated() {
      let left = 20 + Double(p) * panelWidth
      doc.text(
        panel.title, x: left, y: top + 12, size: 13, weight: "bold", extra: [("class", "heading")])
      let plot = Box(
        x: left + nameWidth, y: top + 30, width: panelWidth - nameWidth - 70, height: plotHeight)
      drawPanel(&doc, panel, plot: plot, barHeight: barHeight)
    }
    var y = top + 30 + plotHeight + 62
    if signed {
      doc.rect(x: 20, y: y - 10, width: 12, height: 12, fill: Self.positive.hex)
      doc.text(meaning.positive, x: 38, y: y, size: 11)
      let second = 38 + 6.5 * Double(meaning.positive.count) + 24
      doc.rect(x: second, y: y - 10, width: 12, height: 12, fill: Self.negative.hex)
      doc.text(meaning.negative, x: second + 18, y: y, size: 11)
      y += 20
    }
    NoteText.draw(wrapped, into: &doc, y: y)
    return doc.titled(options.title ?? "attribution")
  }

  /// One panel: ticks and grid, a bar per feature with its value, and the zero line.
  func drawPanel(_ doc: inout SVGDocument, _ panel: Panel, plot: Box, barHeight: Double) {
    let domain = self.domain(panel.values)
    let scale = Scale(domain: domain, range: plot.x...plot.maxX)
    let ticks = Ticks.nice(domain.lowerBound, domain.upperBound, count: 5)
    for (value, label) in zip(ticks.values, Ticks.labels(ticks.values)) {
      let x = scale(value)
      guard x >= plot.x - 0.5, x <= plot.maxX + 0.5 else { continue }
      doc.line(x, plot.y, x, plot.maxY, stroke: SVGAxes.gridColor)
      doc.line(x, plot.maxY, x, plot.maxY + 5, stroke: SVGAxes.axisColor)
      doc.text(
        label, x: x, y: plot.maxY + 18, anchor: "middle", size: 10, extra: [("class", "tick")])
    }
    doc.line(plot.x, plot.maxY, plot.maxX, plot.maxY, stroke: SVGAxes.axisColor)
    doc.text(
      signed ? "attribution" : "|attribution|", x: plot.x + plot.width / 2, y: plot.maxY + 36,
      anchor: "middle", size: 11, fill: "#444444")
    doc.beginGroup([("class", "bars")])
    for (k, name) in names.enumerated() {
      let v = k < panel.values.count ? panel.values[k] : .nan
      let y = plot.y + Double(k) * barHeight * 1.3 + barHeight * 0.15
      doc.text(
        TextLayout.clip(name, 22), x: plot.x - 8, y: y + barHeight * 0.5 + 4, anchor: "end",
        size: 12, extra: [("class", "feature")])
      guard v.isFinite else { continue }
      let x0 = scale(Swift.min(0, v))
      let x1 = scale(Swift.max(0, v))
      doc.rect(
        x: x0, y: y, width: Swift.max(1, x1 - x0), height: barHeight, fill: barColor(v).hex,
        tooltip: "\(name): \(NumberText.short(v))", extra: [("class", "bar")])
      // Values in a column right of the plot, where they never meet a bar or a name.
      doc.text(
        NumberText.short(v), x: plot.maxX + 10, y: y + barHeight * 0.5 + 4, size: 10,
        fill: "#444444", extra: [("class", "value")])
    }
    doc.endGroup()
    if signed, domain.lowerBound < 0 {
      doc.line(
        scale(0), plot.y - 4, scale(0), plot.maxY, stroke: "#222222", width: 1.2,
        extra: [("class", "zero")])
    }
  }
}
