import Foundation

/// The picture of a convolutional network in the SVG diagram, as in the classic LeNet figure:
/// the input and every conv and pooling layer as a stack of feature maps (a few offset
/// rectangles, sized by the maps' height and width, labelled channels × height × width), with
/// each layer's kernel or window drawn on the maps before it and lines to the position it
/// gives; then the flattened features and the dense layers as columns of neurons with their
/// edges by weight, as in the diagram of a dense network.
extension NetworkDiagram {
  /// One step of the picture: a stack of feature maps or a column of units.
  public struct Stage: Sendable {
    public enum Kind: Sendable, Equatable {
      /// `channels` maps of `height` × `width`; `window` is the side of the kernel or pooling
      /// window that made them from the stage before (nil for the input).
      case maps(channels: Int, height: Int, width: Int, window: Int?)
      /// A column of `count` units (flattened features, a dense layer).
      case units(Int)
    }

    /// What made a stack of maps: the input itself, filters (a convolution), or windows that
    /// keep one value each (pooling). Units are `other`.
    public enum Role: Sendable, Equatable {
      case input
      case filters
      case windows
      case other
    }

    public var name: String
    public var role: Role
    /// What the stage is, shown under it (`conv 3×3, relu`, `maxpool 2×2`).
    public var detail: String
    public var kind: Kind
    /// For units made by a dense layer from the units before: the weights, inputs × units.
    public var weights: Matrix?

    public init(
      name: String, role: Role, detail: String, kind: Kind, weights: Matrix? = nil
    ) {
      self.name = name
      self.role = role
      self.detail = detail
      self.kind = kind
      self.weights = weights
    }
  }

  /// The most maps a stack draws.
  static let stackDepth = 6
  /// How far each map of a stack is drawn behind the one in front of it.
  static let stackOffset = 7.0
  /// The radius of a neuron, and the most space between two.
  static let neuronRadius = 7.0
  static let neuronSpacing = 26.0
  /// Room under the stages for their labels.
  static let labelSpace = 50.0
  /// The smallest space between two stages.
  static let stageGap = 46.0

  /// Where a stage is drawn: its front map (or its column of neurons) and its whole box.
  struct Placed {
    var stage: Stage
    /// The front map, or the column's box.
    var front: Box
    /// The front map and the maps behind it.
    var bounds: Box
    /// Neuron centres, nil for an ellipsis (units only).
    var neurons: [(y: Double, index: Int?)]
  }

  /// The scale of the maps (pixels per map pixel), for a picture `height` high.
  func mapScale(height: Double) -> Double {
    let largest =
      stages.compactMap { stage -> Int? in
        guard case .maps(_, let h, let w, _) = stage.kind else { return nil }
        return Swift.max(h, w)
      }.max() ?? 1
    return Swift.min(150, (height - Self.labelSpace) * 0.62) / Double(Swift.max(largest, 1))
  }

  /// The width of a stage's box at `scale`.
  func stageWidth(_ stage: Stage, scale: Double) -> Double {
    switch stage.kind {
    case .maps(let channels, _, let width, _):
      let depth = Double(Swift.min(channels, Self.stackDepth) - 1) * Self.stackOffset
      return Swift.max(10, Double(width) * scale) + depth
    case .units: return 2 * Self.neuronRadius
    }
  }

  /// The width the picture needs at its height: every stage, and the smallest gaps.
  func mapsWidth(height: Double) -> Double {
    let widths = stages.map { stageWidth($0, scale: mapScale(height: height)) }
    return widths.reduce(0, +) + smallestGaps(widths).reduce(0, +)
  }

  /// The smallest space after each stage but the last: room for the labels of both, and for
  /// a dense layer's edges to be seen.
  func smallestGaps(_ widths: [Double]) -> [Double] {
    // About 7 px a character of 11 px bold text.
    let labels = stages.map { stage in
      Double([stage.name, stage.detail].map(\.count).max() ?? 0) * 7
    }
    return stages.indices.dropLast().map { k in
      let base: Double
      if case .units = stages[k + 1].kind, stages[k + 1].weights != nil {
        base = 3 * Self.stageGap
      } else {
        base = Self.stageGap
      }
      let overlap = (labels[k] + labels[k + 1]) / 2 + 18 - (widths[k] + widths[k + 1]) / 2
      return Swift.max(base, overlap)
    }
  }

  /// Every stage placed in `area`, left to right, centred on one line.
  func place(in area: Box) -> [Placed] {
    let scale = mapScale(height: area.height)
    let widths = stages.map { stageWidth($0, scale: scale) }
    var gaps = smallestGaps(widths)
    let free = area.width - widths.reduce(0, +) - gaps.reduce(0, +)
    // What is left is shared by the gaps, so the stages spread over the whole width.
    if free > 0, !gaps.isEmpty { gaps = gaps.map { $0 + free / Double(gaps.count) } }
    let middle = area.y + (area.height - Self.labelSpace) / 2
    var x = area.x
    return stages.indices.map { k in
      let (stage, width) = (stages[k], widths[k])
      defer { x += width + (k < gaps.count ? gaps[k] : 0) }
      switch stage.kind {
      case .maps(let channels, let h, let w, _):
        let (fw, fh) = (Swift.max(10, Double(w) * scale), Swift.max(10, Double(h) * scale))
        let depth = Double(Swift.min(channels, Self.stackDepth) - 1) * Self.stackOffset
        let bounds = Box(x: x, y: middle - (fh + depth) / 2, width: fw + depth, height: fh + depth)
        let front = Box(x: x, y: bounds.y + depth, width: fw, height: fh)
        return Placed(stage: stage, front: front, bounds: bounds, neurons: [])
      case .units(let count):
        let shown = shownNeurons(count)
        let spacing = Swift.min(
          Self.neuronSpacing, (area.height - Self.labelSpace) / Double(Swift.max(shown.count, 1)))
        let top = middle - spacing * Double(shown.count - 1) / 2
        let neurons = shown.enumerated().map { (y: top + Double($0.offset) * spacing, index: $0.1) }
        let box = Box(
          x: x, y: top - Self.neuronRadius, width: width,
          height: spacing * Double(shown.count - 1) + 2 * Self.neuronRadius)
        return Placed(stage: stage, front: box, bounds: box, neurons: neurons)
      }
    }
  }

  /// Draws the picture inside `area`, labels under it and a caption at the bottom.
  func drawMaps(into doc: inout SVGDocument, area: Box) {
    let placed = place(in: area)
    doc.beginGroup([("class", "stacks")])
    for stage in placed { drawStack(stage, into: &doc) }
    doc.endGroup()
    doc.beginGroup([("class", "links")])
    for (before, after) in zip(placed, placed.dropFirst()) {
      drawLink(from: before, to: after, into: &doc)
    }
    doc.endGroup()
    doc.beginGroup([("class", "neurons")])
    for stage in placed {
      for neuron in stage.neurons { drawNeuron(neuron, of: stage, into: &doc) }
    }
    doc.endGroup()
    // The labels sit just under the lowest stage.
    let lowest = placed.map(\.bounds.maxY).max() ?? area.maxY
    let labelY = Swift.min(lowest + 22, area.maxY - Self.labelSpace + 18)
    for stage in placed {
      let x = stage.bounds.x + stage.bounds.width / 2
      doc.text(stage.stage.name, x: x, y: labelY, anchor: "middle", size: 11, weight: "bold")
      doc.text(Self.shapeText(stage.stage.kind), x: x, y: labelY + 14, anchor: "middle", size: 11)
      if !stage.stage.detail.isEmpty {
        doc.text(
          stage.stage.detail, x: x, y: labelY + 28, anchor: "middle", size: 10, fill: "#666666")
      }
    }
    let edges = stages.contains { $0.weights != nil }
    doc.text(
      "feature maps: channels × height × width"
        + (edges ? "; edge width ∝ |weight|, red positive, blue negative" : ""),
      x: area.x, y: doc.height - 8, size: 10, fill: "#666666")
  }

  /// `16×8×8` for maps, `256` for units.
  static func shapeText(_ kind: Stage.Kind) -> String {
    switch kind {
    case .maps(let c, let h, let w, _): "\(c)×\(h)×\(w)"
    case .units(let count): SummaryTable.grouped(count)
    }
  }

  /// A stack of maps: the ones behind first, the front one last.
  func drawStack(_ placed: Placed, into doc: inout SVGDocument) {
    guard case .maps(let channels, let h, let w, let window) = placed.stage.kind else { return }
    let (fill, stroke) =
      window == nil
      ? ("#eeeeee", "#777777")
      : placed.stage.role == .filters ? ("#c6dbef", "#3b6fa0") : ("#d9f0d3", "#4a8a4a")
    let shown = Swift.min(channels, Self.stackDepth)
    let tooltip =
      "\(placed.stage.name): \(channels) feature map\(channels == 1 ? "" : "s") of \(h)×\(w)"
    for k in stride(from: shown - 1, through: 0, by: -1) {
      let offset = Double(k) * Self.stackOffset
      doc.rect(
        x: placed.front.x + offset, y: placed.front.y - offset, width: placed.front.width,
        height: placed.front.height, fill: fill, stroke: stroke,
        tooltip: k == 0 ? tooltip : nil, extra: [("class", k == 0 ? "map front" : "map")])
    }
    if channels > shown {
      doc.text(
        "…", x: placed.bounds.maxX + 2, y: placed.bounds.y + 6, size: 10, fill: "#666666")
    }
  }

  /// What joins two stages: the window on the maps before with lines to the position it gives
  /// (LeNet's cones), the flattening of maps into units, or the dense layer's edges.
  func drawLink(from before: Placed, to after: Placed, into doc: inout SVGDocument) {
    switch (before.stage.kind, after.stage.kind) {
    case (.maps(_, _, let w, _), .maps(_, _, _, let window?)):
      let pixel = before.front.width / Double(Swift.max(w, 1))
      let side = Swift.min(
        Swift.max(4, Double(window) * pixel), before.front.width * 0.8,
        before.front.height * 0.8)
      let square = Box(
        x: before.front.x + before.front.width * 0.6 - side / 2,
        y: before.front.y + before.front.height * 0.4 - side / 2, width: side, height: side)
      let target = (
        after.front.x + after.front.width * 0.6, after.front.y + after.front.height * 0.4
      )
      doc.rect(
        x: square.x, y: square.y, width: side, height: side, fill: "none", stroke: "#333333",
        tooltip: "\(after.stage.name): a \(window)×\(window) "
          + (after.stage.role == .filters ? "kernel" : "window"),
        extra: [("class", "window")])
      for (x, y) in [(square.x, square.y), (square.maxX, square.y), (square.maxX, square.maxY)] {
        doc.line(
          x, y, target.0, target.1, stroke: "#555555", width: 0.8, extra: [("class", "cone")])
      }
    case (.maps, .units):
      let top = after.neurons.first?.y ?? after.front.y
      let bottom = after.neurons.last?.y ?? after.front.maxY
      for (y0, y1) in [(before.bounds.y, top), (before.front.maxY, bottom)] {
        doc.line(
          before.bounds.maxX, y0, after.front.x, y1, stroke: "#888888", width: 1,
          extra: [("class", "flattening"), ("stroke-dasharray", "4 3")])
      }
    case (.units, .units):
      drawEdges(from: before, to: after, into: &doc)
    default: break
    }
  }

  /// The dense layer's edges between the neurons shown, by weight.
  func drawEdges(from before: Placed, to after: Placed, into doc: inout SVGDocument) {
    guard let weights = after.stage.weights else { return }
    let biggest = weights.values.filter(\.isFinite).map(abs).max() ?? 1
    let (x1, x2) = (before.front.x + Self.neuronRadius, after.front.x + Self.neuronRadius)
    for (y1, i) in before.neurons {
      guard let i, i < weights.rows else { continue }
      for (y2, j) in after.neurons {
        guard let j, j < weights.columns else { continue }
        let w = weights[i, j]
        let t = w.isFinite && biggest > 0 ? abs(w) / biggest : 0
        doc.line(
          x1, y1, x2, y2, stroke: !w.isFinite ? "#999999" : (w >= 0 ? "#d6604d" : "#2166ac"),
          width: 0.3 + 3.2 * t,
          tooltip:
            "\(after.stage.name): input \(i + 1) → unit \(j + 1), w = \(NumberText.short(w))",
          extra: [
            ("class", "edge"), ("stroke-opacity", NumberText.fixed(0.25 + 0.7 * t, decimals: 2)),
          ])
      }
    }
  }

  /// A neuron of a column, or the ellipsis between the first and the last ones.
  func drawNeuron(
    _ neuron: (y: Double, index: Int?), of placed: Placed, into doc: inout SVGDocument
  ) {
    let x = placed.front.x + Self.neuronRadius
    guard let index = neuron.index else {
      doc.text("⋮", x: x, y: neuron.y + 5, anchor: "middle", size: 16)
      return
    }
    doc.circle(
      cx: x, cy: neuron.y, r: Self.neuronRadius, fill: "#ffffff", stroke: "#333333",
      tooltip: "\(placed.stage.name) unit \(index + 1)", extra: [("class", "neuron")])
  }
}
