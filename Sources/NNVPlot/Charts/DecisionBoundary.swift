import Foundation

/// A classifier's decision over a 2-D input plane with the data on top, as TensorFlow
/// Playground shows it: the region's hue is the predicted class, its strength the confidence.
///
/// The grid is plain data (a class and a confidence per cell, top row = largest y), computed
/// by the caller (see `Sequential+Views.swift`); the chart only draws it.
public struct DecisionBoundary: Sendable {
  public struct Point: Sendable {
    public var x: Double
    public var y: Double
    public var label: Int
    public var isTest: Bool
    public init(x: Double, y: Double, label: Int, isTest: Bool = false) {
      self.x = x
      self.y = y
      self.label = label
      self.isTest = isTest
    }
  }

  /// Cells per row and rows of the grid.
  public private(set) var gridColumns: Int
  public private(set) var gridRows: Int
  /// Row-major, top row first: the predicted class and its probability.
  public private(set) var labels: [Int]
  public private(set) var confidences: [Double]
  public var xDomain: ClosedRange<Double>
  public var yDomain: ClosedRange<Double>
  public private(set) var points: [Point]
  public private(set) var classNames: [String]
  /// What hidden units compute over the same plane (SVG only): a name and a grid of values.
  public var thumbnails: [(name: String, values: Matrix)]
  public var options: ChartOptions
  /// Attribution arrows from data points (the saliency view of 2-D inputs); none by default.
  /// Drawn by `DecisionBoundary+Arrows.swift`.
  public var arrows: [Arrow] = []

  public init(
    gridColumns: Int, gridRows: Int, labels: [Int], confidences: [Double],
    xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, points: [Point],
    classNames: [String], thumbnails: [(name: String, values: Matrix)] = [],
    options: ChartOptions = ChartOptions()
  ) {
    self.gridColumns = Swift.max(0, gridColumns)
    self.gridRows = Swift.max(0, gridRows)
    let n = self.gridColumns * self.gridRows
    self.labels = Array(labels.prefix(n)) + Array(repeating: 0, count: Swift.max(0, n - labels.count))
    self.confidences =
      Array(confidences.prefix(n)) + Array(repeating: .nan, count: Swift.max(0, n - confidences.count))
    self.xDomain = Scale.sanitized(xDomain, kind: .linear)
    self.yDomain = Scale.sanitized(yDomain, kind: .linear)
    self.points = points
    self.classNames = classNames
    self.thumbnails = thumbnails
    self.options = options
    self.classCount = Swift.max(
      2, classNames.count, (self.labels.max() ?? 0) + 1, (points.map(\.label).max() ?? 0) + 1)
  }

  /// The number of classes: named, predicted or in the data, and at least two. Stored, since
  /// every cell's colour needs it.
  let classCount: Int

  /// The classes the chart shows, in order: those with a point or a region on the plane. A
  /// class that is only named (absent from the data and never predicted) is left out of the
  /// legend, which lists what is drawn.
  var drawnClasses: [Int] {
    let shown = Set(labels).union(points.filter { $0.x.isFinite && $0.y.isFinite }.map(\.label))
    return (0..<classCount).filter { shown.contains($0) }
  }

  func className(_ k: Int) -> String { k >= 0 && k < classNames.count ? classNames[k] : "class \(k)" }

  /// The grid cell nearest to fractions (`u`, `v`) of the width and height (v = 0 at the top).
  func cell(_ u: Double, _ v: Double) -> (label: Int, confidence: Double)? {
    guard gridColumns > 0, gridRows > 0 else { return nil }
    let c = Swift.max(0, Swift.min(gridColumns - 1, Int(u * Double(gridColumns))))
    let r = Swift.max(0, Swift.min(gridRows - 1, Int(v * Double(gridRows))))
    return (labels[r * gridColumns + c], confidences[r * gridColumns + c])
  }

  /// How strongly a region is tinted: 0 at chance, 1 when certain.
  func strength(_ confidence: Double) -> Double {
    guard confidence.isFinite else { return 0 }
    let chance = 1 / Double(classCount)
    return Swift.max(0, Swift.min(1, (confidence - chance) / (1 - chance)))
  }

  func regionColor(_ label: Int, _ confidence: Double) -> RGB {
    RGB.white.mixed(with: CategoricalPalette.color(label), 0.12 + 0.6 * strength(confidence))
  }

  func pointColor(_ label: Int) -> RGB { CategoricalPalette.color(label).mixed(with: .black, 0.3) }

  // MARK: Text

  /// Region glyphs in monochrome, by class; a low-confidence cell is left blank.
  static let regionGlyphs: [Character] = [".", ":", "-", "=", "~", "'"]

  public func text() -> String {
    let glyphs = options.glyphs
    let halfBlocks = glyphs.usesHalfBlocks && options.colored
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    guard gridColumns > 0, gridRows > 0 else { return (lines + ["(empty grid)"]).joined(separator: "\n") + "\n" }
    let frame = PlaneFrame(xDomain: xDomain, yDomain: yDomain, options: options)
    let (margin, width, height) = (frame.margin, frame.width, frame.height)
    var canvas = frame.makeCanvas()
    for y in 0..<height {
      for x in 0..<width {
        let u = (Double(x) + 0.5) / Double(width)
        if halfBlocks {
          guard let top = cell(u, (Double(y) + 0.25) / Double(height)),
            let bottom = cell(u, (Double(y) + 0.75) / Double(height))
          else { continue }
          canvas[margin + x, y] = TextCanvas.Cell(
            character: "▀", foreground: regionColor(top.label, top.confidence),
            background: regionColor(bottom.label, bottom.confidence))
        } else if let c = cell(u, (Double(y) + 0.5) / Double(height)) {
          let glyph: Character =
            strength(c.confidence) < 0.2 ? " " : DecisionBoundary.regionGlyphs[c.label % DecisionBoundary.regionGlyphs.count]
          canvas.put(glyph, margin + x, y, color: options.colored ? regionColor(c.label, c.confidence) : nil)
        }
      }
    }
    for p in points {
      guard let (column, row) = frame.cell(x: p.x, y: p.y) else { continue }
      let glyph = marker(p.label, test: p.isTest)
      if halfBlocks {
        canvas.overlay(glyph, column, row, color: pointColor(p.label))
      } else {
        canvas.put(glyph, column, row, color: options.colored ? pointColor(p.label) : nil)
      }
    }
    drawArrows(into: &canvas, frame: frame)
    lines += frame.lines(canvas, glyphs: glyphs, colorMode: options.colorMode)
    var legend: [String] = []
    var colored: [String] = []
    for k in drawnClasses {
      var entry = " \(className(k))"
      if !halfBlocks { entry += " (region \"\(DecisionBoundary.regionGlyphs[k % DecisionBoundary.regionGlyphs.count])\")" }
      let mark = String(marker(k, test: false))
      legend.append(mark + entry)
      colored.append(ANSIStyle.foreground(pointColor(k), options.colorMode) + mark + ANSIStyle.reset + entry)
    }
    // In colour, each class's mark is drawn in its colour, as on the plane.
    let plain = legend.joined(separator: "  ")
    lines.append(
      options.colored && plain.count <= options.columns
        ? colored.joined(separator: "  ") : TextLayout.clip(plain, options.columns))
    if points.contains(where: \.isTest) {
      lines.append(
        halfBlocks || glyphs.usesBraille ? "filled marks: training data, hollow: test data" : "letters: training data, digits: test data")
    }
    lines.append("blank or pale: the model is unsure")
    return lines.joined(separator: "\n") + "\n"
  }

  func marker(_ label: Int, test: Bool) -> Character {
    if options.glyphs.usesBraille {
      let filled: [Character] = ["●", "▲", "■", "◆", "★", "⬟"]
      let hollow: [Character] = ["○", "△", "□", "◇", "☆", "⬠"]
      return (test ? hollow : filled)[label % filled.count]
    }
    let train: [Character] = ["o", "x", "+", "#", "@", "%"]
    return test ? Character("\(label % 10)") : train[label % train.count]
  }

  // MARK: SVG

  public func document() -> SVGDocument {
    let thumbColumns = thumbnails.isEmpty ? 0 : Swift.min(4, thumbnails.count)
    let thumbRows = thumbColumns == 0 ? 0 : (thumbnails.count + thumbColumns - 1) / thumbColumns
    let thumbSize = 64.0
    let extraWidth = thumbColumns == 0 ? 0 : Double(thumbColumns) * (thumbSize + 12) + 24
    let side = Swift.min(options.svgWidth - 180, options.svgHeight - 90)
    let legendRight = 60 + side + 130
    var doc = SVGDocument(
      width: (thumbColumns == 0 ? options.svgWidth : legendRight) + extraWidth,
      height: Swift.max(options.svgHeight, Double(thumbRows) * (thumbSize + 22) + 80))
    SVGAxes.title(&doc, options.title, width: doc.width)
    let plot = Box(x: 60, y: options.title == nil ? 30 : 48, width: side, height: side)
    let xScale = Scale(domain: xDomain, range: plot.x...plot.maxX)
    let yScale = Scale(domain: yDomain, range: plot.y...plot.maxY, flipped: true)
    // Regions: cells quantized to 8 confidence levels; equal neighbours in a row are merged
    // into one rectangle, which keeps a 200×200 grid far below 1 MB.
    let cw = plot.width / Double(Swift.max(1, gridColumns))
    let ch = plot.height / Double(Swift.max(1, gridRows))
    doc.beginGroup([("class", "regions"), ("shape-rendering", "crispEdges")])
    for r in 0..<gridRows where gridColumns > 0 {
      var start = 0
      func key(_ c: Int) -> Int {
        let i = r * gridColumns + c
        return labels[i] * 16 + Int((strength(confidences[i]) * 7).rounded())
      }
      for c in 1...gridColumns where c == gridColumns || key(c) != key(start) {
        let i = r * gridColumns + start
        let level = Double(key(start) % 16) / 7
        let color = RGB.white.mixed(with: CategoricalPalette.color(labels[i]), 0.12 + 0.6 * level)
        doc.rect(
          x: plot.x + Double(start) * cw, y: plot.y + Double(r) * ch, width: Double(c - start) * cw + 0.4,
          height: ch + 0.4, fill: color.hex)
        start = c
      }
    }
    doc.endGroup()
    let xValues = xScale.ticks(count: 6)
    let yValues = yScale.ticks(count: 6)
    SVGAxes.draw(
      &doc, plot: plot, xScale: xScale, yScale: yScale,
      xTicks: Ticks.labeled(xValues),
      yTicks: Ticks.labeled(yValues),
      xLabel: options.xLabel, yLabel: options.yLabel)
    doc.beginGroup([("class", "points")])
    for p in points where p.x.isFinite && p.y.isFinite {
      let tip = "\(className(p.label))\(p.isTest ? " (test)" : ""): (\(NumberText.short(p.x)), \(NumberText.short(p.y)))"
      let color = CategoricalPalette.color(p.label)
      if p.isTest {
        doc.circle(
          cx: xScale(p.x), cy: yScale(p.y), r: 4, fill: "#ffffff", stroke: color.mixed(with: .black, 0.2).hex,
          tooltip: tip, extra: [("class", "point test"), ("stroke-width", "2")])
      } else {
        doc.circle(
          cx: xScale(p.x), cy: yScale(p.y), r: 3.5, fill: color.hex, stroke: "#ffffff", tooltip: tip,
          extra: [("class", "point train"), ("stroke-width", "0.8")])
      }
    }
    doc.endGroup()
    drawArrows(&doc, xScale: xScale, yScale: yScale)
    // Legend right of the plot.
    var y = plot.y + 10
    for k in drawnClasses {
      doc.circle(cx: plot.maxX + 24, cy: y - 4, r: 5, fill: CategoricalPalette.color(k).hex)
      doc.text(className(k), x: plot.maxX + 34, y: y, size: 12)
      y += 20
    }
    if points.contains(where: \.isTest) {
      doc.circle(cx: plot.maxX + 24, cy: y - 4, r: 4, fill: "#ffffff", stroke: "#444444", extra: [("stroke-width", "2")])
      doc.text("test data", x: plot.maxX + 34, y: y, size: 12)
      y += 20
    }
    doc.text("pale = unsure", x: plot.maxX + 18, y: y + 4, size: 11, fill: "#666666")
    // Hidden-unit thumbnails.
    if thumbColumns > 0 {
      let left = legendRight
      doc.text("hidden units over the same plane", x: left, y: plot.y - 6, size: 12, weight: "bold")
      for (i, thumb) in thumbnails.enumerated() {
        let x = left + Double(i % thumbColumns) * (thumbSize + 12)
        let y = plot.y + 8 + Double(i / thumbColumns) * (thumbSize + 22)
        var map = Heatmap(thumb.values, colorMap: .diverging, rowName: "y", columnName: "x")
        map.maxSVGCells = 1024
        map.drawThumbnail(into: &doc, box: Box(x: x, y: y, width: thumbSize, height: thumbSize), name: thumb.name)
      }
    }
    return doc.titled(options.title ?? "decision boundary")
  }
}

extension Heatmap {
  /// A small heatmap with a caption and no axes (Playground-style unit thumbnails).
  func drawThumbnail(into doc: inout SVGDocument, box: Box, name: String) {
    let (shown, _, _) = matrix.downsampled(maxRows: 32, maxColumns: 32)
    guard !shown.isEmpty else { return }
    let cw = box.width / Double(shown.columns)
    let ch = box.height / Double(shown.rows)
    doc.beginGroup([("class", "thumbnail"), ("data-name", name)])
    // Colours quantized to 12 levels and equal neighbours merged, to keep the file small.
    func level(_ r: Int, _ c: Int) -> Int {
      let t = domain.fraction(shown[r, c])
      return t.isFinite ? Int((Swift.max(0, Swift.min(1, t)) * 11).rounded()) : -1
    }
    for r in 0..<shown.rows {
      var start = 0
      for c in 1...shown.columns where c == shown.columns || level(r, c) != level(r, start) {
        let l = level(r, start)
        let fill = l < 0 ? ColorMap.missing : colorMap.color(at: Double(l) / 11)
        doc.rect(
          x: box.x + Double(start) * cw, y: box.y + Double(r) * ch, width: Double(c - start) * cw + 0.3,
          height: ch + 0.3, fill: fill.hex)
        start = c
      }
    }
    doc.rect(
      x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: "#888888",
      tooltip: "\(name): from \(NumberText.short(domain.low)) (blue) to \(NumberText.short(domain.high)) (red)")
    doc.endGroup()
    doc.text(name, x: box.x + box.width / 2, y: box.maxY + 13, anchor: "middle", size: 10)
  }
}
