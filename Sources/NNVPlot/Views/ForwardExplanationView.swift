import NNVCore

/// `explain MODEL on SAMPLE`: the forward pass of one sample, layer by layer, with the numbers.
/// A small dense layer shows every neuron's `z = w·x + b` and `a = act(z)`; a large one its
/// ranges and strongest units, with the sum of the strongest written out; other layers what
/// they do to the values. Then the prediction and, with a target, the loss.
public struct ForwardExplanationView: View {
  /// The most units, and inputs per unit, a layer may have to be written out neuron by neuron.
  public static let maximumUnits = 8
  public static let maximumInputs = 8
  /// The strongest units a large layer lists, and the terms its strongest unit writes out.
  public static let strongestUnits = 3
  public static let largestTerms = 3

  public var explanation: ForwardExplanation
  /// What the sample is, for the title (`xor, sample 3`).
  public var sampleName: String
  public var options: ChartOptions

  public init(_ explanation: ForwardExplanation, sampleName: String, options: ChartOptions) {
    self.explanation = explanation
    self.sampleName = sampleName
    self.options = options
  }

  var title: String { options.title ?? "\(explanation.model) on \(sampleName)" }

  var format: ExplanationText { ExplanationText(options: options) }

  public func text() throws -> String {
    format.spelled(try lines(includingTitle: true))
  }

  public func document() throws -> SVGDocument {
    format.page(try lines(includingTitle: false), title: title)
  }

  func lines(includingTitle: Bool) throws -> [String] {
    var lines = includingTitle ? format.wrap(title) + [""] : []
    lines += inputLines()
    for layer in explanation.layers {
      try Cancellation.check()
      lines.append("")
      lines += layerLines(layer)
    }
    lines.append("")
    lines += answerLines()
    lines.append("")
    var note = "Computed by the model's own layers and loss, as predict and evaluate do"
    note += explanation.standardizer == nil ? "." : ", after its standardization."
    lines += format.wrap(note)
    return lines
  }

  func inputLines() -> [String] {
    let f = format
    let x = explanation.input
    let shape = Tensor.describe(explanation.inputShape)
    guard x.count <= Self.maximumInputs, explanation.inputShape.count == 1 else {
      let range = ExplainedLayer.range(x).map {
        "\(f.number($0.lowerBound)) to \(f.number($0.upperBound))"
      }
      return f.wrap("input \(shape): \(x.count) values from \(range ?? "none")")
    }
    var lines = f.wrap("input x = \(f.list(x))")
    let names = explanation.featureNames
    if names.count == x.count, names != (1...x.count).map({ "x\($0)" }) {
      lines += f.wrap("features: " + names.joined(separator: ", "), indent: 2)
    }
    if let s = explanation.standardizer, let z = explanation.standardized {
      lines += f.wrap(
        "standardized as the model was trained, (x − mean) / deviation with mean "
          + "\(f.list(s.mean)) and deviation \(f.list(s.deviation)):")
      lines.append("  x = \(f.list(z))")
    }
    return lines
  }

  func layerLines(_ layer: ExplainedLayer) -> [String] {
    let f = format
    let number = layer.number.map { "layer \($0): " } ?? ""
    let named = "\(number)\(layer.name) (\(layer.written))"
    let shapes = "\(Tensor.describe(layer.inputShape)) → \(Tensor.describe(layer.outputShape))"
    if let neurons = layer.neurons {
      let (i, u) = (neurons.inputs, neurons.outputs)
      let head = "\(named), \(i) input\(i == 1 ? "" : "s") → \(u) unit\(u == 1 ? "" : "s")"
      if neurons.outputs <= Self.maximumUnits, neurons.inputs <= Self.maximumInputs {
        var lines = f.wrap(head)
        for unit in 0..<neurons.outputs { lines += neuronLines(layer, neurons, unit) }
        if let sum = layer.softmaxSum, sum.isFinite {
          lines += f.wrap(
            "softmax: a = e^z / Σ e^z over the units, Σ e^z = \(f.short(sum))", indent: 2)
        }
        return lines
      }
      return f.wrap(head) + largeLayerLines(layer, neurons)
    }
    return f.wrap("\(named), \(shapes)")
      + f.wrap(layer.role, indent: 2) + rangeLines(layer)
  }

  /// `unit 1  z = w·x + … + b = z` and `a = act(z) = a`.
  func neuronLines(_ layer: ExplainedLayer, _ neurons: LayerWeights, _ unit: Int) -> [String] {
    let f = format
    let w = neurons.weight.scalars
    var parts = (0..<neurons.inputs).map { i in
      f.factor(w[i * neurons.outputs + unit]) + "·" + f.factor(layer.input[i])
    }
    parts.append(f.factor(neurons.bias.scalars[unit]))
    let label = "unit \(unit + 1)" + classOf(layer, unit)
    let z = layer.preActivation[unit]
    var lines = f.sum(label + "  z", parts, result: f.number(z), indent: 2)
    let pad = String(repeating: " ", count: 2 + label.count + 2)
    lines.append(pad + "a = " + ActivationText.written(layer, unit: unit, f))
    return lines
  }

  /// Ranges, the units that fire most, and the sum of the strongest written out.
  func largeLayerLines(_ layer: ExplainedLayer, _ neurons: LayerWeights) -> [String] {
    let f = format
    var lines = rangeLines(layer)
    let top = layer.strongestUnits(count: Self.strongestUnits)
    let listed = top.map { u in
      let named = classOf(layer, u)
      return "\(u + 1) (\(named.isEmpty ? "" : named.dropFirst(2).dropLast() + ", ")"
        + "a = \(f.number(layer.output[u])))"
    }
    lines += f.wrap("strongest units: " + listed.joined(separator: ", "), indent: 2)
    guard let unit = top.first else { return lines }
    let terms = layer.terms(ofUnit: unit)
    let largest = layer.largestTerms(ofUnit: unit, count: Self.largestTerms)
    let w = neurons.weight.scalars
    var parts = largest.map { i in
      f.factor(w[i * neurons.outputs + unit]) + "·" + f.factor(layer.input[i])
    }
    let rest = Set(largest)
    let others = terms.indices.filter { !rest.contains($0) }
    if !others.isEmpty {
      let sum = others.reduce(0.0) { $0 + terms[$1] }
      parts.append("(\(others.count) more terms: \(f.number(sum)))")
    }
    parts.append(f.factor(neurons.bias.scalars[unit]))
    let label = "unit \(unit + 1)" + classOf(layer, unit)
    lines += f.sum(label + "  z", parts, result: f.number(layer.preActivation[unit]), indent: 2)
    lines.append(
      String(repeating: " ", count: 2 + label.count + 2) + "a = "
        + ActivationText.written(layer, unit: unit, f))
    lines += f.wrap(
      "(the largest terms w·x; `explain \(explanation.model) layer \(layer.number ?? 1) "
        + "unit \(unit + 1)` shows this unit)", indent: 2)
    return lines
  }

  /// ` (class k)` for a unit of the last layer of a model that answers with one of several
  /// classes (classes count from 0, units from 1); empty otherwise.
  func classOf(_ layer: ExplainedLayer, _ unit: Int) -> String {
    let answer = explanation.prediction
    guard answer.reading != .values, answer.output.count > 1, answer.steps == nil,
      layer.name == explanation.layers.last?.name, layer.width == answer.output.count
    else { return "" }
    return " (class \(unit))"
  }

  /// `z from … to …, a from … to …; k of n give 0`.
  func rangeLines(_ layer: ExplainedLayer) -> [String] {
    let f = format
    func span(_ values: [Float]) -> String {
      ExplainedLayer.range(values).map {
        "\(f.number($0.lowerBound)) to \(f.number($0.upperBound))"
      }
        ?? "none"
    }
    var text: String
    if layer.activation == .linear || layer.preActivation == layer.output {
      text = "values from \(span(layer.output))"
    } else {
      text = "z from \(span(layer.preActivation)), a from \(span(layer.output))"
    }
    if layer.activation == .relu, layer.zeroCount > 0 {
      text += "; \(layer.zeroCount) of \(layer.width) give 0"
    }
    return f.wrap(text, indent: 2)
  }
}
