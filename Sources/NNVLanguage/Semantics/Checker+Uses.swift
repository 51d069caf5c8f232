import NNVCore

/// Static checks of builtins that use a model: whether the data and samples given fit its input,
/// and whether the loss can learn with its output on the data (`LossCompatibility`), when the
/// script says enough to know. What is not known is left to the run.
extension Checker {
  mutating func uses(of builtin: Builtin, _ bound: [String: Argument]) {
    guard let modelArgument = bound["model"],
      builtin.parameter(named: "model")?.type == .model,
      let model = staticModel(of: modelArgument.value)
    else { return }
    let modelName = source.text(in: modelArgument.value.range)
    for parameter in builtin.parameters where parameter.type == .dataset {
      guard let argument = bound[parameter.name], let data = staticData(of: argument.value)
      else { continue }
      if let input = model.inputShape, let sample = data.sampleShape,
        !Dataset.sameSize(input, sample)
      {
        report(
          .sampleShapeMismatch(
            model: modelName, input: input, data: data.name, sample: sample,
            training: builtin.name == "train"),
          at: argument.value.range)
        continue
      }
      if ["train", "evaluate", "step"].contains(builtin.name),
        parameter.name == "on" || parameter.name == "validate"
      {
        lossUse(of: builtin, model, modelArgument, data, bound["loss"])
      }
    }
    if builtin.name == "predict", let argument = bound["input"] {
      predictInput(model, name: modelName, argument.value)
    }
  }

  /// The loss of `train` or `evaluate` against the model's output and the data's targets.
  mutating func lossUse(
    of builtin: Builtin, _ model: StaticModel, _ modelArgument: Argument, _ data: StaticData,
    _ lossArgument: Argument?
  ) {
    guard var output = model.output else { return }
    // A target at every step asks for an output of shape [steps, units]: its shape must be
    // known.
    if let shape = model.outputShape {
      output.shape = shape.count > 1 ? shape : nil
    } else if case .steps = data.targets {
      return
    }
    var given: Loss?
    if let lossArgument {
      switch lossArgument.value.kind {
      case .name(let word) where !isDefined(word): given = Loss(rawValue: word)
      case .string(let word): given = Loss(rawValue: word)
      default: break
      }
    }
    // Without a loss, `train` uses the last layer's default; `evaluate` the loss the model was
    // trained with, which is not known here, so only problems with the layer itself count.
    // `step` and `explain step` use the last layer's default too.
    let defaultKnown = ["train", "step", "explain"].contains(builtin.name)
    let lossKnown = given != nil || (lossArgument == nil && defaultKnown)
    let loss = given ?? LossCompatibility.defaultLoss(for: output)
    guard
      let problem = LossCompatibility.problem(
        loss: loss, lossGiven: given != nil, output: output, targets: data.targets,
        dataName: "`\(data.name)`"),
      lossKnown || problem.culprit == .output
    else { return }
    let place = problem.culprit == .loss ? lossArgument ?? modelArgument : modelArgument
    report(.lossProblem(problem), at: place.value.range)
  }

  /// `predict(net, [0.5, 0.5])`: a sample written as numbers must have the model's features.
  mutating func predictInput(_ model: StaticModel, name: String, _ input: Expression) {
    guard let shape = model.inputShape else { return }
    if let data = staticData(of: input) {
      if let sample = data.sampleShape, !Dataset.sameSize(sample, shape) {
        report(
          .sampleShapeMismatch(
            model: name, input: shape, data: data.name, sample: sample, training: false),
          at: input.range)
      }
      return
    }
    guard shape.count == 1, let (width, rows) = Checker.literalSampleWidth(input),
      width != shape[0]
    else { return }
    report(.predictFeatureCount(name, features: shape[0], got: width, rows: rows), at: input.range)
  }

  /// The number of features of samples written as numbers: a number (1), a list of numbers, or
  /// a list of equally long lists of numbers (several samples, `rows` true).
  static func literalSampleWidth(_ expression: Expression) -> (width: Int, rows: Bool)? {
    if case .number? = literal(expression) { return (1, false) }
    guard case .list(let elements) = expression.kind, !elements.isEmpty else { return nil }
    if elements.allSatisfy({ if case .number? = literal($0) { true } else { false } }) {
      return (elements.count, false)
    }
    let widths = elements.map { literalSampleWidth($0) }
    guard let first = widths.first ?? nil, !first.rows,
      widths.allSatisfy({ $0?.width == first.width && $0?.rows == false })
    else { return nil }
    return (first.width, true)
  }
}

extension Diagnostic.Message {
  static func sampleShapeMismatch(
    model: String, input: [Int], data: String, sample: [Int], training: Bool
  ) -> Self {
    let shape = sample.count == 1 ? "\(sample[0])" : describe(sample)
    let fix =
      training
      ? "give the model `input \(shape)`, or train it on data with samples of shape "
        + describe(input)
      : "use `\(model)` on data with samples of shape \(describe(input)), the kind it was "
        + "trained on"
    return Self(
      "`\(model)` takes samples of shape \(describe(input)), but `\(data)` has samples of shape "
        + "\(describe(sample)).", hint: fix)
  }
  static func predictFeatureCount(_ model: String, features: Int, got: Int, rows: Bool) -> Self {
    let what = rows ? "these samples have" : "this sample has"
    let numbers = features == 1 ? "1 number" : "\(features) numbers"
    return Self(
      "`\(model)` takes \(features) feature\(features == 1 ? "" : "s") per sample, but \(what) "
        + "\(got).",
      hint: "give one sample as a list of \(numbers), or several as a list of such lists")
  }
}
