import NNVCore
import NNVPlot

/// Attributions as numbers: `attribution(...)` returns the maps `saliency` draws as a tensor
/// `[N, input shape...]`, and `gaps(...)` Integrated Gradients' completeness gap of each input
/// as a list. They take `saliency`'s parameters (`attributionInputs`, `methodParameters`) and
/// compute with the same `Attributor` call, so the numbers are exactly those drawn.
extension Builtins {
  static let attributionFunction = Builtin(
    "attribution", .function,
    summary:
      "The attribution maps `saliency` draws, as a tensor [N, input shape...]: one map per "
      + "input, by any of its methods.",
    parameters: attributionInputs(index: numbersIndex) + methodParameters,
    example: """
      let flowers = iris()
      model net { input 4; dense 8 tanh; dense 3 softmax }
      train net on flowers epochs 10 lr 0.05
      let maps = attribution(net, on: flowers, method: "ig", steps: 20)
      print shape(maps), gaps(net, on: flowers, index: 0, steps: 20)
      print attribution(net, on: flowers, index: 3, target: "setosa")
      let bits = parity(n: 20, length: 6, seed: 1)
      model reader { input [6, 1]; gru 4 sequences true; dense 2 softmax }
      print shape(attribution(reader, on: bits, step: 2, method: "input"))
      """,
    body: .function { call in
      guard let attribution = try attributed(call, method: nil) else { return .none }
      return .tensor(attribution.values)
    })

  static let gaps = Builtin(
    "gaps", .function,
    summary:
      "Integrated Gradients' completeness gap of each input, |Σ attributions − (f(x) − "
      + "f(baseline))|, as a list: how far the maps are from adding up to the score's change.",
    parameters: attributionInputs(index: numbersIndex)
      + methodParameters.filter { ["steps", "baseline"].contains($0.name) },
    example: """
      let flowers = iris()
      model net { input 4; dense 8 tanh; dense 3 softmax }
      train net on flowers epochs 10 lr 0.05
      let g = gaps(net, on: flowers, steps: 20, baseline: "mean")
      print len(g), max(g) < 1
      """,
    body: .function { call in
      guard let attribution = try attributed(call, method: "ig") else { return .none }
      let gaps = attribution.completenessGaps ?? []
      return .list(gaps.map { .number(NumberFormatting.double($0)) })
    })

  /// `index` of the functions: every input unless given.
  static let numbersIndex = Parameter(
    "index", .integer, default: "every input", "only input number N, from 0 (N = 1)")

  /// The attribution the call asks for, as `saliency` computes it: every input (or input
  /// `index`) of the data, at a sequence model's `step` (the last by default); `method`
  /// overrides the call's `method` (`gaps` is Integrated Gradients').
  static func attributed(_ call: BuiltinCall, method name: String?) throws -> Attribution? {
    guard let model = call.model("model")?.model, let data = call.dataset("on") else {
      return nil
    }
    try checkFits(call, model, data)
    let index = try inputIndex(call, data)
    let (method, _) = try attributionMethod(call, model: model, data: data, named: name)
    let step = try sequenceStep(call, model)
    let target = try target(call, model, data)
    let inputs = try index.map { try data.features.gatheringRows([$0]) } ?? data.features
    let targets = target.map { [Int](repeating: $0, count: inputs.rows) }
    let seed = try call.seed()
    if AttributionViews.isSequenceModel(model) {
      return try Attributor.attribute(
        model, inputs: inputs, method: method, step: step ?? model.inputShape[0] - 1,
        targets: targets, seed: seed)
    }
    return try Attributor.attribute(
      model, inputs: inputs, method: method, targets: targets, seed: seed)
  }

  /// The class to explain: a number from 0 or a class name; nil for each predicted class.
  static func target(_ call: BuiltinCall, _ model: Sequential, _ data: Dataset) throws -> Int? {
    guard let value = call.values["target"] else { return nil }
    // A sequence model's classes are those of one step.
    let outputs =
      AttributionViews.isSequenceModel(model)
      ? (model.outputShape.last ?? 1) : model.outputShape.reduce(1, *)
    guard outputs > 1 else { throw call.fail(.singleOutputTarget(model.name), at: "target") }
    let names = data.classNames.isEmpty ? model.classNames : data.classNames
    switch value {
    case .number(let x):
      guard let k = Int(exactly: x), k >= 0, k < outputs else {
        throw call.fail(.targetOutOfRange(x, outputs: outputs, model: model.name), at: "target")
      }
      return k
    case .string(let text):
      guard let k = names.firstIndex(of: text), k < outputs else {
        throw call.fail(.unknownClass(text, names: names, data: data.name), at: "target")
      }
      return k
    default:
      throw call.fail(.targetKind(value), at: "target")
    }
  }
}

extension Diagnostic.Message {
  static func singleOutputTarget(_ model: String) -> Self {
    Self(
      "\(model) has one output, so there is no class to choose with `target`.",
      hint: "leave `target` out: the view explains the output's score")
  }
  static func targetOutOfRange(_ value: Double, outputs: Int, model: String) -> Self {
    Self(
      "There is no class \(NumberFormatting.format(value)); \(model) has \(outputs) outputs.",
      hint: "classes count from 0: use 0 to \(outputs - 1), or a class name")
  }
  static func unknownClass(_ name: String, names: [String], data: String) -> Self {
    Self(
      "There is no class '\(name)' in \(data).",
      hint: Suggestion.hint(for: name, among: names)
        ?? (names.isEmpty
          ? "give a class number from 0" : "classes: " + names.joined(separator: ", ")))
  }
  static func targetKind(_ value: Value) -> Self {
    Self(
      "`target` must be a class number or a class name, not \(value.kindName).",
      hint: "write `target 3` or `target \"virginica\"`")
  }
}
