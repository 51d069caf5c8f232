import NNVCore

/// `activations`: each layer's outputs for a batch (rows samples, columns units) as a heatmap,
/// with the units that never fire or always saturate flagged under its title. A layer of
/// feature maps (conv, pooling) shows its channels instead: each cell is the mean of a
/// channel's map for a sample, and the channels that never fire or always saturate are
/// flagged.
public struct ActivationsView: Chart {
  /// The height of each heatmap in terminal rows.
  public static let rows = 12

  public var panels: [(map: Heatmap, flags: String)]

  public init(_ layers: [ModelViews.LayerActivity], options: ChartOptions = ChartOptions()) {
    panels = layers.map { layer in
      var o = options
      o.height = Self.rows
      let unit = layer.maps == nil ? "unit" : "channel"
      o.title =
        "\(layer.name) (\(layer.activation.name)): \(layer.outputs.rows) samples × "
        + "\(layer.outputs.columns) \(unit)s"
        + (layer.maps.map { " of \($0.height)×\($0.width), each cell a map's mean" } ?? "")
      let map = Heatmap(
        layer.outputs, options: o, colorMap: .fitting(layer.outputs.values), rowName: "sample",
        columnName: unit)
      var flags: [String] = []
      if !layer.dead.isEmpty {
        flags.append("dead \(unit)s: " + layer.dead.map { "\($0 + 1)" }.joined(separator: ", "))
      }
      if !layer.saturated.isEmpty {
        flags.append(
          "saturated \(unit)s: " + layer.saturated.map { "\($0 + 1)" }.joined(separator: ", "))
      }
      return (map, flags.joined(separator: "; "))
    }
  }

  public func text() -> String {
    panels.map { $0.map.text() + ($0.flags.isEmpty ? "" : "! \($0.flags)\n") }
      .joined(separator: "\n")
  }

  /// One heatmap per layer, stacked, each with its colour bar and flags.
  public func document() -> SVGDocument {
    let width = 720.0
    let panel = 220.0
    // Each panel: the title, a line for flags (dead or saturated units), then the map, whose
    // axis label ("samples ↓") sits just above it, clear of the flags.
    let step = panel + 54
    var doc = SVGDocument(width: width, height: 20 + Double(panels.count) * step)
    for (i, (map, flags)) in panels.enumerated() {
      let y = 20 + Double(i) * step
      doc.text(map.options.title ?? "", x: 20, y: y + 14, size: 13, weight: "bold")
      if !flags.isEmpty {
        doc.text(
          "! " + flags, x: 20, y: y + 30, size: 11, fill: "#b2182b", extra: [("class", "flag")])
      }
      map.draw(
        into: &doc, area: Box(x: 70, y: y + 54, width: width - 220, height: panel - 30),
        colorBar: true)
    }
    return doc.titled("activations")
  }
}
