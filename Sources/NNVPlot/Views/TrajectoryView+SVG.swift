import NNVCore

/// The SVG of the trajectories: a path per sequence, every step a dot with its sequence, step,
/// token and class as a tooltip, the first step ringed, axes named with the variance they
/// explain, and a legend of the classes or of time.
extension TrajectoryView {
  public func document() throws -> SVGDocument {
    var doc = SVGDocument(width: 680, height: 560)
    SVGAxes.title(&doc, title, width: 680)
    let plot = Box(x: 60, y: 50, width: 440, height: 440)
    let all = points
    let sx = Scale(domain: domain(all.map(\.x)), range: plot.x...plot.maxX)
    let sy = Scale(domain: domain(all.map(\.y)), range: plot.y...plot.maxY, flipped: true)
    doc.rect(
      x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none",
      stroke: "#888888")
    doc.text(axisName(0), x: plot.x + plot.width / 2, y: plot.maxY + 24, anchor: "middle")
    doc.text(
      axisName(1), x: plot.x - 14, y: plot.y + plot.height / 2, anchor: "middle",
      extra: [("transform", "rotate(-90 \(plot.x - 14) \(plot.y + plot.height / 2))")])
    for path in trajectories.paths {
      try Cancellation.check()
      doc.beginGroup([("class", "path"), ("data-sample", "\(path.sample)")])
      let xy = path.points.map { (sx($0.x), sy($0.y)) }
      for t in 1..<Swift.max(1, xy.count) {
        doc.line(
          xy[t - 1].0, xy[t - 1].1, xy[t].0, xy[t].1, stroke: color(path, step: t).hex,
          width: 1.5, extra: [("stroke-opacity", "0.8")])
      }
      for (t, p) in xy.enumerated() {
        let token = path.tokens[safe: t] ?? ""
        var tip = "sequence \(path.sample), step \(t + 1) ‘\(token)’"
        if path.label != nil { tip += ", class \(className(path.label))" }
        doc.circle(
          cx: p.0, cy: p.1, r: t == 0 ? 4 : 2.2,
          fill: t == 0 ? "#ffffff" : color(path, step: t).hex,
          stroke: t == 0 ? color(path, step: t).hex : nil, tooltip: tip)
      }
      doc.endGroup()
    }
    legend(&doc, x: plot.maxX + 20, y: plot.y + 10)
    doc.text(
      "\(trajectories.paths.count) sequences; a ring marks each first step",
      x: plot.x, y: plot.maxY + 48, size: 11, fill: "#444444", extra: [("class", "note")])
    return doc.titled(title)
  }

  func legend(_ doc: inout SVGDocument, x: Double, y: Double) {
    switch coloring {
    case .time:
      doc.text("step", x: x, y: y, size: 12)
      for i in 0..<40 {
        doc.rect(
          x: x, y: y + 8 + Double(i) * 4, width: 14, height: 4.4,
          fill: ColorMap.viridis.color(at: Double(i) / 39).hex)
      }
      doc.text("first", x: x + 20, y: y + 18, size: 10)
      doc.text("last", x: x + 20, y: y + 168, size: 10)
    case .class:
      let labels = Set(trajectories.paths.compactMap(\.label)).sorted()
      for (k, label) in labels.prefix(20).enumerated() {
        let ly = y + Double(k) * 18
        doc.rect(
          x: x, y: ly - 9, width: 12, height: 12, fill: CategoricalPalette.color(label).hex)
        doc.text("class \(className(label))", x: x + 18, y: ly + 1, size: 12)
      }
    }
  }
}
