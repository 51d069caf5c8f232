/// The terminal frame of a chart over a 2-D input plane (decision boundaries, regression
/// surfaces): the y bounds left of a vertical rule, the plot area, the x bounds under it.
struct PlaneFrame {
  let xDomain: ClosedRange<Double>
  let yDomain: ClosedRange<Double>
  let yLabels: [String]
  /// Columns left of the plot area (labels and the rule).
  let margin: Int
  /// The plot area in cells.
  let width: Int
  let height: Int
  /// Data to cell positions across and down the plot area.
  let xScale: Scale
  let yScale: Scale

  init(xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, options: ChartOptions) {
    self.xDomain = xDomain
    self.yDomain = yDomain
    yLabels = [NumberText.short(yDomain.upperBound), NumberText.short(yDomain.lowerBound)]
    margin = (yLabels.map(\.count).max() ?? 1) + 2
    width = Swift.max(4, options.columns - margin - 1)
    height = options.rows
    xScale = Scale(domain: xDomain, range: 0...Double(width))
    yScale = Scale(domain: yDomain, range: 0...Double(height), flipped: true)
  }

  /// An empty canvas with room for the labels and the plot area.
  func makeCanvas() -> TextCanvas { TextCanvas(width: margin + width, height: height) }

  /// The cell (canvas column, row) of a data point; nil when it is not finite or falls outside.
  func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
    guard x.isFinite, y.isFinite else { return nil }
    let column = Swift.min(width - 1, Int(xScale(x)))
    let row = Swift.min(height - 1, Int(yScale(y)))
    guard column >= 0, row >= 0 else { return nil }
    return (margin + column, row)
  }

  /// The finished chart lines: the y labels and rule drawn onto `canvas`, then the x bounds.
  func lines(_ canvas: TextCanvas, glyphs: GlyphSet, colorMode: ColorMode) -> [String] {
    var canvas = canvas
    canvas.write(TextLayout.pad(yLabels[0], margin - 1, right: true), 0, 0)
    canvas.write(TextLayout.pad(yLabels[1], margin - 1, right: true), 0, height - 1)
    for y in 0..<height { canvas.put(glyphs.vertical, margin - 1, y) }
    var lines = TextBlock(canvas.render(colorMode)).lines
    let low = NumberText.short(xDomain.lowerBound)
    let high = NumberText.short(xDomain.upperBound)
    lines.append(
      String(repeating: " ", count: margin) + low
        + String(repeating: " ", count: Swift.max(1, width - low.count - high.count)) + high)
    return lines
  }
}
