import NNVCore

/// `hidden ... top N`: the hidden units that best track a signal, by Pearson's correlation
/// over every step of every sequence: a table of unit and r with a bar for |r| (red positive,
/// blue negative), and in SVG a bar chart from −1 to 1.
public struct UnitCorrelationView: View {
  /// The units shown, best first.
  public var units: [UnitCorrelation]
  /// The layer's name and kind, the signal's description and what the data was.
  public var layer: String
  public var signal: String
  public var caption: [String]
  public var options: ChartOptions

  public init(
    _ units: [UnitCorrelation], layer: String, signal: String, caption: [String] = [],
    options: ChartOptions
  ) {
    self.units = units
    self.layer = layer
    self.signal = signal
    self.caption = caption
    self.options = options
  }

  var title: String {
    options.title ?? (["units of \(layer) that track \(signal)"] + caption).joined(separator: " · ")
  }

  static func color(_ r: Double) -> RGB {
    r.isFinite ? ColorMap.diverging.color(at: 0.5 + r / 2) : ColorMap.missing
  }

  public func text() throws -> String {
    var lines = NoteText.wrap(options.spelled(title), width: options.columns)
    lines.append("")
    lines.append("rank  unit       r")
    let barWidth = Swift.max(4, options.columns - 20)
    for (rank, entry) in units.enumerated() {
      try Cancellation.check()
      let r = entry.r.isFinite ? NumberText.fixed(entry.r, decimals: 3) : "n/a"
      let head =
        TextLayout.pad("\(rank + 1)", 4, right: true)
        + TextLayout.pad("\(entry.unit + 1)", 6, right: true)
        + TextLayout.pad(r, 8, right: true) + "  "
      var canvas = TextCanvas(width: head.count + barWidth, height: 1)
      canvas.write(head, 0, 0)
      let length = entry.r.isFinite ? abs(entry.r) * Double(barWidth) : 0
      let full = Int(length)
      let glyphs = options.glyphs.bars
      let color = options.colored ? Self.color(entry.r) : nil
      for k in 0..<full { canvas.put(glyphs[glyphs.count - 1], head.count + k, 0, color: color) }
      if full == 0, length > 0 { canvas.put(glyphs[0], head.count, 0, color: color) }
      lines += StepGlyphs.lines(canvas, options)
    }
    lines.append("")
    lines += NoteText.wrap(
      options.spelled(
        "r: Pearson's correlation of the unit's value with \(signal) over every step; "
          + "1 or -1 tracks it exactly, 0 not at all; n/a: the unit or the signal never changes"),
      width: options.columns)
    return lines.joined(separator: "\n") + "\n"
  }

  public func document() throws -> SVGDocument {
    let rowHeight = 22.0
    let top = 78.0
    let plot = Box(x: 90, y: top, width: 440, height: rowHeight * Double(units.count))
    var doc = SVGDocument(width: 640, height: plot.maxY + 90)
    SVGAxes.title(&doc, options.title ?? "units of \(layer) that track \(signal)", width: 640)
    if options.title == nil, !caption.isEmpty {
      doc.text(
        caption.joined(separator: " · "), x: 320, y: 44, anchor: "middle", size: 12,
        fill: "#444444", extra: [("class", "caption")])
    }
    let scale = Scale(domain: -1...1, range: plot.x...plot.maxX)
    for value in [-1.0, -0.5, 0, 0.5, 1] {
      let x = scale(value)
      doc.line(x, plot.y - 6, x, plot.maxY, stroke: value == 0 ? "#888888" : "#e4e4e4")
      doc.text(NumberText.short(value), x: x, y: plot.y - 10, anchor: "middle", size: 10)
    }
    doc.beginGroup([("class", "bars")])
    for (rank, entry) in units.enumerated() {
      let y = plot.y + Double(rank) * rowHeight
      doc.text(
        "unit \(entry.unit + 1)", x: plot.x - 8, y: y + rowHeight / 2 + 4, anchor: "end",
        size: 12)
      guard entry.r.isFinite else {
        doc.text("n/a", x: scale(0) + 4, y: y + rowHeight / 2 + 4, size: 11, fill: "#666666")
        continue
      }
      let (a, b) = (scale(Swift.min(0, entry.r)), scale(Swift.max(0, entry.r)))
      doc.rect(
        x: a, y: y + 3, width: b - a, height: rowHeight - 6, fill: Self.color(entry.r).hex,
        tooltip: "unit \(entry.unit + 1): r = \(NumberText.fixed(entry.r, decimals: 3))",
        extra: [("class", "bar")])
      // The value on the side of zero the bar leaves free, clear of the unit names.
      doc.text(
        NumberText.fixed(entry.r, decimals: 2), x: entry.r >= 0 ? a - 4 : b + 4,
        y: y + rowHeight / 2 + 4, anchor: entry.r >= 0 ? "end" : "start", size: 10,
        fill: "#444444")
    }
    doc.endGroup()
    doc.text(
      "Pearson's r with \(signal), over every step", x: scale(0), y: plot.maxY + 20,
      anchor: "middle", size: 11, fill: "#444444")
    return doc.titled(title)
  }
}
