import NNVCore
import NNVPlot

/// Running `explain` and `step`: the arguments read and checked, the core's explanation
/// computed, and its view shown.
extension Builtins {
  static func runExplain(_ call: BuiltinCall) throws -> Value {
    let given = Set(call.values.keys)
    var onIsData: Bool?
    if let on = call.values["on"] {
      if case .dataset = on { onIsData = true } else { onIsData = false }
    }
    if let (message, place) = explainProblem(given: given, onIsData: onIsData) {
      throw call.fail(message, at: place)
    }
    if let reference = call.model("step") { return try explainStep(call, reference) }
    guard let model = call.model("model")?.model else { return .none }
    if call.has("layer") { return try explainUnit(call, model) }
    return try explainSample(call, model)
  }

  /// `explain MODEL on SAMPLE`.
  static func explainSample(_ call: BuiltinCall, _ model: Sequential) throws -> Value {
    let explanation: ForwardExplanation
    let name: String
    if case .dataset(let raw) = call.values["on"] {
      let data = raw.reading(as: model.inputShape) ?? raw
      guard data.sampleShape == model.inputShape else {
        throw call.fail(.inputMismatch(model, data), at: "on")
      }
      guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
      let index = call.integer("index") ?? 0
      guard index >= 0, index < data.count else {
        throw call.fail(.inputIndexOutOfRange(call.number("index") ?? 0, data), at: "index")
      }
      let loss = try explainLoss(call, model, data)
      explanation = try ForwardExplanation(model, on: data, index: index, loss: loss)
      name = "\(data.name), sample \(index)"
    } else {
      let sample = try explainedSample(call, model)
      if call.has("target") {
        let one = try targetData(call, model, sample)
        explanation = try ForwardExplanation(
          model, on: one, index: 0, loss: try explainLoss(call, model, one))
      } else {
        explanation = try ForwardExplanation(model, sample: sample)
      }
      name = call.interpreter.currentSource.text(in: call.ranges["on"] ?? call.range)
    }
    return try show(
      call, ForwardExplanationView(explanation, sampleName: name, options: try options(call)))
  }

  /// One sample written as numbers (or a tensor), in the model's input shape.
  static func explainedSample(_ call: BuiltinCall, _ model: Sequential) throws -> Tensor {
    let input = call.values["on"] ?? .none
    var x: Tensor
    if case .tensor(let tensor) = input {
      x = tensor
    } else {
      guard let tensor = tensor(from: input) else { throw call.fail(.notASample(input), at: "on") }
      x = tensor
    }
    if model.inputShape.count == 1, x.rank == 1, x.count != model.inputShape[0] {
      throw call.fail(
        .predictFeatureCount(
          call.modelText, features: model.inputShape[0], got: x.count, rows: false),
        at: "on")
    }
    x = samples(x, shapedFor: model.inputShape)
    guard x.shape == model.inputShape else {
      throw call.fail(.explainOneSample(model.inputShape, got: x.shape), at: "on")
    }
    return x
  }

  /// A data set of one sample, `sample`, with the `target` given for it.
  static func targetData(
    _ call: BuiltinCall, _ model: Sequential, _ sample: Tensor
  ) throws -> Dataset {
    let features = try sample.reshaped([1] + sample.shape)
    let output = LossCompatibility.Output(of: model)
    let classifier =
      !model.classNames.isEmpty || output.activation == .sigmoid || output.activation == .softmax
    let value = call.values["target"] ?? .none
    let outputs = model.outputShape.reduce(1, *)
    guard classifier else {
      guard let numbers = tensor(from: value), numbers.count == outputs else {
        throw call.fail(.explainTargetValues(outputs), at: "target")
      }
      return Dataset(
        name: "the sample", features: features,
        values: try numbers.reshaped([1, outputs]), featureNames: model.featureNames)
    }
    let classes = outputs == 1 ? 2 : outputs
    let names =
      model.classNames.count == classes ? model.classNames : (0..<classes).map { "\($0)" }
    var label: Int?
    switch value {
    case .number(let x): label = Int(exactly: x).flatMap { (0..<classes).contains($0) ? $0 : nil }
    case .string(let text): label = names.firstIndex(of: text)
    default: break
    }
    guard let label else { throw call.fail(.explainTargetClass(value, names), at: "target") }
    return Dataset(
      name: "the sample", features: features, labels: [label], classNames: names,
      featureNames: model.featureNames)
  }

  /// The loss of `explain MODEL on SAMPLE`: the one asked for, else the one the model was
  /// trained with, else its last layer's; checked against the data.
  static func explainLoss(
    _ call: BuiltinCall, _ model: Sequential, _ data: Dataset
  ) throws -> Loss {
    let given = call.string("loss").flatMap(Loss.init(rawValue:))
    let loss = given ?? model.history.last?.lossFunction ?? inferredLoss(model)
    if let problem = LossCompatibility.problem(
      loss: loss, lossGiven: given != nil, output: LossCompatibility.Output(of: model),
      targets: LossCompatibility.Targets(of: data), dataName: data.name)
    {
      throw call.fail(
        .lossProblem(problem), at: problem.culprit == .loss && given != nil ? "loss" : "model")
    }
    return loss
  }

  /// `explain MODEL layer L unit U [on DATA]`.
  static func explainUnit(_ call: BuiltinCall, _ model: Sequential) throws -> Value {
    let names = LayerNumbering.numberedNames(in: model)
    guard !names.isEmpty else { throw call.fail(.noWeights(model.name), at: "model") }
    let number = try call.count("layer", default: 1)
    guard let index = LayerNumbering.index(ofLayerNumbered: number, in: model) else {
      throw call.fail(.noSuchLayer(number, names), at: "layer")
    }
    let shape = model.outputShapes[index]
    let units = shape.count == 3 ? shape[0] : shape.last ?? 1
    let unit = try call.count("unit", default: 1)
    guard unit <= units else {
      throw call.fail(
        .explainNoSuchUnit(unit, layer: model.layers[index].name, units: units), at: "unit")
    }
    var data: Dataset?
    if case .dataset(let raw) = call.values["on"] {
      let read = raw.reading(as: model.inputShape) ?? raw
      guard read.sampleShape == model.inputShape else {
        throw call.fail(.inputMismatch(model, read), at: "on")
      }
      data = read
    }
    let explanation = try NeuronExplanation(model, layer: number, unit: unit - 1, on: data)
    return try show(call, NeuronExplanationView(explanation, options: try options(call)))
  }
}

extension Diagnostic.Message {
  static func explainNoSuchUnit(_ unit: Int, layer: String, units: Int) -> Self {
    Self(
      "There is no unit \(unit) in \(layer); its units are numbered 1 to \(units).",
      hint: "write a unit from 1 to \(units)")
  }
  static func explainOneSample(_ input: [Int], got: [Int]) -> Self {
    Self(
      "`explain` takes one sample of shape \(Tensor.describe(input)), not \(Tensor.describe(got)).",
      hint: "give one sample as a list of numbers, or a data set and `index N`")
  }
  static func explainTargetValues(_ outputs: Int) -> Self {
    Self(
      "The target of this sample is \(outputs == 1 ? "a number" : "a list of \(outputs) numbers"), "
        + "one for each output.",
      hint: outputs == 1 ? "write `target 0.5`" : "write `target [...]` with \(outputs) numbers")
  }
  static func explainTargetClass(_ value: Value, _ names: [String]) -> Self {
    Self(
      "There is no class \(value.debugText); the classes are numbered 0 to \(names.count - 1)"
        + (names == (0..<names.count).map { "\($0)" }
          ? "." : ": " + names.joined(separator: ", ") + "."),
      hint: "write `target 1` or a class name")
  }
}
