import Foundation

/// A regression model's output over a 2-D input plane, with the data on top: the surface on
/// the sequential colour map and each point coloured by its target on the same map, so a
/// point that stands out from the surface around it is one the model gets wrong.
///
/// The grid is plain data (row-major, top row = largest y), computed by the caller (see
/// `Sequential+Views.swift`); the chart only draws it.
public struct RegressionSurface: Sendable {
  public struct Point: Sendable {
    public var x: Double
    public var y: Double
    public var target: Double
    public var isTest: Bool
    public init(x: Double, y: Double, target: Double, isTest: Bool = false) {
      self.x = x
      self.y = y
      self.target = target
      self.isTest = isTest
    }
  }

  public private(set) var gridColumns: Int
  public private(set) var gridRows: Int
  public private(set) var values: [Double]
  public var xDomain: ClosedRange<Double>
  public var yDomain: ClosedRange<Double>
  public var points: [Point]
  public var options: ChartOptions
  /// The colour scale, shared by the surface and the targets.
  public let domain: ColorDomain
  public var colorMap: ColorMap = .viridis

  public init(
    gridColumns: Int, gridRows: Int, values: [Double], xDomain: ClosedRange<Double>,
    yDomain: ClosedRange<Double>, points: [Point], options: ChartOptions = ChartOptions()
  ) {
    self.gridColumns = Swift.max(0, gridColumns)
    self.gridRows = Swift.max(0, gridRows)
    let n = self.gridColumns * self.gridRows
    self.values =
      Array(values.prefix(n)) + Array(repeating: .nan, count: Swift.max(0, n - values.count))
    self.xDomain = Scale.sanitized(xDomain, kind: .linear)
    self.yDomain = Scale.sanitized(yDomain, kind: .linear)
    self.points = points
    self.options = options
    self.domain = ColorDomain(fitting: self.values + points.map(\.target), diverging: false)
  }

  /// The surface value at a fraction (u across, v down) of the plane.
  func value(_ u: Double, _ v: Double) -> Double? {
    guard gridColumns > 0, gridRows > 0 else { return nil }
    let c = Swift.min(gridColumns - 1, Swift.max(0, Int(u * Double(gridColumns))))
    let r = Swift.min(gridRows - 1, Swift.max(0, Int(v * Double(gridRows))))
    let value = values[r * gridColumns + c]
    return value.isFinite ? value : nil
  }

  func color(_ value: Double) -> RGB {
    colorMap.color(at: Swift.max(0, Swift.min(1, domain.fraction(value))))
  }

  // MARK: Text

  /// Monochrome shading from low to high.
  static let ramp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  public func text() -> String {
    let halfBlocks = options.glyphs.usesHalfBlocks && options.colored
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    guard gridColumns > 0, gridRows > 0 else {
      return (lines + ["(empty grid)"]).joined(separator: "\n") + "\n"
    }
    let frame = PlaneFrame(xDomain: xDomain, yDomain: yDomain, options: options)
    let (margin, width, height) = (frame.margin, frame.width, frame.height)
    var canvas = frame.makeCanvas()
    let ramp = RegressionSurface.ramp
    for y in 0..<height {
      for x in 0..<width {
        let u = (Double(x) + 0.5) / Double(width)
        if halfBlocks {
          guard let top = value(u, (Double(y) + 0.25) / Double(height)),
            let bottom = value(u, (Double(y) + 0.75) / Double(height))
          else { continue }
          canvas[margin + x, y] = TextCanvas.Cell(
            character: "▀", foreground: color(top), background: color(bottom))
        } else if let v = value(u, (Double(y) + 0.5) / Double(height)) {
          let t = Swift.max(0, Swift.min(1, domain.fraction(v)))
          canvas.put(
            ramp[Swift.min(ramp.count - 1, Int(t * Double(ramp.count)))], margin + x, y,
            color: options.colored ? color(v) : nil)
        }
      }
    }
    for p in points {
      guard let (column, row) = frame.cell(x: p.x, y: p.y) else { continue }
      let glyph: Character =
        options.glyphs.usesBraille ? (p.isTest ? "○" : "●") : (p.isTest ? "O" : "o")
      let pointColor = p.target.isFinite ? color(p.target) : nil
      if halfBlocks {
        canvas.overlay(glyph, column, row, color: pointColor)
      } else {
        canvas.put(glyph, column, row, color: options.colored ? pointColor : nil)
      }
    }
    lines += frame.lines(canvas, glyphs: options.glyphs, colorMode: options.colorMode)
    let scale =
      halfBlocks
      ? "colour: the model's output, from \(NumberText.short(domain.low)) to \(NumberText.short(domain.high))"
      : "output: \(NumberText.short(domain.low)) [\(String(ramp))] \(NumberText.short(domain.high))"
    lines.append(TextLayout.clip(scale, options.columns))
    var marks = halfBlocks ? "points: the data, coloured by target" : "points: the data"
    if points.contains(where: \.isTest) {
      marks += halfBlocks || options.glyphs.usesBraille ? " (hollow: test)" : " (O: test)"
    }
    lines.append(TextLayout.clip(marks, options.columns))
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: SVG

  public func document() -> SVGDocument {
    let side = Swift.min(options.svgWidth - 180, options.svgHeight - 90)
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    SVGAxes.title(&doc, options.title, width: doc.width)
    let plot = Box(x: 60, y: options.title == nil ? 30 : 48, width: side, height: side)
    let xScale = Scale(domain: xDomain, range: plot.x...plot.maxX)
    let yScale = Scale(domain: yDomain, range: plot.y...plot.maxY, flipped: true)
    // Cells quantized to 32 levels, equal neighbours in a row merged into one rectangle.
    let cw = plot.width / Double(Swift.max(1, gridColumns))
    let ch = plot.height / Double(Swift.max(1, gridRows))
    func level(_ i: Int) -> Int {
      let t = domain.fraction(values[i])
      return t.isFinite ? Int((Swift.max(0, Swift.min(1, t)) * 31).rounded()) : -1
    }
    doc.beginGroup([("class", "surface"), ("shape-rendering", "crispEdges")])
    for r in 0..<gridRows where gridColumns > 0 {
      var start = 0
      for c in 1...gridColumns
      where c == gridColumns || level(r * gridColumns + c) != level(r * gridColumns + start) {
        let l = level(r * gridColumns + start)
        let fill = l < 0 ? ColorMap.missing : colorMap.color(at: Double(l) / 31)
        doc.rect(
          x: plot.x + Double(start) * cw, y: plot.y + Double(r) * ch,
          width: Double(c - start) * cw + 0.4,
          height: ch + 0.4, fill: fill.hex)
        start = c
      }
    }
    doc.endGroup()
    SVGAxes.draw(
      &doc, plot: plot, xScale: xScale, yScale: yScale,
      xTicks: Ticks.labeled(xScale.ticks(count: 6)), yTicks: Ticks.labeled(yScale.ticks(count: 6)),
      xLabel: options.xLabel, yLabel: options.yLabel)
    doc.beginGroup([("class", "points")])
    for p in points where p.x.isFinite && p.y.isFinite {
      let tip =
        "\(p.isTest ? "test" : "train"): (\(NumberText.short(p.x)), \(NumberText.short(p.y))) → \(NumberText.short(p.target))"
      let fill = p.target.isFinite ? color(p.target).hex : "#ffffff"
      doc.circle(
        cx: xScale(p.x), cy: yScale(p.y), r: p.isTest ? 4 : 3.5, fill: fill,
        stroke: p.isTest ? "#000000" : "#ffffff", tooltip: tip,
        extra: [
          ("class", p.isTest ? "point test" : "point train"),
          ("stroke-width", p.isTest ? "1.5" : "0.8"),
        ])
    }
    doc.endGroup()
    SVGAxes.colorBar(
      &doc,
      box: Box(
        x: plot.maxX + 24, y: plot.y + 10, width: 16, height: Swift.min(240, plot.height - 20)),
      map: colorMap, domain: domain, label: "output")
    var legendY = plot.y + Swift.min(240, plot.height - 20) + 40
    doc.text("points: targets", x: plot.maxX + 18, y: legendY, size: 11, fill: "#666666")
    if points.contains(where: \.isTest) {
      legendY += 16
      doc.text("black ring: test", x: plot.maxX + 18, y: legendY, size: 11, fill: "#666666")
    }
    return doc.titled(options.title ?? "regression surface")
  }
}
