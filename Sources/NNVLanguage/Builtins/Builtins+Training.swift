import NNVCore

/// Training and evaluating models.
extension Builtins {
  static let training: [Builtin] = [train, evaluate]

  static let optimizers = ["sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad"]
  static let losses = Loss.allCases.map(\.rawValue)

  static let train = Builtin(
    "train", .command,
    summary: "Trains a model on a data set with minibatch gradient descent.",
    parameters: [
      Parameter(
        "model", .model, positional: true, default: nil, "the model; it keeps the new weights"),
      Parameter("on", .dataset, default: nil, "the training data"),
      Parameter(
        "epochs", .integer, default: "10", "passes over the data", limit: ResourceLimits.epochs,
        bounds: .atLeast(1)),
      Parameter(
        "batch", .integer, default: "32", "samples per gradient step",
        limit: ResourceLimits.samples, bounds: .atLeast(1)),
      Parameter("optimizer", .choice(optimizers), default: "adam", "how weights are updated"),
      Parameter(
        "lr", .number, default: "0.001 for adam and rmsprop, else 0.01", "learning rate",
        bounds: .positive(hint: "typical rates are 0.001 to 0.1")),
      Parameter(
        "loss", .choice(losses), default: "sigmoid → bce, softmax → cce, else mse",
        "what is minimized; one that cannot learn with the last layer is refused, with the fix"),
      Parameter("validate", .dataset, default: "none", "data evaluated after every epoch"),
      Parameter("l1", .number, default: "0", "L1 penalty rate on weights", bounds: .atLeast(0)),
      Parameter("l2", .number, default: "0", "L2 penalty rate on weights", bounds: .atLeast(0)),
      Parameter(
        "seed", .integer, default: "the session seed", "seeds batch order and dropout",
        bounds: .atLeast(0)),
      Parameter(
        "every", .integer, default: "1", "report progress every N epochs",
        limit: ResourceLimits.epochs, bounds: .atLeast(1)),
      Parameter(
        "standardize", .boolean, default: "false",
        "standardize inputs by the training data's statistics, kept with the model"),
      Parameter(
        "clip", .number, default: "none",
        "the largest global norm of a step's gradients; larger ones are scaled down to it "
          + "(for recurrent networks, whose gradients can explode)",
        bounds: .positive(hint: "a norm such as 1 or 5")),
      Parameter(
        "live", .boolean, default: "false, or `:set live on`",
        "on a terminal, a dashboard redrawn as training runs (the decision over the plane or "
          + "the fitted curve, the loss, the weights); space pauses, s runs one epoch, q stops "
          + "and keeps the weights; elsewhere the usual progress", flag: true),
    ],
    example: """
      let data = xor(n: 64, noise: 0.1)
      model net { input 2; dense 4 tanh; dense 1 sigmoid }
      train net on data epochs 3 batch 16 optimizer adam lr 0.03
      train net on data epochs 2 live
      """,
    body: .function(runTrain))

  static let evaluate = Builtin(
    "evaluate", .command,
    summary:
      "Prints a model's loss (by default the one it was trained with, named) and accuracy on a "
      + "data set; returns them as a record.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter("on", .dataset, default: nil, "the data to measure on"),
      Parameter(
        "loss", .choice(losses), default: "the loss it was trained with, else from the last layer",
        "the loss reported"),
    ],
    example: """
      let data = xor(n: 40)
      model net { input 2; dense 1 sigmoid }
      evaluate net on data
      let result = evaluate(net, on: data)
      print result.accuracy >= 0
      """,
    body: .function(runEvaluate))

  /// The loss that fits the model's last layer: sigmoid → bce, softmax → cce, else mse.
  static func inferredLoss(_ model: Sequential) -> Loss {
    LossCompatibility.defaultLoss(for: LossCompatibility.Output(of: model))
  }

  /// The loss the call asks for, else `fallback`, after checking that it can learn with the
  /// model's output on every data set given (`on`, and `validate` when training).
  static func checkedLoss(
    _ call: BuiltinCall, _ model: Sequential, fallback: Loss, data: [String]
  ) throws -> Loss {
    let given = call.string("loss").flatMap(Loss.init(rawValue:))
    let loss = given ?? fallback
    for name in data {
      // Samples of the wrong shape are the first problem, reported by the core.
      guard let set = call.dataset(name), set.sampleShape == model.inputShape else { continue }
      if let problem = LossCompatibility.problem(
        loss: loss, lossGiven: given != nil, output: LossCompatibility.Output(of: model),
        targets: LossCompatibility.Targets(of: set), dataName: set.name)
      {
        let place = problem.culprit == .loss && given != nil ? "loss" : "model"
        throw call.fail(.lossProblem(problem), at: place)
      }
    }
    return loss
  }

  static func optimizer(_ name: String, rate: Double?) -> any Optimizer {
    switch name {
    case "sgd": SGD(learningRate: Float(rate ?? 0.01))
    case "momentum": SGD(learningRate: Float(rate ?? 0.01), momentum: 0.9)
    case "nesterov": SGD(learningRate: Float(rate ?? 0.01), momentum: 0.9, nesterov: true)
    case "rmsprop": RMSProp(learningRate: Float(rate ?? 0.001))
    case "adagrad": Adagrad(learningRate: Float(rate ?? 0.01))
    default: Adam(learningRate: Float(rate ?? 0.001))
    }
  }

  static func runTrain(_ call: BuiltinCall) throws -> Value {
    guard let reference = call.model("model"), let data = call.dataset("on") else {
      return .none
    }
    let epochs = try call.count("epochs", default: 10)
    let every = try call.count("every", default: 1)
    let optimizer = optimizer(call.string("optimizer") ?? "adam", rate: call.number("lr"))
    var model = reference.model
    let options = try trainingOptions(call, model, epochs: epochs)
    if call.boolean("standardize") == true {
      model.standardizer = try Standardizer(fitting: data)
    }
    if data.isClassification, model.classNames.isEmpty { model.classNames = data.classNames }
    model.recordFeatureNames(of: data)
    let clock = ContinuousClock()
    let start = clock.now
    var batches = 1
    func elapsed() -> Double {
      let duration = clock.now - start
      return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
    let live = liveTraining(call, model, data: data, options: options, optimizer: optimizer)
    let progress = progressObserver(
      call, model.name, epochs: epochs, every: every, elapsed: elapsed)
    let outcome: TrainingOutcome
    do {
      outcome = try Trainer.train(&model, on: data, optimizer: optimizer, options: options) {
        event in
        if case .batchEnded(_, _, let count, _) = event { batches = count }
        return live?.observe(event) ?? progress(event, batches)
      }
    } catch {
      live?.abandon()
      throw error
    }
    reference.model = model
    if let live { return try finishLive(live, outcome, call, model, batches: batches) }
    try report(
      outcome, call, model.name, last: model.history.last, epochs: epochs, batches: batches,
      elapsed: elapsed)
    return model.history.last.map(Interpreter.record(of:)) ?? .none
  }

  /// The observer that reports training's progress to the output: every batch (for a live
  /// bar) and every `every` epochs and the last; it stops training on Ctrl-C.
  static func progressObserver(
    _ call: BuiltinCall, _ name: String, epochs: Int, every: Int,
    elapsed: @escaping () -> Double
  ) -> (TrainingEvent, Int) -> TrainingControl {
    let interpreter = call.interpreter
    return { event, batches in
      switch event {
      case .batchEnded(let epoch, let batch, let count, let loss):
        interpreter.output.progress(
          ProgressEvent(
            phase: .batch, model: name, epoch: epoch, epochs: epochs, batch: batch,
            batches: count, loss: Double(loss), elapsed: elapsed()))
      case .epochEnded(let metrics, _):
        if metrics.epoch % every == 0 || metrics.epoch == epochs {
          interpreter.output.progress(
            progressEvent(.epoch, name, metrics, epochs, batches, elapsed()))
        }
      case .inspected:
        break
      }
      return interpreter.cancellation.poll() ? .stop : .proceed
    }
  }

  /// The options the `train` call asks for, with its loss checked against the model and data.
  static func trainingOptions(
    _ call: BuiltinCall, _ model: Sequential, epochs: Int
  ) throws -> TrainingOptions {
    let loss = try checkedLoss(
      call, model, fallback: inferredLoss(model), data: ["on", "validate"])
    return TrainingOptions(
      epochs: epochs, batchSize: try call.count("batch", default: 32), loss: loss,
      seed: try call.seed(), l1: Float(call.number("l1") ?? 0), l2: Float(call.number("l2") ?? 0),
      validation: call.dataset("validate"),
      // Kept with the model for `weights net over epochs`, and saved with it.
      recorders: [.weightDistributions], clip: call.number("clip").map(Float.init))
  }

  /// How training the model `name` ended: the final progress when it completed (`last` is its
  /// last epoch), else the error that says where it stopped and why.
  static func report(
    _ outcome: TrainingOutcome, _ call: BuiltinCall, _ name: String, last: EpochMetrics?,
    epochs: Int, batches: Int, elapsed: () -> Double
  ) throws {
    switch outcome {
    case .completed:
      if let last {
        call.interpreter.output.progress(
          progressEvent(.finished, name, last, epochs, batches, elapsed()))
      }
    case .stopped(let epoch, let batch):
      var error = call.fail(.trainingStopped(name, epoch: epoch, batch: batch, of: batches))
      error.diagnostic.stage = .interrupted
      throw error
    case .diverged(let epoch, let batch, let restored):
      throw call.fail(.trainingDiverged(name, epoch: epoch, batch: batch, restored: restored))
    case .unstable(let epoch, let restored, let problem):
      throw call.fail(.trainingUnstable(name, epoch: epoch, problem: problem, restored: restored))
    }
  }

  static func progressEvent(
    _ phase: ProgressEvent.Phase, _ name: String, _ metrics: EpochMetrics, _ epochs: Int,
    _ batches: Int, _ elapsed: Double
  ) -> ProgressEvent {
    ProgressEvent(
      phase: phase, model: name, epoch: metrics.epoch, epochs: epochs, batch: batches,
      batches: batches, loss: NumberFormatting.double(metrics.loss),
      accuracy: metrics.accuracy.map(NumberFormatting.double),
      validationLoss: metrics.validationLoss.map(NumberFormatting.double),
      validationAccuracy: metrics.validationAccuracy.map(NumberFormatting.double),
      elapsed: elapsed)
  }

  static func runEvaluate(_ call: BuiltinCall) throws -> Value {
    guard let reference = call.model("model"), let data = call.dataset("on") else { return .none }
    let model = reference.model
    // The loss asked for; else the one the model was last trained with, so that the number
    // is comparable with training's; else the default of its last layer.
    let fallback = model.history.last?.lossFunction ?? inferredLoss(model)
    let loss = try checkedLoss(call, model, fallback: fallback, data: ["on"])
    let result = try Metrics.evaluate(model, on: data, loss: loss)
    let lossValue = NumberFormatting.double(result.loss)
    var fields: [(name: String, value: Value)] = [("loss", .number(lossValue))]
    var report =
      "\(model.name) on \(data.name): loss \(NumberFormatting.metric(lossValue)) "
      + "(\(loss.rawValue))"
    if let accuracy = result.accuracy.map(NumberFormatting.double) {
      fields.append(("accuracy", .number(accuracy)))
      report += ", accuracy \(NumberFormatting.metric(accuracy))"
    }
    if call.asStatement { call.interpreter.output.write(report + "\n") }
    return .record(Record(fields))
  }
}

extension Diagnostic.Message {
  /// A loss that cannot learn with a model's output (`LossCompatibility`).
  static func lossProblem(_ problem: LossCompatibility.Problem) -> Self {
    Self(problem.message, hint: problem.fix)
  }
  static func trainingStopped(_ model: String, epoch: Int, batch: Int, of batches: Int) -> Self {
    Self(
      "Training stopped at epoch \(epoch), batch \(batch) of \(batches).",
      hint: "\(model) keeps the weights it had reached")
  }
  static func trainingUnstable(
    _ model: String, epoch: Int, problem: String, restored: Int
  ) -> Self {
    Self(
      "Training diverged in epoch \(epoch): \(problem).",
      hint: "\(model) keeps its weights from the start of epoch \(restored); "
        + "the learning rate is too large: try a smaller `lr`, such as 0.01")
  }
  static func trainingDiverged(_ model: String, epoch: Int, batch: Int, restored: Int) -> Self {
    Self(
      "Training diverged at epoch \(epoch), batch \(batch): the loss became NaN or infinite.",
      hint: "\(model) keeps its weights from the start of epoch \(restored); "
        + "try a smaller `lr` or `standardize true`")
  }
}
