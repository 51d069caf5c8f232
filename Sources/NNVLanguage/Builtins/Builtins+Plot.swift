import NNVCore
import NNVPlot

/// `plot`: lists, ranges and tensors as line charts, histograms or heatmaps; activation
/// functions with their derivatives and losses against the prediction, with their formulas.
extension Builtins {
  static let plot = Builtin(
    "plot", .command,
    summary:
      "Plots a list or tensor (line chart, histogram or heatmap), an activation function with its derivative, or a loss against the prediction, with their formulas.",
    parameters: [
      Parameter(
        "value", .any, positional: true, default: "none", "a list, range or tensor (1-D or 2-D)"),
      Parameter(
        "as", .choice(["line", "hist", "heatmap"]), default: "line for 1-D, heatmap for 2-D",
        "the kind of chart"),
      Parameter(
        "activation", .choice(Activations.names), default: "none",
        "an activation to plot with its derivative"),
      Parameter(
        "loss", .choice(Loss.allCases.map(\.rawValue)), default: "none",
        "a loss to plot against the prediction for a target"),
      Parameter(
        "target", .number, default: "0 and 1 for bce, 0 for mse",
        "the target of `plot loss`: a class, 0 or 1, for bce; any number for mse"),
      Parameter(
        "bins", .integer, default: "Sturges' rule",
        "the number of histogram bins, equal from the lowest value to the highest",
        limit: ResourceLimits.histogramBins),
    ] + viewParameters,
    example: """
      plot [1, 4, 9, 16, 25]
      plot [0.1, 0.5, 0.5, 0.9, 1.2] as hist
      plot activation tanh
      plot activation relu to "relu.svg"
      plot loss bce
      plot loss mse target 0.5
      """,
    body: .function(runPlot))

  static func runPlot(_ call: BuiltinCall) throws -> Value {
    let o = try options(call)
    if call.has("loss") || call.has("target") { return try plotLoss(call, options: o) }
    if let name = call.string("activation") ?? activationName(call.values["value"]) {
      let at = call.has("activation") ? "activation" : "value"
      guard let activation = Activation(named: name) else {
        throw call.fail(.unknownActivation(name), at: at)
      }
      // Softmax maps a whole vector to probabilities; as a curve of one number it is a flat 1.
      if activation == .softmax { throw call.fail(.softmaxNotElementwise, at: at) }
      let curve = try ActivationCurve(activation)
      return try show(call, ModelViews.activation(curve, options: o))
    }
    guard let value = call.values["value"] else { throw call.fail(.nothingToPlot) }
    let kind = call.string("as")
    if case .tensor(let tensor) = value, tensor.rank >= 2 || kind == "heatmap" {
      let matrix = Matrix(rowsOf: tensor)
      if kind != "line" && kind != "hist" {
        let chart = Heatmap(matrix, options: o, colorMap: .fitting(matrix.values))
        return try show(call, chart)
      }
    }
    if let rows = value.elements, !rows.isEmpty {
      let nested = rows.allSatisfy { $0.elements != nil }
      guard nested || kind == "heatmap" else {
        return try plotNumbers(call, kind: kind, options: o)
      }
      // A flat list as a heatmap is one row.
      let matrix = nested ? try numberRows(call, rows) : try numberRows(call, [value])
      let chart = Heatmap(matrix, options: o, colorMap: .fitting(matrix.values))
      return try show(call, chart)
    }
    return try plotNumbers(call, kind: kind, options: o)
  }

  /// A list of numbers as a histogram or a line chart.
  static func plotNumbers(_ call: BuiltinCall, kind: String?, options: ChartOptions) throws -> Value
  {
    var o = options
    let values = try numbers(call, "value")
    guard !values.isEmpty else { throw call.fail(.nothingToPlot, at: "value") }
    if kind == "hist" {
      let bins = call.has("bins") ? try call.count("bins", default: 1) : nil
      let chart = Histogram(values, bins: bins, options: o)
      return try show(call, chart)
    }
    o.xLabel = "index"
    let chart = LineChart([Series("values", values: values)], options: o)
    return try show(call, chart)
  }

  /// The activation a string value names (`plot "relu"`), if any.
  static func activationName(_ value: Value?) -> String? {
    if case .string(let text)? = value { return text }
    return nil
  }
}

extension Diagnostic.Message {
  static func unknownActivation(_ name: String) -> Self {
    Self(
      "There is no activation '\(name)'.", hint: "try: " + Activations.names.joined(separator: ", ")
    )
  }
  static let softmaxNotElementwise = Self(
    "softmax has no curve to plot: it works on a whole vector, turning its numbers into "
      + "probabilities that sum to 1, so for one number alone it is always 1.",
    hint: "plot an element-wise activation such as `plot activation sigmoid`; softmax shows in "
      + "a classifier's output: `predict(net, sample)` of a `dense N softmax` layer gives N "
      + "probabilities")
  static let nothingToPlot = Self(
    "Nothing to plot.",
    hint: "give values (`plot [1, 2, 3]`) or an activation (`plot activation relu`)")
}
