import Foundation

/// One named set of (x, y) points.
public struct Series: Sendable {
  public enum Style: Sendable, Equatable {
    /// Points joined by straight lines.
    case line
    /// Points drawn as markers (data samples).
    case points
  }

  public var name: String
  public var points: [(x: Double, y: Double)]
  public var style: Style
  /// Drawn dashed in SVG (validation curves), so it reads apart in black and white.
  public var dashed: Bool
  /// A fixed colour; by default the series' position in the categorical palette.
  public var color: RGB?

  public init(
    _ name: String, points: [(x: Double, y: Double)], style: Style = .line, dashed: Bool = false,
    color: RGB? = nil
  ) {
    self.name = name
    self.points = points
    self.style = style
    self.dashed = dashed
    self.color = color
  }

  /// `values` at x = 1, 2, 3, …
  public init(_ name: String, values: [Double], dashed: Bool = false, color: RGB? = nil) {
    self.init(
      name, points: values.enumerated().map { (Double($0.offset + 1), $0.element) },
      dashed: dashed, color: color)
  }
}

/// A line chart of one or more series: braille lines in the terminal, polylines in SVG.
///
/// Non-finite points are skipped (a line breaks there). With `logY`, values at or below zero
/// are clamped to the smallest positive one. `smoothing` (0 none … 0.99 strong) applies an
/// exponential moving average to line series, as TensorBoard does, keeping the first value.
public struct LineChart: Sendable {
  public var series: [Series]
  public var options: ChartOptions
  public var logY: Bool
  public var smoothing: Double
  /// Whether a line of more than 40 points carries its values as hover targets in SVG
  /// (invisible markers with tooltips); true by default. A page of many charts turns it off
  /// for charts whose lines matter more than their values (the weights over epochs).
  public var hoverPoints = true

  public init(
    _ series: [Series], options: ChartOptions = ChartOptions(), logY: Bool = false,
    smoothing: Double = 0
  ) {
    self.series = series
    self.options = options
    self.logY = logY
    self.smoothing = smoothing.isFinite ? Swift.max(0, Swift.min(0.99, smoothing)) : 0
  }

  /// The series as drawn: smoothed, with non-finite points removed.
  var drawn: [Series] {
    series.map { s in
      var copy = s
      var points = s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
      if smoothing > 0, s.style == .line, var last = points.first?.y {
        for i in points.indices {
          last = smoothing * last + (1 - smoothing) * points[i].y
          points[i].y = last
        }
      }
      copy.points = points
      return copy
    }
  }

  func color(_ index: Int) -> RGB { series[index].color ?? CategoricalPalette.color(index) }

  func scales(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> (Scale, Scale) {
    let all = drawn.flatMap(\.points)
    let xDomain = ClosedRange.extent(of: all.map(\.x)) ?? 0...1
    var yDomain = ClosedRange.extent(of: all.map(\.y)) ?? 0...1
    if !logY {
      // Nice bounds so the top and bottom ticks sit on the frame.
      let ticks = Ticks.nice(yDomain.lowerBound, yDomain.upperBound, count: 5)
      let low = Swift.min(yDomain.lowerBound, ticks.values.first ?? yDomain.lowerBound)
      let lowerTick = floor(yDomain.lowerBound / ticks.step) * ticks.step
      let upperTick = ceil(yDomain.upperBound / ticks.step) * ticks.step
      yDomain = Swift.min(low, lowerTick)...Swift.max(upperTick, yDomain.upperBound)
    }
    return (
      Scale(domain: xDomain, range: xRange),
      Scale(logY ? .log : .linear, domain: yDomain, range: yRange, flipped: true)
    )
  }

  // MARK: SVG

  /// The chart as a standalone SVG document.
  public func document() -> SVGDocument {
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    SVGAxes.title(&doc, options.title, width: doc.width)
    let left = options.yLabel == nil ? 60.0 : 76
    let rows = SVGAxes.legendRows(series.map(\.name), x: left + 8, maxX: doc.width - 24)
    let plot = Box(x: 0, y: 0, width: doc.width, height: doc.height).inset(
      (options.title == nil ? 36 : 52) + Double(rows - 1) * SVGAxes.legendRowHeight, 24,
      options.xLabel == nil ? 40 : 56, left)
    draw(into: &doc, plot: plot)
    return doc.titled(options.title ?? series.map(\.name).joined(separator: ", "))
  }

  /// Draws axes, lines, markers and the legend inside `plot`.
  func draw(into doc: inout SVGDocument, plot: Box) {
    let series = drawn
    let (xScale, yScale) = scales(xRange: plot.x...plot.maxX, yRange: plot.y...plot.maxY)
    let xValues = xScale.ticks(count: 6)
    let yValues = yScale.ticks(count: 5)
    SVGAxes.draw(
      &doc, plot: plot, xScale: xScale, yScale: yScale,
      xTicks: Ticks.labeled(xValues),
      yTicks: Ticks.labeled(yValues),
      xLabel: options.xLabel, yLabel: options.yLabel)
    for (index, s) in series.enumerated() {
      let color = self.color(index).hex
      doc.beginGroup([("class", "series"), ("data-name", s.name)])
      switch s.style {
      case .line:
        doc.polyline(
          s.points.map { (xScale($0.x), yScale($0.y)) }, stroke: color, width: 2.5,
          extra: s.dashed ? [("stroke-dasharray", "7 4")] : [])
        // Every point carries its value as a tooltip. Markers show on short series; on longer
        // ones they would bury the line, so they stay invisible but can still be hovered.
        let visible = s.points.count <= 40
        if s.points.count <= 200, visible || hoverPoints {
          for p in s.points {
            doc.circle(
              cx: xScale(p.x), cy: yScale(p.y), r: visible ? 2.5 : 4, fill: color,
              tooltip: "\(s.name): x = \(NumberText.short(p.x)), y = \(NumberText.short(p.y))",
              extra: [("class", "point")] + (visible ? [] : [("fill-opacity", "0")]))
          }
        }
      case .points:
        for p in s.points {
          doc.circle(
            cx: xScale(p.x), cy: yScale(p.y), r: 3.5, fill: color, stroke: "#ffffff",
            tooltip: "\(s.name): x = \(NumberText.short(p.x)), y = \(NumberText.short(p.y))",
            extra: [("class", "point"), ("fill-opacity", "0.8")])
        }
      }
      doc.endGroup()
    }
    if !series.isEmpty {
      let rows = SVGAxes.legendRows(series.map(\.name), x: plot.x + 8, maxX: plot.maxX)
      SVGAxes.legend(
        &doc,
        entries: series.enumerated().map { ($0.element.name, color($0.offset), $0.element.dashed) },
        x: plot.x + 8, y: plot.y - 10 - Double(rows - 1) * SVGAxes.legendRowHeight, maxX: plot.maxX)
    }
  }
}
