import Foundation

/// The SVG of a decision boundary: the regions (pale where the model is unsure), the data
/// points with tooltips, the arrows of a saliency view, a legend, and thumbnails of what each
/// hidden unit computes over the same plane.
extension DecisionBoundary {
  static let thumbSize = 64.0

  public func document() -> SVGDocument {
    let thumbColumns = thumbnails.isEmpty ? 0 : Swift.min(4, thumbnails.count)
    let thumbRows = thumbColumns == 0 ? 0 : (thumbnails.count + thumbColumns - 1) / thumbColumns
    let thumbSize = Self.thumbSize
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
    drawRegions(&doc, plot: plot)
    SVGAxes.draw(
      &doc, plot: plot, xScale: xScale, yScale: yScale,
      xTicks: Ticks.labeled(xScale.ticks(count: 6)), yTicks: Ticks.labeled(yScale.ticks(count: 6)),
      xLabel: options.xLabel, yLabel: options.yLabel)
    drawPoints(&doc, x: xScale, y: yScale)
    drawArrows(&doc, xScale: xScale, yScale: yScale)
    drawLegend(&doc, plot: plot)
    if thumbColumns > 0 {
      drawThumbnails(&doc, left: legendRight, top: plot.y, columns: thumbColumns)
    }
    return doc.titled(options.title ?? "decision boundary")
  }

  /// Regions: cells quantized to 8 confidence levels; equal neighbours in a row are merged
  /// into one rectangle, which keeps a 200×200 grid far below 1 MB.
  func drawRegions(_ doc: inout SVGDocument, plot: Box) {
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
        let color = RGB.white.mixed(
          with: CategoricalPalette.color(labels[i]), 0.12 + 0.6 * level)
        doc.rect(
          x: plot.x + Double(start) * cw, y: plot.y + Double(r) * ch,
          width: Double(c - start) * cw + 0.4, height: ch + 0.4, fill: color.hex)
        start = c
      }
    }
    doc.endGroup()
  }

  /// The data: training points filled, test points hollow, each with a tooltip.
  func drawPoints(_ doc: inout SVGDocument, x xScale: Scale, y yScale: Scale) {
    doc.beginGroup([("class", "points")])
    for p in points where p.x.isFinite && p.y.isFinite {
      let tip =
        "\(className(p.label))\(p.isTest ? " (test)" : ""): "
        + "(\(NumberText.short(p.x)), \(NumberText.short(p.y)))"
      let color = CategoricalPalette.color(p.label)
      if p.isTest {
        doc.circle(
          cx: xScale(p.x), cy: yScale(p.y), r: 4, fill: "#ffffff",
          stroke: color.mixed(with: .black, 0.2).hex, tooltip: tip,
          extra: [("class", "point test"), ("stroke-width", "2")])
      } else {
        doc.circle(
          cx: xScale(p.x), cy: yScale(p.y), r: 3.5, fill: color.hex, stroke: "#ffffff",
          tooltip: tip, extra: [("class", "point train"), ("stroke-width", "0.8")])
      }
    }
    doc.endGroup()
  }

  /// The legend right of the plot: the classes drawn, test data, and what pale means.
  func drawLegend(_ doc: inout SVGDocument, plot: Box) {
    var y = plot.y + 10
    for k in drawnClasses {
      doc.circle(cx: plot.maxX + 24, cy: y - 4, r: 5, fill: CategoricalPalette.color(k).hex)
      doc.text(className(k), x: plot.maxX + 34, y: y, size: 12)
      y += 20
    }
    if points.contains(where: \.isTest) {
      doc.circle(
        cx: plot.maxX + 24, cy: y - 4, r: 4, fill: "#ffffff", stroke: "#444444",
        extra: [("stroke-width", "2")])
      doc.text("test data", x: plot.maxX + 34, y: y, size: 12)
      y += 20
    }
    doc.text("pale = unsure", x: plot.maxX + 18, y: y + 4, size: 11, fill: "#666666")
  }

  /// Hidden-unit thumbnails in `columns` columns from (`left`, `top`).
  func drawThumbnails(_ doc: inout SVGDocument, left: Double, top: Double, columns: Int) {
    let thumbSize = Self.thumbSize
    doc.text("hidden units over the same plane", x: left, y: top - 6, size: 12, weight: "bold")
    for (i, thumb) in thumbnails.enumerated() {
      let x = left + Double(i % columns) * (thumbSize + 12)
      let y = top + 8 + Double(i / columns) * (thumbSize + 22)
      var map = Heatmap(thumb.values, colorMap: .diverging, rowName: "y", columnName: "x")
      map.maxSVGCells = 1024
      map.drawThumbnail(
        into: &doc, box: Box(x: x, y: y, width: thumbSize, height: thumbSize), name: thumb.name)
    }
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
          x: box.x + Double(start) * cw, y: box.y + Double(r) * ch,
          width: Double(c - start) * cw + 0.3,
          height: ch + 0.3, fill: fill.hex)
        start = c
      }
    }
    doc.rect(
      x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: "#888888",
      tooltip:
        "\(name): from \(NumberText.short(domain.low)) (blue) to \(NumberText.short(domain.high)) (red)"
    )
    doc.endGroup()
    doc.text(name, x: box.x + box.width / 2, y: box.maxY + 13, anchor: "middle", size: 10)
  }
}
