/// One layer as a summary table and the architecture diagram show it.
public struct LayerSummary: Sendable, Equatable {
  public var name: String
  public var kind: String
  /// The output shape of one sample.
  public var outputShape: [Int]
  public var parameters: Int
  public var activation: String
  /// Warnings such as "all weights zero" or "NaN/Inf in weights".
  public var flags: [String]
  /// Whether the layer is its activation (a `relu` line): the diagram then names it once.
  public var activationIsLayer: Bool

  public init(
    name: String, kind: String, outputShape: [Int], parameters: Int, activation: String,
    flags: [String] = [], activationIsLayer: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.outputShape = outputShape
    self.parameters = parameters
    self.activation = activation
    self.flags = flags
    self.activationIsLayer = activationIsLayer
  }
}

/// A Keras-style model summary: a row per layer, then totals and memory.
public struct SummaryTable: Sendable {
  public var modelName: String
  public var inputShape: [Int]
  public var layers: [LayerSummary]
  /// Trainable parameters (all of them, unless some are frozen).
  public var trainableParameters: Int?
  /// The names of the input features, shown under the input when they say more than `x1`,
  /// `x2`, ... (they may come from a file: control characters are shown escaped).
  public var featureNames: [String] = []
  /// Bytes per parameter (4 for Float32).
  public var bytesPerParameter: Int = 4
  public var options: ChartOptions

  public init(
    modelName: String, inputShape: [Int], layers: [LayerSummary], trainableParameters: Int? = nil,
    options: ChartOptions = ChartOptions()
  ) {
    self.modelName = modelName
    self.inputShape = inputShape
    self.layers = layers
    self.trainableParameters = trainableParameters
    self.options = options
  }

  public var totalParameters: Int { layers.reduce(0) { $0 + $1.parameters } }

  /// `features: sepal_length, ...` on one line of at most `limit` characters; nil when there
  /// are no names or only the default ones.
  func featuresLine(limit: Int) -> String? {
    guard !featureNames.isEmpty, featureNames != (1...featureNames.count).map({ "x\($0)" })
    else { return nil }
    let names = featureNames.map { TerminalText.escaped($0, keepingLayout: false) }
    let line = "features: " + names.joined(separator: ", ")
    return line.count <= limit ? line : String(line.prefix(Swift.max(limit - 1, 1))) + "…"
  }

  static func shape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }

  /// Digits grouped in threes: 101,770.
  static func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }

  public func text() -> String {
    let header = ["layer", "kind", "output", "params", "activation"]
    var rows = [header]
    for layer in layers {
      rows.append([
        layer.name, layer.kind, SummaryTable.shape(layer.outputShape),
        SummaryTable.grouped(layer.parameters), layer.activation,
      ])
    }
    let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    let rule = String(
      repeating: options.glyphs.horizontal,
      count: Swift.min(options.columns, widths.reduce(0, +) + 2 * (widths.count - 1) + 2))
    var lines = ["model \(modelName): input \(SummaryTable.shape(inputShape))", rule]
    if let features = featuresLine(limit: options.columns - 2) {
      lines.insert("  " + features, at: 1)
    }
    for (i, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, cell in
        TextLayout.pad(cell, widths[c], right: c == 3)
      }
      var line = "  " + cells.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      if i > 0, !layers[i - 1].flags.isEmpty {
        line += "  ! " + layers[i - 1].flags.joined(separator: ", ")
      }
      lines.append(line)
      if i == 0 { lines.append(rule) }
    }
    lines.append(rule)
    let total = totalParameters
    let trainable = trainableParameters ?? total
    lines.append(
      "  total parameters: \(SummaryTable.grouped(total)) (\(NumberText.bytes(total * bytesPerParameter)))"
    )
    lines.append(
      "  trainable: \(SummaryTable.grouped(trainable)), non-trainable: \(SummaryTable.grouped(total - trainable))"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  public func document() -> SVGDocument {
    let rowHeight = 24.0
    let features = featuresLine(limit: 90)
    // The header at 60, a row per layer, the three totals and the features line, then a margin.
    let rows = layers.count + 3 + (features == nil ? 0 : 1)
    var doc = SVGDocument(width: options.svgWidth, height: 60 + rowHeight * Double(rows) + 24)
    SVGAxes.title(&doc, options.title ?? "model \(modelName)", width: doc.width)
    let columns: [(String, Double, String)] = [
      ("layer", 30, "start"), ("kind", 160, "start"), ("output", 290, "start"),
      ("params", 460, "end"), ("activation", 480, "start"),
    ]
    var y = 60.0
    for (name, x, anchor) in columns {
      doc.text(name, x: x, y: y, anchor: anchor, size: 12, weight: "bold")
    }
    doc.line(24, y + 6, doc.width - 24, y + 6, stroke: "#444444")
    for layer in layers {
      y += rowHeight
      let values = [
        layer.name, layer.kind, SummaryTable.shape(layer.outputShape),
        SummaryTable.grouped(layer.parameters), layer.activation,
      ]
      for ((_, x, anchor), value) in zip(columns, values) {
        doc.text(value, x: x, y: y, anchor: anchor, size: 12)
      }
      if !layer.flags.isEmpty {
        doc.text(
          "! " + layer.flags.joined(separator: ", "), x: 30, y: y + 13, size: 10, fill: "#b2182b")
      }
    }
    doc.line(24, y + 10, doc.width - 24, y + 10, stroke: "#444444")
    let total = totalParameters
    for line in [
      "total parameters: \(SummaryTable.grouped(total))",
      "trainable parameters: \(SummaryTable.grouped(trainableParameters ?? total))",
      "memory: \(NumberText.bytes(total * bytesPerParameter))",
    ] {
      y += rowHeight
      doc.text(line, x: 30, y: y, size: 12)
    }
    if let features {
      doc.text(features, x: 30, y: y + rowHeight, size: 12)
    }
    return doc.titled("model \(modelName)")
  }
}
