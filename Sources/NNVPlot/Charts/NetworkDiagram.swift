import Foundation

/// A network's architecture: layer blocks with shapes (like Keras `plot_model(show_shapes=True)`)
/// and, in SVG, the neuron graph of its dense layers (like TensorFlow Playground): edge width by
/// |weight|, colour by sign, the value in each edge's tooltip.
///
/// Layers wider than `maxNeurons` show their first and last neurons around an ellipsis, so a
/// 784-128-10 network stays readable and small. A convolutional network's SVG shows its
/// feature maps as stacks instead (`stages`, NetworkDiagram+Maps.swift).
public struct NetworkDiagram: Sendable {
  /// The weights of one dense connection: `inputs × outputs`, as in `Dense.weight`.
  public struct Connection: Sendable {
    public var weights: Matrix
    public var layerName: String
    public init(weights: Matrix, layerName: String) {
      self.weights = weights
      self.layerName = layerName
    }
  }

  public var inputShape: [Int]
  public var layers: [LayerSummary]
  /// One per dense layer, in order; empty to draw blocks only.
  public var connections: [Connection]
  /// For a convolutional network: the feature-map stacks and units its SVG draws beside the
  /// blocks (`connections` are then empty); empty otherwise.
  public var stages: [Stage] = []
  public var maxNeurons: Int = 10
  /// Blocks left to right (wrapping at the width in the terminal) instead of top to bottom.
  public var horizontal = false
  public var options: ChartOptions

  public init(
    inputShape: [Int], layers: [LayerSummary], connections: [Connection] = [],
    options: ChartOptions = ChartOptions()
  ) {
    self.inputShape = inputShape
    self.layers = layers
    self.connections = connections
    self.options = options
  }

  /// `dense_1: dense (relu)`.
  static func heading(_ layer: LayerSummary) -> String {
    let activation =
      layer.activation.isEmpty || layer.activation == "linear" || layer.activationIsLayer
      ? "" : " (\(layer.activation))"
    return layer.name + ": " + layer.kind + activation
  }

  /// `[8]  24 params`.
  static func details(_ layer: LayerSummary) -> String {
    let shape = SummaryTable.shape(layer.outputShape)
    guard layer.parameters > 0 else { return shape }
    return shape + ", " + SummaryTable.grouped(layer.parameters) + " params"
  }

  // MARK: Text

  public func text() -> String {
    let g = options.glyphs
    let blocks: [(String, String)] =
      [("input", SummaryTable.shape(inputShape))]
      + layers.map { (NetworkDiagram.heading($0), NetworkDiagram.details($0)) }
    let inner = Swift.min(
      options.columns - 4,
      Swift.max(20, blocks.map { Swift.max($0.0.count, $0.1.count) }.max() ?? 20))
    let corners = g.boxCorners
    let rule = String(repeating: g.horizontal, count: inner + 2)
    var lines: [String] = []
    if let title = options.title { lines.append(title) }
    if horizontal { return (lines + horizontalText(blocks)).joined(separator: "\n") + "\n" }
    for (i, block) in blocks.enumerated() {
      lines.append("\(corners[0])\(rule)\(corners[1])")
      for text in [block.0, block.1] {
        lines.append(
          "\(g.vertical) " + TextLayout.pad(TextLayout.clip(text, inner), inner) + " \(g.vertical)")
      }
      lines.append("\(corners[2])\(rule)\(corners[3])")
      if i < blocks.count - 1 {
        lines.append(String(repeating: " ", count: inner / 2 + 1) + g.arrowDown)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Blocks side by side joined by arrows, as many to a row as the width allows.
  func horizontalText(_ blocks: [(String, String)]) -> [String] {
    let g = options.glyphs
    let corners = g.boxCorners
    let arrow = g == .ascii ? " -> " : " → "
    let boxes: [[String]] = blocks.map { block in
      let inner = Swift.min(options.columns - 4, Swift.max(block.0.count, block.1.count))
      let rule = String(repeating: g.horizontal, count: inner + 2)
      return [
        "\(corners[0])\(rule)\(corners[1])",
        "\(g.vertical) " + TextLayout.pad(TextLayout.clip(block.0, inner), inner)
          + " \(g.vertical)",
        "\(g.vertical) " + TextLayout.pad(TextLayout.clip(block.1, inner), inner)
          + " \(g.vertical)",
        "\(corners[2])\(rule)\(corners[3])",
      ]
    }
    var lines: [String] = []
    var row = ["", "", "", ""]
    var used = 0
    for (i, box) in boxes.enumerated() {
      let width = box[0].count
      let link = i < boxes.count - 1 ? arrow.count : 0
      if used > 0, used + width + link > options.columns {
        lines += row.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        row = ["", "", "", ""]
        used = 0
      }
      for k in 0..<4 {
        row[k] += box[k]
        if link > 0 { row[k] += k == 1 ? arrow : String(repeating: " ", count: arrow.count) }
      }
      used += width + link
    }
    if used > 0 { lines += row.map { String($0.reversed().drop { $0 == " " }.reversed()) } }
    return lines
  }

  // MARK: SVG

  /// Which neurons of a layer of `size` are drawn: all, or the first and last around a gap
  /// (nil marks the ellipsis).
  func shownNeurons(_ size: Int) -> [Int?] {
    guard size > maxNeurons else { return (0..<size).map { $0 } }
    let head = (maxNeurons - 1) / 2 + 1
    let tail = maxNeurons - 1 - head
    return (0..<head).map { $0 } + [nil] + ((size - tail)..<size).map { $0 }
  }

  public func document() -> SVGDocument {
    if horizontal { return horizontalSVG() }
    let blockHeight = 46.0
    let gap = 26.0
    let blocksHeight = Double(layers.count + 1) * (blockHeight + gap) + 60
    let graph = !connections.isEmpty
    let maps = !stages.isEmpty
    var width = graph ? Swift.max(options.svgWidth, 820) : Swift.max(320, options.svgWidth * 0.5)
    var height = Swift.max(blocksHeight, graph ? options.svgHeight : 0) + (graph ? 24 : 0)
    if maps {
      height = Swift.max(blocksHeight, options.svgHeight) + 24
      let picture = mapsWidth(height: height - (options.title == nil ? 60 : 84))
      width = Swift.max(options.svgWidth, 820, 220 + 80 + picture + 40)
    }
    var doc = SVGDocument(width: width, height: height)
    SVGAxes.title(&doc, options.title, width: doc.width)
    // Blocks.
    let blockWidth = 220.0
    var y = options.title == nil ? 20.0 : 44.0
    let entries = blockEntries()
    doc.beginGroup([("class", "blocks")])
    for (i, entry) in entries.enumerated() {
      doc.rect(
        x: 20, y: y, width: blockWidth, height: blockHeight, fill: entry.2, stroke: "#555555",
        tooltip: entry.0 + " " + entry.1, extra: [("class", "block"), ("rx", "6")])
      doc.text(entry.0, x: 30, y: y + 19, size: 12, weight: "bold")
      doc.text(entry.1, x: 30, y: y + 36, size: 11)
      if i < entries.count - 1 {
        doc.line(
          20 + blockWidth / 2, y + blockHeight, 20 + blockWidth / 2, y + blockHeight + gap - 4,
          stroke: "#555555", width: 1.5)
        let cx: Double = 20 + blockWidth / 2
        let tip: Double = y + blockHeight + gap - 1
        let base: Double = tip - 7
        let points = [(cx - 4, base), (cx + 4, base), (cx, tip)]
          .map { SVGDocument.n($0.0) + "," + SVGDocument.n($0.1) }.joined(separator: " ")
        doc.append("<polygon points=\"\(points)\" fill=\"#555555\"/>")
      }
      y += blockHeight + gap
    }
    doc.endGroup()
    guard graph || maps else { return doc.titled(options.title ?? "architecture") }
    let area = Box(
      x: blockWidth + 80, y: options.title == nil ? 30 : 54, width: doc.width - blockWidth - 120,
      height: doc.height - (options.title == nil ? 60 : 84))
    if maps { drawMaps(into: &doc, area: area) } else { drawGraph(into: &doc, area: area) }
    return doc.titled(options.title ?? "architecture")
  }

  /// Blocks in a row, left to right, with the neuron graph under them.
  func horizontalSVG() -> SVGDocument {
    let entries = blockEntries()
    // About 7 px a character of 11 px bold text, so the longest heading fits its block.
    let longest = entries.map { Swift.max($0.0.count, $0.1.count) }.max() ?? 20
    let blockWidth = Swift.max(140, Double(longest) * 7 + 18)
    let blockHeight = 46.0
    let gap = 30.0
    let rowWidth = Double(entries.count) * (blockWidth + gap) - gap + 40
    let graph = !connections.isEmpty || !stages.isEmpty
    let top = options.title == nil ? 20.0 : 44.0
    let graphHeight = graph ? Swift.max(260, options.svgHeight - 60) : 0
    let picture = stages.isEmpty ? 0 : mapsWidth(height: graphHeight - 50) + 120
    var doc = SVGDocument(
      width: Swift.max(rowWidth, graph ? Swift.max(options.svgWidth, 640, picture) : 0),
      height: top + blockHeight + 20 + (graph ? graphHeight + 30 : 0))
    SVGAxes.title(&doc, options.title, width: doc.width)
    doc.beginGroup([("class", "blocks")])
    for (i, entry) in entries.enumerated() {
      let x = 20 + Double(i) * (blockWidth + gap)
      doc.rect(
        x: x, y: top, width: blockWidth, height: blockHeight, fill: entry.2, stroke: "#555555",
        tooltip: entry.0 + " " + entry.1, extra: [("class", "block"), ("rx", "6")])
      doc.text(entry.0, x: x + 8, y: top + 19, size: 11, weight: "bold")
      doc.text(entry.1, x: x + 8, y: top + 36, size: 10)
      if i < entries.count - 1 {
        let y = top + blockHeight / 2
        doc.line(x + blockWidth, y, x + blockWidth + gap - 4, y, stroke: "#555555", width: 1.5)
        let tip = x + blockWidth + gap - 1
        let points = [(tip - 7, y - 4), (tip - 7, y + 4), (tip, y)]
          .map { SVGDocument.n($0.0) + "," + SVGDocument.n($0.1) }.joined(separator: " ")
        doc.append("<polygon points=\"\(points)\" fill=\"#555555\"/>")
      }
    }
    doc.endGroup()
    if graph {
      let area = Box(
        x: 60, y: top + blockHeight + 40, width: doc.width - 120, height: graphHeight - 50)
      if stages.isEmpty {
        drawGraph(into: &doc, area: area)
      } else {
        drawMaps(into: &doc, area: area)
      }
    }
    return doc.titled(options.title ?? "architecture")
  }

  /// The blocks' heading, details and fill: the input, then every layer.
  func blockEntries() -> [(String, String, String)] {
    var entries: [(String, String, String)] = [
      ("input", "shape " + SummaryTable.shape(inputShape), "#eeeeee")
    ]
    for layer in layers {
      entries.append(
        (
          NetworkDiagram.heading(layer), "→ " + NetworkDiagram.details(layer),
          layer.flags.isEmpty ? "#dbe9f6" : "#fddbc7"
        ))
    }
    return entries
  }

  /// The neuron graph inside `area`, with layer names under it and a caption at the bottom.
  func drawGraph(into doc: inout SVGDocument, area: Box) {
    var sizes = [connections.first?.weights.rows ?? 0]
    sizes += connections.map(\.weights.columns)
    let columns = sizes.map(shownNeurons)
    let xStep = area.width / Double(Swift.max(1, columns.count - 1))
    func position(_ layer: Int, _ slot: Int) -> (Double, Double) {
      let count = columns[layer].count
      let spacing = Swift.min(34, area.height / Double(Swift.max(1, count)))
      let top = area.y + (area.height - spacing * Double(count - 1)) / 2
      return (area.x + Double(layer) * xStep, top + Double(slot) * spacing)
    }
    doc.beginGroup([("class", "edges")])
    for (l, connection) in connections.enumerated() {
      let biggest = connection.weights.values.filter(\.isFinite).map(abs).max() ?? 1
      for (a, i) in columns[l].enumerated() {
        guard let i else { continue }
        for (b, j) in columns[l + 1].enumerated() {
          guard let j else { continue }
          let w = connection.weights[i, j]
          let (x1, y1) = position(l, a)
          let (x2, y2) = position(l + 1, b)
          let t = w.isFinite && biggest > 0 ? abs(w) / biggest : 0
          let color = !w.isFinite ? "#999999" : (w >= 0 ? "#d6604d" : "#2166ac")
          doc.line(
            x1, y1, x2, y2, stroke: color, width: 0.3 + 3.2 * t,
            tooltip:
              "\(connection.layerName): input \(i + 1) → unit \(j + 1), w = \(NumberText.short(w))",
            extra: [
              ("class", "edge"), ("stroke-opacity", NumberText.fixed(0.25 + 0.7 * t, decimals: 2)),
            ])
        }
      }
    }
    doc.endGroup()
    // Layer names sit just under the tallest column, clear of the caption at the bottom.
    let lowest = columns.indices.map { position($0, columns[$0].count - 1).1 }.max() ?? area.maxY
    let labelY = Swift.min(lowest + 28, doc.height - 26)
    doc.beginGroup([("class", "neurons")])
    for (l, column) in columns.enumerated() {
      for (slot, neuron) in column.enumerated() {
        let (x, y) = position(l, slot)
        if let neuron {
          let name =
            l == 0 ? "input \(neuron + 1)" : "\(connections[l - 1].layerName) unit \(neuron + 1)"
          doc.circle(
            cx: x, cy: y, r: 8, fill: "#ffffff", stroke: "#333333", tooltip: name,
            extra: [("class", "neuron")])
        } else {
          doc.text("⋮", x: x, y: y + 5, anchor: "middle", size: 16)
        }
      }
      let label = l == 0 ? "input (\(sizes[0]))" : "\(connections[l - 1].layerName) (\(sizes[l]))"
      doc.text(label, x: area.x + Double(l) * xStep, y: labelY, anchor: "middle", size: 11)
    }
    doc.endGroup()
    doc.text(
      "edge width ∝ |weight|; red positive, blue negative", x: area.x, y: doc.height - 8, size: 10,
      fill: "#666666")
  }
}
