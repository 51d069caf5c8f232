import NNVCore

/// `explain MODEL layer L unit U`: one unit's equation with its weights and bias, the inputs it
/// weighs most, its output over the plane of a model with two inputs (a heatmap), and the
/// samples of a data set that make it fire most.
public struct NeuronExplanationView: View {
  /// The most weights listed one by one; a unit with more lists its strongest.
  public static let listedWeights = 8

  public var explanation: NeuronExplanation
  public var options: ChartOptions

  public init(_ explanation: NeuronExplanation, options: ChartOptions) {
    self.explanation = explanation
    self.options = options
  }

  var format: ExplanationText { ExplanationText(options: options) }

  var unitName: String {
    if case .filter = explanation.form { return "filter \(explanation.unit + 1)" }
    return "unit \(explanation.unit + 1)"
  }

  var title: String {
    options.title
      ?? "\(unitName) of layer \(explanation.layer) of \(explanation.model) "
      + "(\(explanation.layerName), \(explanation.written))"
  }

  public func text() throws -> String {
    var text = format.spelled(format.wrap(title) + [""] + bodyLines())
    if let heatmap = heatmap(svg: false) {
      text += "\n" + format.spelled(planeLines(colon: true)) + heatmap.text()
    }
    let samples = sampleLines()
    if !samples.isEmpty { text += "\n" + format.spelled(samples) }
    return text
  }

  public func document() throws -> SVGDocument {
    var pages = [format.page(bodyLines(), title: title)]
    if let heatmap = heatmap(svg: true) {
      pages.append(NoteText.page(planeLines(), below: heatmap.document()))
    }
    let samples = sampleLines()
    if !samples.isEmpty { pages.append(format.page(samples, title: nil)) }
    return try StackedView(pages.map { PageView(page: $0) }, title: title).document()
  }

  /// The equation, the weights and the bias.
  func bodyLines() -> [String] {
    let f = format
    let n = explanation
    let act = n.activation.name
    switch n.form {
    case .dense:
      guard n.weights.count <= Self.listedWeights else {
        return f.wrap("z = Σ w·x + b over its \(n.weights.count) inputs, a = \(act)(z)")
          + weightLines()
      }
      let parts =
        n.weights.indices.map { f.factor(n.weights[$0]) + "·x\($0 + 1)" }
        + [f.factor(n.bias.first ?? 0)]
      return f.sum("z", parts, result: nil, indent: 0) + ["a = \(act)(z)", ""] + weightLines()
    case .filter(let channels, let size):
      var lines = f.wrap(
        "at every position of the image: z = Σ w·patch + b over \(channels) channel"
          + "\(channels == 1 ? "" : "s") of \(size)×\(size) pixels, a = \(act)(z)")
      lines += kernelLines(channels: channels, size: size)
      lines += f.wrap("bias b\(n.layer)[\(n.unit + 1)] = \(f.number(n.bias.first ?? 0))")
      return lines
    case .recurrent(let cell, let gates):
      let gateText = gates.isEmpty ? "" : " in each of its gates \(gates.joined(separator: ", "))"
      var lines = f.wrap(
        "a \(cell) unit: at every step it weighs the step's inputs\(gateText) and the state "
          + "before; the strongest of its input weights:")
      lines += strongestLines()
      lines += f.wrap(
        "`hidden \(n.model) on DATA unit \(n.unit + 1)` shows it along a sequence.")
      return lines
    }
  }

  /// Every weight with its name, or the strongest of many; then the bias.
  func weightLines() -> [String] {
    let f = format
    let n = explanation
    let shown = n.weights.count <= Self.listedWeights ? Array(n.weights.indices) : n.strongest
    var rows = shown.map { i in
      ("w\(n.layer)[\(i + 1),\(n.unit + 1)]", f.number(n.weights[i]), "from " + source(i))
    }
    if let b = n.bias.first { rows.append(("b\(n.layer)[\(n.unit + 1)]", f.number(b), "its bias")) }
    let nameWidth = rows.map(\.0.count).max() ?? 0
    let valueWidth = rows.map(\.1.count).max() ?? 0
    var lines =
      shown.count < n.weights.count
      ? f.wrap("its \(shown.count) strongest weights of \(n.weights.count):") : []
    for (name, value, what) in rows {
      lines.append(
        "  " + TextLayout.pad(name, nameWidth) + "  "
          + TextLayout.pad(value, valueWidth, right: true)
          + "  " + what)
    }
    if shown.count == n.weights.count, n.weights.count > 1 {
      lines += f.wrap("it weighs most: " + n.strongest.map(source).joined(separator: ", "))
    }
    return lines
  }

  /// What weight `i` weighs: `x2`, `input 59 (p58)`, `unit 3 of dense_1`.
  func source(_ i: Int) -> String {
    let name = explanation.inputNames[i]
    if name.hasPrefix("unit ") || name == "x\(i + 1)" { return name }
    return "input \(i + 1) (\(name))"
  }

  /// The strongest weights, each with what it weighs.
  func strongestLines() -> [String] {
    let values = explanation.strongest.map { format.number(explanation.weights[$0]) }
    let width = values.map(\.count).max() ?? 0
    return zip(explanation.strongest, values).map { i, value in
      "  " + TextLayout.pad(value, width, right: true) + "  from " + explanation.inputNames[i]
    }
  }
}

/// A finished SVG document as a view, to stack with others.
struct PageView: View {
  var page: SVGDocument
  func text() throws -> String { "" }
  func document() throws -> SVGDocument { page }
}
