import Foundation

/// The terminal drawing of a line chart: braille lines (or markers in monochrome) inside text
/// axes, then the x label and a legend that wraps onto as many rows as it needs.
extension LineChart {
  /// An entry of the legend: the series name, its glyph and colour.
  typealias LegendEntry = (name: String, glyph: Character, color: RGB?)

  /// The chart as terminal text, `options.width` columns wide.
  public func text() -> String {
    let series = drawn
    guard series.contains(where: { !$0.points.isEmpty }) else {
      return (options.title.map { $0 + "\n" } ?? "") + "(no finite values to plot)\n"
    }
    let titleRows = options.title == nil ? 0 : 1
    let (_, probeY) = scales(xRange: 0...1, yRange: 0...Double(options.rows - 1))
    let yValues = probeY.ticks(count: Swift.max(2, Swift.min(5, options.rows / 3 + 1)))
    let axes = TextAxes(
      columns: options.columns, top: titleRows, plotHeight: options.rows,
      yTicks: Ticks.labeled(yValues))
    let (xScale, yScale) = scales(
      xRange: 0...Double(Swift.max(1, axes.plotWidth * 2 - 1)),
      yRange: 0...Double(axes.plotHeight * 4 - 1))
    let showsLegend = series.count > 1 || options.yLabel == nil
    let legendRows = showsLegend ? self.legendRows(series.map(\.name), axes: axes) : 1
    var canvas = TextCanvas(
      width: options.columns, height: titleRows + axes.plotHeight + 3 + legendRows)
    if let title = options.title {
      canvas.write(TextLayout.clip(title, options.columns), 0, 0)
    }
    let xValues = xScale.ticks(count: Swift.max(2, axes.plotWidth / 10))
    let xTicks = zip(xValues, Ticks.labels(xValues)).map {
      (column: Int((xScale($0.0) / 2).rounded(.down)), label: $0.1)
    }
    axes.draw(
      into: &canvas, glyphs: options.glyphs,
      yRow: { axes.top + Int((yScale($0) / 4).rounded(.down)) }, xTicks: xTicks)
    let legend = drawSeries(series, into: &canvas, axes: axes, x: xScale, y: yScale)
    var row = axes.axisRow + 2
    if let xLabel = options.xLabel {
      canvas.write(TextLayout.center(xLabel, axes.plotWidth), axes.left, row)
      row += 1
    }
    if showsLegend { drawLegend(legend, into: &canvas, axes: axes, row: row) }
    var text = canvas.render(options.colorMode)
    if let yLabel = options.yLabel, series.count == 1 {
      text = TextLayout.clip(yLabel, options.columns) + "\n" + text
    }
    while text.hasSuffix("\n\n") { text.removeLast() }
    return text
  }

  /// The rows a legend of `names` takes when it wraps at the chart's width.
  func legendRows(_ names: [String], axes: TextAxes) -> Int {
    var rows = 1
    var column = axes.left
    for name in names {
      let width = name.count + 3
      if column > axes.left, column + width > options.columns {
        rows += 1
        column = axes.left
      }
      column += width + 3
    }
    return rows
  }

  /// Draws every series inside the axes, points on top of lines; returns the legend.
  func drawSeries(
    _ series: [Series], into canvas: inout TextCanvas, axes: TextAxes, x xScale: Scale,
    y yScale: Scale
  ) -> [LegendEntry] {
    let glyphs = options.glyphs
    let useColor = options.colored
    var braille = BrailleCanvas(columns: axes.plotWidth, rows: axes.plotHeight)
    var legend: [LegendEntry] = []
    for (index, s) in series.enumerated() {
      let color = useColor ? self.color(index) : nil
      let dots = s.points.map { (Int(xScale($0.x).rounded()), Int(yScale($0.y).rounded())) }
      // Braille draws lines; in monochrome only the first line series uses it, so that the
      // others stay apart by their markers.
      let brailleLine = glyphs.usesBraille && s.style == .line && (useColor || index == 0)
      let marker =
        s.style == .points || index != 0 ? glyphs.marker(index) : glyphs.point
      if brailleLine {
        let path = Self.thinned(dots)
        for (a, b) in zip(path, path.dropFirst()) {
          braille.line(a.0, a.1, b.0, b.1, color: color)
        }
        if dots.count == 1 { braille.set(dots[0].0, dots[0].1, color: color) }
        legend.append((s.name, "⠒", color))
        continue
      }
      if s.style == .line {
        for cell in Self.cells(along: dots) {
          canvas.put(marker, axes.left + cell[0], axes.top + cell[1], color: color)
        }
      }
      legend.append((s.name, marker, color))
    }
    braille.draw(into: &canvas, at: axes.left, axes.top)
    // Point series go on top of the lines.
    for (index, s) in series.enumerated() where s.style == .points {
      let color = useColor ? self.color(index) : nil
      for p in s.points {
        let column = Int(xScale(p.x).rounded()) / 2
        let row = Int(yScale(p.y).rounded()) / 4
        canvas.put(glyphs.marker(index), axes.left + column, axes.top + row, color: color)
      }
    }
    return legend
  }

  /// `dots` with each run of dots in one column cut to its first, lowest, highest and last:
  /// the line through them sets the same dots (the run's segments are vertical and cover
  /// exactly its lowest to highest), so a history of 100,000 epochs draws as fast as one of a
  /// few hundred.
  static func thinned(_ dots: [(Int, Int)]) -> [(Int, Int)] {
    guard dots.count > 2 else { return dots }
    var path: [(Int, Int)] = []
    var start = 0
    while start < dots.count {
      var end = start
      var low = dots[start].1
      var high = low
      while end + 1 < dots.count, dots[end + 1].0 == dots[start].0 {
        end += 1
        low = Swift.min(low, dots[end].1)
        high = Swift.max(high, dots[end].1)
      }
      let x = dots[start].0
      path.append(dots[start])
      if end > start { path += [(x, low), (x, high), dots[end]] }
      start = end + 1
    }
    return path
  }

  /// The character cells (column, row) a line through braille `dots` passes.
  static func cells(along dots: [(Int, Int)]) -> Set<[Int]> {
    var cells = Set<[Int]>()
    for (a, b) in zip(dots, dots.dropFirst()) {
      let (c0, c1) = (a.0 / 2, b.0 / 2)
      for c in Swift.min(c0, c1)...Swift.max(c0, c1) {
        let t = c1 == c0 ? 0 : Double(c - c0) / Double(c1 - c0)
        let row = (Double(a.1) + t * Double(b.1 - a.1)) / 4
        cells.insert([c, Int(row.rounded(.down))])
      }
    }
    if dots.count == 1 { cells.insert([dots[0].0 / 2, dots[0].1 / 4]) }
    return cells
  }

  /// The legend from `row` down, wrapping at the chart's width.
  func drawLegend(_ legend: [LegendEntry], into canvas: inout TextCanvas, axes: TextAxes, row: Int)
  {
    var row = row
    var column = axes.left
    for (name, glyph, color) in legend {
      let entry = "\(glyph)\(glyph) \(name)"
      if column > axes.left, column + entry.count > options.columns {
        row += 1
        column = axes.left
      }
      canvas.put(glyph, column, row, color: color)
      canvas.put(glyph, column + 1, row, color: color)
      canvas.write(" " + name, column + 2, row)
      column += entry.count + 3
    }
  }
}
