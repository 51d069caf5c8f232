/// The SVG drawing of a network's weights: a block of square cells per layer, a row per unit,
/// with a tooltip for every edge and bias, and the colour scale.
extension NetworkWeights {
  /// The blocks as square cells, each with its value in a tooltip.
  public func document() -> SVGDocument {
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    let title = options.title ?? "weights: a row per unit, a cell per input, then its bias"
    SVGAxes.title(&doc, title, width: doc.width)
    let area = Box(x: 0, y: 0, width: doc.width, height: doc.height).inset(44, 70, 40, 20)
    let inputs = layers.map(\.weights.rows).reduce(0, +) + 2 * layers.count
    let units = layers.map(\.weights.columns).max() ?? 0
    guard inputs > 0, units > 0 else { return doc.titled(title) }
    let gap = 16.0
    let room = area.width - gap * Double(Swift.max(0, layers.count - 1))
    let cell = Swift.max(1, Swift.min(16, room / Double(inputs), area.height / Double(units)))
    let view = shown(
      columns: Int(room / cell), rows: Int(area.height / cell))
    var x = area.x
    for (index, (layer, block)) in zip(layers, view.blocks).enumerated() {
      doc.text(
        "\(index + 1) \(layer.name) \(layer.weights.rows)→\(layer.weights.columns)", x: x,
        y: area.y - 6, size: 10, fill: "#555555")
      for r in 0..<block.weights.rows {
        for c in 0..<block.weights.columns {
          let v = block.weights[r, c]
          doc.rect(
            x: x + Double(c) * cell, y: area.y + Double(r) * cell, width: cell + 0.3,
            height: cell + 0.3, fill: color(v, domains[index]).hex,
            tooltip: "\(layer.name) unit \(r * view.unitStep + 1) ← input "
              + "\(c * view.inputStep + 1): \(NumberText.short(v))")
        }
        if view.biases, r < block.bias.count {
          doc.rect(
            x: x + Double(block.weights.columns + 1) * cell, y: area.y + Double(r) * cell,
            width: cell, height: cell, fill: color(block.bias[r], domains[index]).hex,
            tooltip: "\(layer.name) unit \(r * view.unitStep + 1) bias: "
              + NumberText.short(block.bias[r]))
        }
      }
      x += Double(block.weights.columns + (view.biases ? 2 : 0)) * cell + gap
    }
    doc.text(
      "blue −, white 0, red +; each layer on its own scale: "
        + domains.map { "±" + NumberText.short($0.high) }.joined(separator: ", "),
      x: area.x, y: doc.height - 14, size: 11, fill: "#555555")
    return doc.titled(title)
  }
}
