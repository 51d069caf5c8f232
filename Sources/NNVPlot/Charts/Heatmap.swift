import Foundation

/// A matrix as coloured cells: half blocks (two rows per character) in a colour terminal, a
/// density ramp in monochrome, one rectangle per entry (with a tooltip) in SVG.
///
/// Matrices larger than the space are averaged in blocks, and the chart says so. NaN and
/// infinite entries are grey (`?` in monochrome) and counted under the chart.
public struct Heatmap: Sendable {
  public var matrix: Matrix
  public var options: ChartOptions
  public var colorMap: ColorMap
  /// The values at the ends of the colour map; by default the data's extent (symmetric around
  /// zero for a diverging map).
  public var domain: ColorDomain
  /// What a row and a column are, for tooltips and axis titles (`sample`, `unit`).
  public var rowName: String
  public var columnName: String
  /// The largest number of SVG cells before block averaging. Default 40 000 (≈ 4 MB max).
  public var maxSVGCells: Int = 40_000

  public init(
    _ matrix: Matrix, options: ChartOptions = ChartOptions(), colorMap: ColorMap = .viridis,
    domain: ColorDomain? = nil, rowName: String = "row", columnName: String = "column"
  ) {
    self.matrix = matrix
    self.options = options
    self.colorMap = colorMap
    self.domain =
      domain ?? ColorDomain(fitting: matrix.values, diverging: colorMap.isDiverging)
    self.rowName = rowName
    self.columnName = columnName
  }

  var nonFiniteCount: Int { matrix.values.filter { !$0.isFinite }.count }

  func color(_ value: Double) -> RGB {
    value.isFinite ? colorMap.color(at: domain.fraction(value)) : ColorMap.missing
  }

  // MARK: Text

  public func text() -> String {
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    guard !matrix.isEmpty else {
      return (lines + ["(empty: \(matrix.rows)×\(matrix.columns))"]).joined(separator: "\n") + "\n"
    }
    lines += body()
    return lines.joined(separator: "\n") + "\n"
  }

  /// The cells, the legend and notes, as lines.
  func body() -> [String] {
    let glyphs = options.glyphs
    let halfBlocks = glyphs.usesHalfBlocks && options.colored
    let labelWidth = String(matrix.rows).count + 1
    let available = Swift.max(4, options.columns - labelWidth - 1)
    // Monochrome cells are one character; two per entry when there is room, so cells look
    // closer to square.
    let maxRowsShown = halfBlocks ? options.rows * 2 : options.rows
    let (shown, rowStep, columnStep) = matrix.downsampled(
      maxRows: Swift.max(1, maxRowsShown), maxColumns: available)
    let cellWidth = !halfBlocks && shown.columns * 2 <= available ? 2 : 1
    var canvas = TextCanvas(
      width: labelWidth + 1 + shown.columns * cellWidth,
      height: halfBlocks ? (shown.rows + 1) / 2 : shown.rows)
    drawCells(
      shown, into: &canvas, left: labelWidth + 1, cellWidth: cellWidth, halfBlocks: halfBlocks)
    // Row numbers at the first and last row.
    canvas.write(TextLayout.pad("1", labelWidth, right: true), 0, 0)
    if canvas.height > 1 {
      canvas.write(TextLayout.pad("\(matrix.rows)", labelWidth, right: true), 0, canvas.height - 1)
    }
    var lines = canvas.render(options.colorMode).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let columnsLine = String(repeating: " ", count: labelWidth + 1) + "1"
    let lastColumn = "\(matrix.columns)"
    let end = labelWidth + 1 + shown.columns * cellWidth - lastColumn.count
    if end > columnsLine.count + 1 {
      lines.append(
        columnsLine + String(repeating: " ", count: end - columnsLine.count) + lastColumn)
    } else {
      lines.append(columnsLine)
    }
    var note =
      "\(matrix.rows) \(rowName)\(matrix.rows == 1 ? "" : "s") × "
      + "\(matrix.columns) \(columnName)\(matrix.columns == 1 ? "" : "s")"
    if rowStep > 1 || columnStep > 1 {
      note += ", shown as means of \(rowStep)×\(columnStep) blocks"
    }
    lines.append(note)
    lines.append(legend())
    if nonFiniteCount > 0 {
      lines.append(
        "\(nonFiniteCount) NaN or infinite entries shown as " + (halfBlocks ? "grey" : "?"))
    }
    return lines
  }

  /// The cells of `shown` from column `left`: two rows a character as half blocks, or a
  /// ramp glyph `cellWidth` characters wide.
  func drawCells(
    _ shown: Matrix, into canvas: inout TextCanvas, left: Int, cellWidth: Int, halfBlocks: Bool
  ) {
    if halfBlocks {
      for y in 0..<canvas.height {
        for c in 0..<shown.columns {
          var cell = TextCanvas.Cell()
          cell.character = "▀"
          cell.foreground = color(shown[y * 2, c])
          cell.background = y * 2 + 1 < shown.rows ? color(shown[y * 2 + 1, c]) : nil
          canvas[left + c, y] = cell
        }
      }
      return
    }
    for r in 0..<shown.rows {
      for c in 0..<shown.columns {
        let v = shown[r, c]
        let t = domain.fraction(v)
        // Diverging data in monochrome: darkness shows magnitude, and a separate legend
        // line explains that the sign is lost.
        let shade = colorMap.isDiverging ? abs(t - 0.5) * 2 : t
        let glyph = v.isFinite ? options.glyphs.rampGlyph(shade) : "?"
        for k in 0..<cellWidth {
          canvas.put(
            glyph, left + c * cellWidth + k, r, color: options.colored ? color(v) : nil)
        }
      }
    }
  }

  /// A one-line colour bar: low value, a gradient (or ramp), high value.
  func legend() -> String {
    let low = NumberText.short(domain.low)
    let high = NumberText.short(domain.high)
    if options.colored {
      var canvas = TextCanvas(width: 20, height: 1)
      for i in 0..<20 {
        canvas.put(" ", i, 0, color: nil, background: colorMap.color(at: Double(i) / 19))
      }
      var bar = canvas.render(options.colorMode)
      bar.removeLast()
      let middle = colorMap.isDiverging ? " (0 at white)" : ""
      return "\(low) \(bar) \(high)\(middle)"
    }
    let ramp = String(options.glyphs.ramp)
    if colorMap.isDiverging {
      return "|value|: 0 [\(ramp)] \(NumberText.short(domain.high)) (sign not shown without colour)"
    }
    return "\(low) [\(ramp)] \(high)"
  }

  // MARK: SVG

  public func document() -> SVGDocument {
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    SVGAxes.title(&doc, options.title, width: doc.width)
    let area = Box(x: 0, y: 0, width: doc.width, height: doc.height).inset(
      options.title == nil ? 20 : 44, 90, 44, 56)
    draw(into: &doc, area: area, colorBar: true)
    return doc.titled(options.title ?? "heatmap")
  }

  /// Draws the cells into `area` (keeping cells square when it can), with a colour bar right of
  /// it when asked. Returns the box the cells took.
  @discardableResult
  func draw(into doc: inout SVGDocument, area: Box, colorBar: Bool, tooltipPrefix: String = "")
    -> Box
  {
    guard !matrix.isEmpty else {
      doc.text(
        "(empty: \(matrix.rows)×\(matrix.columns))", x: area.x + area.width / 2,
        y: area.y + area.height / 2, anchor: "middle")
      return area
    }
    let side = Int(Double(maxSVGCells).squareRoot())
    let (shown, rowStep, columnStep) = matrix.downsampled(
      maxRows: Swift.max(side, maxSVGCells / Swift.max(1, Swift.min(matrix.columns, side))),
      maxColumns: side)
    let cell = Swift.min(area.width / Double(shown.columns), area.height / Double(shown.rows))
    let square =
      cell * Double(shown.columns) <= area.width && cell * Double(shown.rows) <= area.height
    let cw = square ? cell : area.width / Double(shown.columns)
    let ch = square ? cell : area.height / Double(shown.rows)
    let grid = Box(
      x: area.x, y: area.y, width: cw * Double(shown.columns), height: ch * Double(shown.rows))
    doc.beginGroup([("class", "cells")])
    for r in 0..<shown.rows {
      for c in 0..<shown.columns {
        let v = shown[r, c]
        let what =
          rowStep == 1 && columnStep == 1
          ? "\(rowName) \(r + 1), \(columnName) \(c + 1)"
          : "\(rowName)s \(r * rowStep + 1)–\(Swift.min(matrix.rows, (r + 1) * rowStep)), "
            + "\(columnName)s \(c * columnStep + 1)–\(Swift.min(matrix.columns, (c + 1) * columnStep)) (mean)"
        doc.rect(
          x: grid.x + Double(c) * cw, y: grid.y + Double(r) * ch, width: cw + 0.3, height: ch + 0.3,
          fill: color(v).hex, tooltip: "\(tooltipPrefix)\(what): \(NumberText.short(v))",
          extra: [("class", "cell")])
      }
    }
    doc.endGroup()
    doc.rect(
      x: grid.x, y: grid.y, width: grid.width, height: grid.height, fill: "none", stroke: "#888888")
    doc.text("\(rowName)s ↓", x: grid.x, y: grid.y - 5, size: 10, fill: "#666666")
    doc.text(
      "1", x: grid.x - 4, y: grid.y + Swift.min(ch, 12), anchor: "end", size: 9, fill: "#666666")
    doc.text("\(matrix.rows)", x: grid.x - 4, y: grid.maxY, anchor: "end", size: 9, fill: "#666666")
    doc.text(
      "\(columnName)s 1…\(matrix.columns)", x: grid.x, y: grid.maxY + 14, size: 10, fill: "#666666")
    if rowStep > 1 || columnStep > 1 {
      doc.text(
        "means of \(rowStep)×\(columnStep) blocks", x: grid.maxX, y: grid.maxY + 14, anchor: "end",
        size: 10, fill: "#666666")
    }
    if colorBar {
      SVGAxes.colorBar(
        &doc,
        box: Box(
          x: grid.maxX + 20, y: grid.y + 10, width: 16,
          height: Swift.min(240, Swift.max(60, grid.height - 10))),
        map: colorMap, domain: domain)
    }
    return grid
  }
}
