/// A plotting area on a `TextCanvas` with a y axis (labels on the left) and an x axis below.
///
/// Line charts and histograms share it, so their axes look alike. Cell columns `left..<left +
/// plotWidth` and rows `top..<top + plotHeight` hold the data.
struct TextAxes {
  let left: Int
  let top: Int
  let plotWidth: Int
  let plotHeight: Int
  let yTicks: [(value: Double, label: String)]

  /// Lays out the area for `columns` total width: the y labels decide the left margin.
  init(columns: Int, top: Int, plotHeight: Int, yTicks: [(value: Double, label: String)]) {
    let labelWidth = yTicks.map(\.label.count).max() ?? 0
    left = labelWidth + 2
    self.top = top
    plotWidth = Swift.max(4, columns - left - 2)
    self.plotHeight = plotHeight
    self.yTicks = yTicks
  }

  /// The row of the x axis line.
  var axisRow: Int { top + plotHeight }

  /// Draws both axes; `yRow` maps a value to its row, `xTicks` are columns within the plot.
  func draw(
    into canvas: inout TextCanvas, glyphs: GlyphSet, yRow: (Double) -> Int,
    xTicks: [(column: Int, label: String)]
  ) {
    let axisColumn = left - 1
    for row in top..<axisRow { canvas.put(glyphs.vertical, axisColumn, row) }
    var lastLabelRow = -10
    for tick in yTicks {
      let row = yRow(tick.value)
      guard row >= top, row < axisRow, row != lastLabelRow else { continue }
      canvas.write(TextLayout.pad(tick.label, axisColumn - 1, right: true), 0, row)
      canvas.put(glyphs.tickOnY, axisColumn, row)
      lastLabelRow = row
    }
    canvas.put(glyphs.corner, axisColumn, axisRow)
    for column in 0..<plotWidth { canvas.put(glyphs.horizontal, left + column, axisRow) }
    var nextFree = 0
    for tick in xTicks where tick.column >= 0 && tick.column < plotWidth {
      canvas.put(glyphs.tickOnX, left + tick.column, axisRow)
      let start = Swift.max(0, left + tick.column - tick.label.count / 2)
      guard start >= nextFree, start + tick.label.count <= canvas.width else { continue }
      canvas.write(tick.label, start, axisRow + 1)
      nextFree = start + tick.label.count + 1
    }
  }
}
