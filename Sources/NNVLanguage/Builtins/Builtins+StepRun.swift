import NNVCore
import NNVPlot

/// Running `step` and `explain step`: one gradient step on the first samples of a data set,
/// taken by the core as training takes it; the model keeps the new weights, and its history
/// records nothing (a step is not an epoch).
extension Builtins {
  /// `step MODEL on DATA ...`: prints the loss before and after, returns them as a record.
  static func runStep(_ call: BuiltinCall) throws -> Value {
    guard let reference = call.model("model") else { return .none }
    let step = try takeStep(call, reference, data: "on", explained: false)
    let report =
      "\(step.model): loss \(NumberFormatting.metric(Double(step.lossBefore))) → "
      + "\(NumberFormatting.metric(Double(step.lossAfter))) (\(step.optimizer), the first "
      + "\(step.samples == 1 ? "sample" : "\(step.samples) samples") of \(step.data))"
    if call.asStatement { call.interpreter.output.write(report + "\n") }
    return .record(
      Record([
        ("before", .number(NumberFormatting.double(step.lossBefore))),
        ("after", .number(NumberFormatting.double(step.lossAfter))),
      ]))
  }

  /// `explain step MODEL on DATA ...`.
  static func explainStep(_ call: BuiltinCall, _ reference: ModelReference) throws -> Value {
    // The view's options (and its file's name) are read before the step is taken, so a
    // mistake there changes nothing.
    let options = try options(call)
    let step = try takeStep(call, reference, data: "on", explained: true)
    return try show(call, StepExplanationView(step, options: options))
  }

  /// Takes the step the call asks for; the model in `reference` gets the new weights.
  static func takeStep(
    _ call: BuiltinCall, _ reference: ModelReference, data name: String, explained: Bool
  ) throws -> StepExplanation {
    guard case .dataset(let raw) = call.values[name] else {
      throw call.fail(.explainStepNeedsData, at: name)
    }
    var model = reference.model
    let data = raw.reading(as: model.inputShape) ?? raw
    guard data.sampleShape == model.inputShape else {
      throw call.fail(.inputMismatch(model, data), at: name)
    }
    guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: name) }
    let loss = try stepLoss(call, model, data)
    let word = call.string("optimizer") ?? "sgd"
    let sgdFamily = ["sgd", "momentum", "nesterov"].contains(word)
    let optimizer = optimizer(word, rate: call.number("lr") ?? (sgdFamily ? 0.1 : nil))
    let settings = StepExplanation.Settings(
      batch: try call.count("batch", default: 32), loss: loss,
      l1: Float(call.number("l1") ?? 0), l2: Float(call.number("l2") ?? 0),
      clip: call.number("clip").map(Float.init), seed: try call.seed(),
      checksGradient: explained)
    if data.isClassification, model.classNames.isEmpty { model.classNames = data.classNames }
    model.recordFeatureNames(of: data)
    let step = try StepExplanation.take(
      &model, on: data, optimizer: optimizer, settings: settings)
    reference.model = model
    return step
  }

  /// The loss of a step: the one asked for, else the last layer's (as `train`), checked.
  static func stepLoss(_ call: BuiltinCall, _ model: Sequential, _ data: Dataset) throws -> Loss {
    let given = call.string("loss").flatMap(Loss.init(rawValue:))
    let loss = given ?? inferredLoss(model)
    if let problem = LossCompatibility.problem(
      loss: loss, lossGiven: given != nil, output: LossCompatibility.Output(of: model),
      targets: LossCompatibility.Targets(of: data), dataName: data.name)
    {
      let place = problem.culprit == .loss && given != nil ? "loss" : "model"
      throw call.fail(.lossProblem(problem), at: call.has(place) ? place : nil)
    }
    return loss
  }
}
