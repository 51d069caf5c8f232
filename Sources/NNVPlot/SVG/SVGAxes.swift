/// Axes, grid lines, tick labels and titles for an SVG plot area.
enum SVGAxes {
  static let axisColor = "#444444"
  static let gridColor = "#e6e6e6"

  /// Draws a frame of `plot` with grid lines at the ticks and their labels.
  static func draw(
    _ doc: inout SVGDocument, plot: Box, xScale: Scale, yScale: Scale,
    xTicks: [(value: Double, label: String)], yTicks: [(value: Double, label: String)],
    xLabel: String?, yLabel: String?
  ) {
    for tick in yTicks {
      let y = yScale(tick.value)
      guard y >= plot.y - 0.5, y <= plot.maxY + 0.5 else { continue }
      doc.line(plot.x, y, plot.maxX, y, stroke: gridColor)
      doc.line(plot.x - 5, y, plot.x, y, stroke: axisColor)
      doc.text(tick.label, x: plot.x - 8, y: y + 4, anchor: "end", size: 11)
    }
    for tick in xTicks {
      let x = xScale(tick.value)
      guard x >= plot.x - 0.5, x <= plot.maxX + 0.5 else { continue }
      doc.line(x, plot.y, x, plot.maxY, stroke: gridColor)
      doc.line(x, plot.maxY, x, plot.maxY + 5, stroke: axisColor)
      doc.text(tick.label, x: x, y: plot.maxY + 18, anchor: "middle", size: 11)
    }
    doc.line(plot.x, plot.maxY, plot.maxX, plot.maxY, stroke: axisColor)
    doc.line(plot.x, plot.y, plot.x, plot.maxY, stroke: axisColor)
    if let xLabel {
      doc.text(xLabel, x: plot.x + plot.width / 2, y: plot.maxY + 36, anchor: "middle", size: 12)
    }
    if let yLabel {
      let cx = plot.x - 46
      let cy = plot.y + plot.height / 2
      doc.text(
        yLabel, x: cx, y: cy, anchor: "middle", size: 12,
        extra: [
          ("transform", "rotate(-90 \(NumberText.coordinate(cx)) \(NumberText.coordinate(cy)))")
        ])
    }
  }

  /// A title centred above everything.
  static func title(_ doc: inout SVGDocument, _ title: String?, width: Double) {
    guard let title else { return }
    doc.text(title, x: width / 2, y: 24, anchor: "middle", size: 16, weight: "bold")
  }

  /// A legend of coloured swatches, laid out left to right from (`x`, `y`).
  static func legend(
    _ doc: inout SVGDocument, entries: [(name: String, color: RGB, dashed: Bool)], x: Double,
    y: Double, maxX: Double = .infinity
  ) {
    var cursor = x
    var y = y
    doc.beginGroup([("class", "legend")])
    for entry in entries {
      if cursor > x, cursor + legendWidth(entry.name) - 12 > maxX {
        cursor = x
        y += legendRowHeight
      }
      var extra: [(String, String)] = []
      if entry.dashed { extra.append(("stroke-dasharray", "6 3")) }
      doc.line(cursor, y - 4, cursor + 22, y - 4, stroke: entry.color.hex, width: 3, extra: extra)
      doc.text(entry.name, x: cursor + 28, y: y, size: 12)
      cursor += legendWidth(entry.name)
    }
    doc.endGroup()
  }

  static let legendRowHeight = 16.0

  /// The room one legend entry takes: its line sample, its name (about 7 px a character), a gap.
  static func legendWidth(_ name: String) -> Double { 40 + Double(name.count) * 7 }

  /// How many rows `legend` needs for `names` between `x` and `maxX`.
  static func legendRows(_ names: [String], x: Double, maxX: Double) -> Int {
    var rows = 1
    var cursor = x
    for name in names {
      if cursor > x, cursor + legendWidth(name) - 12 > maxX {
        rows += 1
        cursor = x
      }
      cursor += legendWidth(name)
    }
    return rows
  }

  /// A vertical colour bar in `box` for `map` over `domain`, with nice tick values.
  static func colorBar(
    _ doc: inout SVGDocument, box: Box, map: ColorMap, domain: ColorDomain, label: String? = nil
  ) {
    let steps = 64
    doc.beginGroup([("class", "colorbar")])
    let h = box.height / Double(steps)
    for i in 0..<steps {
      let t = 1 - (Double(i) + 0.5) / Double(steps)
      doc.rect(
        x: box.x, y: box.y + Double(i) * h, width: box.width, height: h + 0.5,
        fill: map.color(at: t).hex)
    }
    doc.rect(
      x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: axisColor)
    let scale = Scale(domain: domain.low...domain.high, range: box.y...box.maxY, flipped: true)
    let ticks = Ticks.nice(domain.low, domain.high, count: 5)
    for (value, text) in zip(ticks.values, Ticks.labels(ticks.values)) {
      let y = scale(value)
      doc.line(box.maxX, y, box.maxX + 4, y, stroke: axisColor)
      doc.text(text, x: box.maxX + 7, y: y + 4, size: 10, extra: [("class", "colorbar-value")])
    }
    if let label {
      doc.text(label, x: box.x + box.width / 2, y: box.y - 8, anchor: "middle", size: 11)
    }
    doc.endGroup()
  }
}
