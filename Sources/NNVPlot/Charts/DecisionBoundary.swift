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
    self.labels =
      Array(labels.prefix(n)) + Array(repeating: 0, count: Swift.max(0, n - labels.count))
    self.confidences =
      Array(confidences.prefix(n))
      + Array(repeating: .nan, count: Swift.max(0, n - confidences.count))
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

  func className(_ k: Int) -> String {
    k >= 0 && k < classNames.count ? classNames[k] : "class \(k)"
  }

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
    guard gridColumns > 0, gridRows > 0 else {
      return (lines + ["(empty grid)"]).joined(separator: "\n") + "\n"
    }
    let frame = PlaneFrame(xDomain: xDomain, yDomain: yDomain, options: options)
    var canvas = frame.makeCanvas()
    drawRegions(into: &canvas, frame: frame, halfBlocks: halfBlocks)
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
    lines.append(legendLine(halfBlocks: halfBlocks))
    if points.contains(where: \.isTest) {
      lines.append(
        halfBlocks || glyphs.usesBraille
          ? "filled marks: training data, hollow: test data"
          : "letters: training data, digits: test data")
    }
    lines.append("blank or pale: the model is unsure")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The regions in the terminal: two cells a character as half blocks in colour, else a
  /// glyph per class, blank where the model is unsure.
  func drawRegions(into canvas: inout TextCanvas, frame: PlaneFrame, halfBlocks: Bool) {
    let (margin, width, height) = (frame.margin, frame.width, frame.height)
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
            strength(c.confidence) < 0.2
            ? " " : DecisionBoundary.regionGlyphs[c.label % DecisionBoundary.regionGlyphs.count]
          canvas.put(
            glyph, margin + x, y, color: options.colored ? regionColor(c.label, c.confidence) : nil)
        }
      }
    }
  }

  /// Each class drawn: its mark (in its colour, as on the plane) and, in monochrome, its
  /// region glyph.
  func legendLine(halfBlocks: Bool) -> String {
    var legend: [String] = []
    var colored: [String] = []
    for k in drawnClasses {
      var entry = " \(className(k))"
      if !halfBlocks {
        entry +=
          " (region \"\(DecisionBoundary.regionGlyphs[k % DecisionBoundary.regionGlyphs.count])\")"
      }
      let mark = String(marker(k, test: false))
      legend.append(mark + entry)
      colored.append(
        ANSIStyle.foreground(pointColor(k), options.colorMode) + mark + ANSIStyle.reset + entry)
    }
    // In colour, each class's mark is drawn in its colour, as on the plane.
    let plain = legend.joined(separator: "  ")
    return options.colored && plain.count <= options.columns
      ? colored.joined(separator: "  ") : TextLayout.clip(plain, options.columns)
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
}
