import NNVCore

/// The SVG drawing of distribution strips: a row of nested bands per tensor on a shared axis,
/// each band's percentiles in its tooltip.
extension DistributionStrips {
  /// The strips as nested bands with ticks along the shared axis.
  public func document() -> SVGDocument {
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    let title = options.title ?? "weight distributions"
    SVGAxes.title(&doc, title, width: doc.width)
    let plot = Box(x: 0, y: 0, width: doc.width, height: doc.height).inset(44, 24, 40, 110)
    guard !strips.isEmpty else { return doc.titled(title) }
    let scale = Scale(domain: domain, range: plot.x...plot.maxX)
    let rowHeight = Swift.min(28, plot.height / Double(strips.count))
    let ticks = Ticks.nice(domain.lowerBound, domain.upperBound, count: 6).values
    for (value, label) in zip(ticks, Ticks.labels(ticks)) {
      let x = scale(value)
      doc.line(x, plot.y, x, plot.y + rowHeight * Double(strips.count), stroke: SVGAxes.gridColor)
      doc.text(
        label, x: x, y: plot.y + rowHeight * Double(strips.count) + 16, anchor: "middle",
        size: 11)
    }
    let opacities = [0.2, 0.4, 0.65, 1.0]
    for (index, strip) in strips.enumerated() {
      let y = plot.y + Double(index) * rowHeight
      let color = CategoricalPalette.color(index / 2).hex
      doc.text(strip.name, x: plot.x - 8, y: y + rowHeight / 2 + 4, anchor: "end", size: 11)
      let p = strip.percentiles
      let percent = WeightDistribution.percentiles.map { Int($0) }
      for k in 0..<Swift.max(0, Swift.min(p.count, percent.count) - 1)
      where p[k].isFinite && p[k + 1].isFinite {
        let band = Self.band(k)
        let inset = (3 - Double(band)) * rowHeight * 0.08 + 3
        doc.rect(
          x: scale(p[k]), y: y + inset, width: Swift.max(0.5, scale(p[k + 1]) - scale(p[k])),
          height: rowHeight - 2 * inset, fill: color,
          tooltip: "\(strip.name): \(NumberText.short(p[k])) to \(NumberText.short(p[k + 1])) "
            + "(percentiles \(percent[k]) to \(percent[k + 1]))",
          extra: [("fill-opacity", NumberText.coordinate(opacities[band]))])
      }
      if p.count > 4, p[4].isFinite {
        doc.line(
          scale(p[4]), y + 2, scale(p[4]), y + rowHeight - 2, stroke: "#222222", width: 2,
          tooltip: "\(strip.name) median: \(NumberText.short(p[4]))")
      }
    }
    return doc.titled(title)
  }
}
