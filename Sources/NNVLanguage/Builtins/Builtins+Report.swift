import NNVCore
import NNVPlot

/// `report`: one model on its data as a self-contained HTML page (`ModelReport` in NNVPlot),
/// written atomically the way every view file is.
extension Builtins {
  static let reports: [Builtin] = [report]

  static let report = Builtin(
    "report", .command,
    summary:
      "Writes one self-contained HTML page about a model: the diagnosis on top, then its summary, diagram, training history, weights, activations, the boundary, feature maps or hidden states its inputs allow, the confusion matrix and saliency, in sections that fold.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter("on", .dataset, default: nil, "the data it is trained on"),
      Parameter(
        "validate", .dataset, default: "none",
        "held-out data: the boundary draws it hollow, and the confusion matrix, feature maps, "
          + "hidden states and saliency are shown on it"),
      Parameter(
        "to", .string, default: nil, "the .html file to write (it opens in any browser)",
        fileTypes: ["html"]),
    ],
    example: """
      let parts = split(moons(n: 200, noise: 0.2), test: 0.25)
      model net { input 2; dense 8 tanh; dense 2 softmax }
      train net on parts.train epochs 20 lr 0.02 validate parts.test
      report net on parts.train validate parts.test to "net-report.html"
      """,
    body: .function(runReport))

  static func runReport(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, var data = call.dataset("on"),
      let name = call.string("to")
    else { return .none }
    var validation = call.dataset("validate")
    for (set, argument) in [(data, "on")] + (validation.map { [($0, "validate")] } ?? []) {
      guard set.sampleShape == model.inputShape else {
        throw call.fail(
          .inputMismatch(model, set).hinted("report on the kind of data the model takes"),
          at: argument)
      }
      guard set.count > 0 else { throw call.fail(.emptyData(set.name), at: argument) }
    }
    guard !model.layers.isEmpty else { throw call.fail(.noLayers(model.name), at: "model") }
    // The page names the data as the script does (`parts.train`).
    data.name = call.argumentName("on") ?? data.name
    if let written = call.argumentName("validate") { validation?.name = written }
    let report = ModelReport(
      model, on: data, validation: validation, generator: "nnv \(NNVVersion.current)")
    let page = try report.page()
    let size = try write(call, page.render())
    if call.asStatement {
      let count = page.sections.count
      call.interpreter.output.write(
        "wrote \(name) (\(NumberText.bytes(size)), \(count) section\(count == 1 ? "" : "s"))\n")
    }
    return .string(name)
  }
}

extension Diagnostic.Message {
  static func noLayers(_ model: String) -> Self {
    Self(
      "\(model) has no layers to report on.",
      hint: "declare its layers first: `model \(model) { input 2; dense 2 softmax }`")
  }
}
