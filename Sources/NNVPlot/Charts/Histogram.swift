import Foundation

/// Counts of values in equal-width bins with nice edges.
public struct Bins: Sendable, Equatable {
  /// `count + 1` edges, increasing.
  public let edges: [Double]
  public let counts: [Int]
  /// Values that were NaN or infinite, left out of the bins.
  public let skipped: Int

  /// How many bins may be asked for; a count outside is clamped into it.
  public static let allowedCounts = 1...60

  /// Bins `values` into exactly `count` equal bins from the lowest value to the highest, or
  /// without a count into about 1 + log2 n (Sturges' rule, at most 30) with nice edges.
  public init(_ values: [Double], count: Int? = nil) {
    let finite = values.filter(\.isFinite)
    skipped = values.count - finite.count
    let sturges = Int(ceil(log2(Double(Swift.max(finite.count, 1))) + 1))
    let wanted = Swift.max(
      Bins.allowedCounts.lowerBound, Swift.min(Bins.allowedCounts.upperBound, count ?? sturges))
    let extent = ClosedRange.extent(of: finite) ?? 0...1
    var low = extent.lowerBound
    var high = extent.upperBound
    if high == low {
      low -= 0.5
      high += 0.5
    }
    if !(high - low).isFinite {
      // Values near ±greatestFiniteMagnitude: a span that overflows would give no step.
      low = Swift.max(low, -Double.greatestFiniteMagnitude / 4)
      high = Swift.min(high, Double.greatestFiniteMagnitude / 4)
    }
    var step = Ticks.niceNumber((high - low) / Double(wanted), round: true)
    var start = floor(low / step) * step
    var edges = [start]
    if count != nil, (high - low) / Double(wanted) > 0 {
      // A count asked for is the count drawn, as numpy and matplotlib give it: equal bins from
      // the lowest value to the highest.
      step = (high - low) / Double(wanted)
      start = low
      edges = (0...wanted).map { low + Double($0) * step }
    } else {
      while let last = edges.last, last <= high, edges.count <= 200 { edges.append(last + step) }
      if edges.count < 2 { edges.append(start + step) }
    }
    var counts = Array(repeating: 0, count: edges.count - 1)
    for v in finite {
      // Clamped as a Double first: converting an out-of-range value to Int would trap.
      let position = floor((v - start) / step)
      let i = position.isNaN ? 0 : Int(Swift.max(0, Swift.min(Double(counts.count - 1), position)))
      counts[i] += 1
    }
    self.edges = edges
    self.counts = counts
  }
}

/// A histogram: vertical bars in the terminal (eighth blocks, or `#` in ASCII), rectangles in
/// SVG with the bin and its count as tooltip.
public struct Histogram: Sendable {
  public var bins: Bins
  public var options: ChartOptions
  /// The bar colour (default: the first categorical colour).
  public var color: RGB

  public init(
    _ values: [Double], bins: Int? = nil, options: ChartOptions = ChartOptions(),
    color: RGB = CategoricalPalette.color(0)
  ) {
    self.bins = Bins(values, count: bins)
    self.options = options
    self.color = color
  }

  var maxCount: Int { Swift.max(1, bins.counts.max() ?? 1) }

  public func text() -> String {
    let glyphs = options.glyphs
    let titleRows = options.title == nil ? 0 : 1
    let countTicks = Ticks.nice(0, Double(maxCount), count: Swift.min(4, options.rows / 2 + 1))
    let top = Swift.max(Double(maxCount), countTicks.values.last ?? 1)
    let yTicks = countTicks.values.map { (value: $0, label: NumberText.short($0)) }
    let axes = TextAxes(
      columns: options.columns, top: titleRows, plotHeight: options.rows, yTicks: yTicks)
    var canvas = TextCanvas(width: options.columns, height: titleRows + axes.plotHeight + 2)
    if let title = options.title { canvas.write(TextLayout.clip(title, options.columns), 0, 0) }
    let n = bins.counts.count
    let rows = Double(axes.plotHeight)
    let columnOf = { (edge: Int) -> Int in
      Int((Double(edge) / Double(n) * Double(axes.plotWidth)).rounded())
    }
    let shown = (0...n).filter { n <= 8 || $0 % Swift.max(1, n / 6) == 0 || $0 == n }
    let xTicks = zip(shown, Ticks.labels(shown.map { bins.edges[$0] })).map { edge, label in
      (column: Swift.min(columnOf(edge), axes.plotWidth - 1), label: label)
    }
    axes.draw(
      into: &canvas, glyphs: glyphs,
      yRow: { axes.top + axes.plotHeight - 1 - Int(($0 / top * (rows - 1)).rounded()) },
      xTicks: xTicks)
    let barColor = options.colored ? color : nil
    for (i, count) in bins.counts.enumerated() where count > 0 {
      let eighths = Swift.max(1, Int((Double(count) / top * rows * 8).rounded()))
      let (a, b) = (columnOf(i), Swift.max(columnOf(i) + 1, columnOf(i + 1)))
      // Leave a gap between bars when they are wide enough.
      let right = b - a >= 3 ? b - 1 : b
      for column in a..<right {
        var remaining = eighths
        var row = axes.axisRow - 1
        while remaining > 0, row >= axes.top {
          let glyph: Character
          if glyphs.bars.count == 8 {
            glyph = glyphs.bars[Swift.min(remaining, 8) - 1]
          } else {
            glyph =
              remaining >= 4
              ? glyphs.bars[0] : (remaining >= 1 && row == axes.axisRow - 1 ? glyphs.bars[0] : " ")
          }
          canvas.put(glyph, axes.left + column, row, color: barColor)
          remaining -= 8
          row -= 1
        }
      }
    }
    var text = canvas.render(options.colorMode)
    if bins.skipped > 0 { text += "(\(bins.skipped) NaN or infinite values left out)\n" }
    return text
  }

  public func document() -> SVGDocument {
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    SVGAxes.title(&doc, options.title, width: doc.width)
    let plot = Box(x: 0, y: 0, width: doc.width, height: doc.height).inset(
      options.title == nil ? 24 : 44, 24, options.xLabel == nil ? 40 : 56, 64)
    draw(into: &doc, plot: plot, label: options.title ?? "values")
    return doc.titled(options.title ?? "histogram")
  }

  /// Draws the bars with axes into `plot`.
  func draw(into doc: inout SVGDocument, plot: Box, label: String, small: Bool = false) {
    let first = bins.edges.first ?? 0
    let last = bins.edges.last ?? 1
    let xScale = Scale(domain: first...last, range: plot.x...plot.maxX)
    let countTicks = Ticks.nice(0, Double(maxCount), count: small ? 3 : 5)
    let top = Swift.max(Double(maxCount), countTicks.values.last ?? 1)
    let yScale = Scale(domain: 0...top, range: plot.y...plot.maxY, flipped: true)
    let xValues = xScale.ticks(count: small ? 4 : 7)
    SVGAxes.draw(
      &doc, plot: plot, xScale: xScale, yScale: yScale,
      xTicks: Ticks.labeled(xValues),
      yTicks: countTicks.values.map { (value: $0, label: NumberText.short($0)) },
      xLabel: small ? nil : options.xLabel, yLabel: small ? nil : (options.yLabel ?? "count"))
    doc.beginGroup([("class", "bars")])
    for (i, count) in bins.counts.enumerated() {
      let x0 = xScale(bins.edges[i])
      let x1 = xScale(bins.edges[i + 1])
      let y = yScale(Double(count))
      doc.rect(
        x: x0 + 0.5, y: y, width: x1 - x0 - 1, height: plot.maxY - y, fill: color.hex,
        tooltip: "\(label): [\(NumberText.short(bins.edges[i])), "
          + "\(NumberText.short(bins.edges[i + 1]))) \(count)",
        extra: [("class", "bar")])
    }
    doc.endGroup()
  }
}
