/// SVG pages made of several charts: the weights view (a heatmap over small histograms), the
/// activations view (one heatmap per layer) and line charts stacked (loss over accuracy).
public enum PanelSVG {
  /// Line charts one under another, each drawn as its own nested `<svg>` at its offset.
  public static func stacked(_ charts: [LineChart]) -> String {
    let parts = charts.map { $0.svg() }
    guard parts.count > 1 else { return parts.first ?? "" }
    var body = ""
    var y = 0.0
    var width = 0.0
    for (chart, part) in zip(charts, parts) {
      guard let start = part.range(of: "<svg ") else { continue }
      let inner = part[start.lowerBound...].replacingOccurrences(
        of: "<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg y=\"\(NumberText.coordinate(y))\" ")
      body += inner
      y += chart.options.svgHeight
      width = Swift.max(width, chart.options.svgWidth)
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      + "width=\"\(NumberText.coordinate(width))\" height=\"\(NumberText.coordinate(y))\" "
      + "viewBox=\"0 0 \(NumberText.coordinate(width)) \(NumberText.coordinate(y))\">\n" + body + "</svg>\n"
  }

  /// The weight matrix with its colour bar, then a grid of histograms, two per row.
  public static func weights(heatmap: Heatmap, histograms: [Histogram]) -> String {
    let width = 720.0
    let heatHeight = 300.0
    let histogramHeight = 150.0
    let rows = (histograms.count + 1) / 2
    // The matrix keeps square cells, so a wide matrix is short: the histograms start below
    // the space it actually took (or its colour bar, whichever is lower).
    let probe = heatmap.matrix.isEmpty ? 1 : Double(heatmap.matrix.rows) / Double(heatmap.matrix.columns)
    let used = Swift.max(90, Swift.min(heatHeight - 20, (width - 220) * probe)) + 30
    var doc = SVGDocument(width: width, height: 60 + used + Double(rows) * (histogramHeight + 30) + 20)
    SVGAxes.title(&doc, heatmap.options.title, width: width)
    heatmap.draw(into: &doc, area: Box(x: 70, y: 50, width: width - 220, height: heatHeight - 20), colorBar: true)
    for (i, histogram) in histograms.enumerated() {
      let x = 60 + Double(i % 2) * (width / 2)
      let y = 60 + used + Double(i / 2) * (histogramHeight + 30)
      doc.text(histogram.options.title ?? "", x: x, y: y, size: 12, weight: "bold")
      histogram.draw(
        into: &doc, plot: Box(x: x, y: y + 12, width: width / 2 - 90, height: histogramHeight - 40),
        label: histogram.options.title ?? "values", small: true)
    }
    return doc.render(title: heatmap.options.title ?? "weights")
  }

  /// One heatmap per layer, stacked, each with its colour bar and flags.
  public static func activations(_ layers: [(Heatmap, String)]) -> String {
    let width = 720.0
    let panel = 220.0
    // Each panel: the title, a line for flags (dead or saturated units), then the map, whose
    // axis label ("samples ↓") sits just above it, clear of the flags.
    let step = panel + 54
    var doc = SVGDocument(width: width, height: 20 + Double(layers.count) * step)
    for (i, (map, flags)) in layers.enumerated() {
      let y = 20 + Double(i) * step
      doc.text(map.options.title ?? "", x: 20, y: y + 14, size: 13, weight: "bold")
      if !flags.isEmpty {
        doc.text("! " + flags, x: 20, y: y + 30, size: 11, fill: "#b2182b", extra: [("class", "flag")])
      }
      map.draw(into: &doc, area: Box(x: 70, y: y + 54, width: width - 220, height: panel - 30), colorBar: true)
    }
    return doc.render(title: "activations")
  }
}
