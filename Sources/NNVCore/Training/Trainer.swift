/// Settings of one training run.
public struct TrainingOptions: Sendable {
  /// How many passes over the training data.
  public var epochs: Int
  /// Samples per gradient step; the last batch of an epoch may be smaller.
  public var batchSize: Int
  /// What to minimize.
  public var loss: Loss
  /// Seeds the batch order (epoch e uses seed + e) and dropout masks.
  public var seed: UInt64
  /// Whether to reshuffle every epoch; batches follow the data's order otherwise.
  public var shuffle: Bool
  /// L1 and L2 penalty rates on weights (not biases): `l1·Σ|w| + l2·Σw²` is added to the loss.
  public var l1: Float
  public var l2: Float
  /// Data evaluated after every epoch, not trained on.
  public var validation: Dataset?
  /// What is added to every epoch's metrics from the model at its end, in order. By default
  /// the weight distributions; with none, the history holds only what training measures.
  public var recorders: [EpochRecorder]

  public init(
    epochs: Int = 10, batchSize: Int = 32, loss: Loss, seed: UInt64 = 7, shuffle: Bool = true,
    l1: Float = 0, l2: Float = 0, validation: Dataset? = nil,
    recorders: [EpochRecorder] = [.weightDistributions]
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.loss = loss
    self.seed = seed
    self.shuffle = shuffle
    self.l1 = l1
    self.l2 = l2
    self.validation = validation
    self.recorders = recorders
  }
}

/// An error that stops training before it starts.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  case invalidOptions(String)
  case incompatibleData(String)
  /// The loss cannot learn with the model's output on this data (see `LossCompatibility`).
  case incompatibleLoss(LossCompatibility.Problem)

  public var description: String {
    switch self {
    case .invalidOptions(let message), .incompatibleData(let message): message
    case .incompatibleLoss(let problem): problem.description
    }
  }
}

/// Trains sequential models with minibatch gradient descent.
public enum Trainer {
  /// Trains `model` on `data`, appending one `EpochMetrics` per epoch to its history.
  ///
  /// The run is reproducible: the same model, data, options and optimizer settings give the
  /// same weights bit for bit. After every epoch the options' recorders add their statistics to
  /// the epoch's metrics. The observer is called after every batch and every epoch and may
  /// stop training; the model then keeps the weights of the last finished batch. So does a
  /// cancelled `Cancellation` token (Ctrl-C), which is polled inside every forward pass and
  /// validation. A loss that becomes NaN or infinite stops training and restores the weights
  /// from the start of that epoch, and so do weights that become NaN, infinite or larger than
  /// `largestWeight`, and a validation loss that becomes NaN or infinite (see
  /// `TrainingOutcome`).
  ///
  /// - Throws: `TrainingError` when the options or data do not fit the model; the model is
  ///   unchanged then.
  @discardableResult
  public static func train(
    _ model: inout Sequential, on data: Dataset, optimizer: any Optimizer,
    options: TrainingOptions, observer: ((TrainingEvent) -> TrainingControl)? = nil
  ) throws -> TrainingOutcome {
    try check(model, data, options)
    let outputSize = model.outputShape.reduce(1, *)
    let targets = try data.targets(outputSize: outputSize)
    let validationTargets = try options.validation.map { try $0.targets(outputSize: outputSize) }
    let fused =
      options.loss.fusedActivation != nil
      && model.layers.last?.activation == options.loss.fusedActivation
    let run = model.history.runCount + 1  // below Int.max: see `check`
    let n = data.count
    let batchSize = Swift.min(options.batchSize, n)
    let batches = n / batchSize + (n % batchSize == 0 ? 0 : 1)
    var context = ForwardContext(
      isTraining: true, random: RandomGenerator(seed: options.seed &+ 0x5EED))
    // The loop owns the parameters; the model gets them back after every epoch. After the first
    // step the loop's buffers are uniquely referenced, so the optimizer updates them in place.
    var parameters = model.parameters
    let regularized = model.layers.map { layer in layer.parameterNames.map { $0 == "weight" } }
    // The history is thinned as it grows; one full pass puts a loaded history in order first.
    model.history.thinWeightDistributions()

    // Batches finished in the current epoch: where a cancelled run stops.
    var finished = 0
    func stopped(_ epoch: Int) -> TrainingOutcome {
      model.parameters = parameters
      // No batch of this epoch finished: the run stopped at the end of the one before.
      return finished == 0 && epoch > 1
        ? .stopped(epoch: epoch - 1, batch: batches) : .stopped(epoch: epoch, batch: finished)
    }
    /// One epoch: nil when it finished and training goes on.
    func trainEpoch(_ epoch: Int) throws -> TrainingOutcome? {
      let epochStart = parameters
      var shuffler = RandomGenerator(seed: options.seed &+ UInt64(epoch - 1))
      let order = options.shuffle ? try shuffler.cancellablePermutation(n) : Array(0..<n)
      var lossSum = 0.0
      var correct = 0
      for b in 0..<batches {
        let indices = order[(b * batchSize)..<min((b + 1) * batchSize, n)]
        let x = data.features.gatheringRowsUnchecked(indices)
        let y = targets.gatheringRowsUnchecked(indices)
        var (loss, gradients, output) = try step(
          model, parameters, x, y, loss: options.loss, fused: fused, context: &context)
        if options.l1 != 0 || options.l2 != 0 {
          loss += Regularization.apply(
            l1: options.l1, l2: options.l2, to: parameters, where: regularized,
            gradients: &gradients)
        }
        guard loss.isFinite else {
          model.parameters = epochStart
          return .diverged(epoch: epoch, batch: b + 1, restoredEpoch: epoch)
        }
        optimizer.update(&parameters, along: gradients)
        finished = b + 1
        lossSum += Double(loss) * Double(indices.count)
        if data.isClassification {
          let predicted = Metrics.predictedClasses(output, fromLogits: fused, loss: options.loss)
          for (k, index) in indices.enumerated() where predicted[k] == data.labels[index] {
            correct += 1
          }
        }
        if observer?(.batchEnded(epoch: epoch, batch: b + 1, batches: batches, loss: loss))
          == .stop
        {
          model.parameters = parameters
          return .stopped(epoch: epoch, batch: b + 1)
        }
      }
      model.parameters = parameters
      if let problem = instability(model) {
        model.parameters = epochStart
        return .unstable(epoch: epoch, restoredEpoch: epoch, problem: problem)
      }
      var metrics = EpochMetrics(
        run: run, epoch: epoch, loss: Float(lossSum / Double(n)),
        accuracy: data.isClassification ? Float(correct) / Float(n) : nil)
      // Cancelled during validation, the epoch is still kept, without validation metrics.
      var cancelled = false
      if let validation = options.validation, let validationTargets {
        do {
          let result = try Metrics.evaluate(
            model, on: validation, targets: validationTargets, loss: options.loss)
          metrics.validationLoss = result.loss
          metrics.validationAccuracy = result.accuracy
          guard result.loss.isFinite else {
            model.parameters = epochStart
            return .unstable(
              epoch: epoch, restoredEpoch: epoch,
              problem: "the validation loss became \(result.loss.isNaN ? "NaN" : "infinite")")
          }
        } catch is CancellationError {
          cancelled = true
        }
      }
      for recorder in options.recorders { recorder.record(model, &metrics) }
      metrics.optimizer = optimizer.description
      metrics.lossFunction = options.loss
      model.history.append(metrics)
      if observer?(.epochEnded(metrics, epochs: options.epochs)) == .stop || cancelled {
        return .stopped(epoch: epoch, batch: batches)
      }
      return nil
    }

    for epoch in 1...options.epochs {
      finished = 0
      do {
        if let outcome = try trainEpoch(epoch) { return outcome }
      } catch is CancellationError {
        return stopped(epoch)
      }
    }
    return .completed(epochs: options.epochs)
  }

  /// One forward and backward pass: the batch loss, the parameter gradients and the output.
  ///
  /// A function of its own so that the tape, and the references it holds to the parameters,
  /// are gone before the optimizer updates them in place.
  static func step(
    _ model: Sequential, _ parameters: [[Tensor]], _ x: Tensor, _ y: Tensor, loss: Loss,
    fused: Bool, context: inout ForwardContext
  ) throws -> (Float, [[Tensor]], Tensor) {
    let tape = Tape()
    let variables = parameters.map { $0.map { tape.variable($0) } }
    let output = try model.forward(
      Variable(x), parameters: variables, context: &context, stopBeforeFinalActivation: fused)
    let value = try loss(output, y, fromLogits: fused)
    let gradients = tape.gradients(of: value)
    return (value.value.scalar, variables.map { $0.map { gradients[$0] } }, output.value)
  }

  static func check(_ model: Sequential, _ data: Dataset, _ options: TrainingOptions) throws {
    guard options.epochs >= 1 else {
      throw TrainingError.invalidOptions("train for at least 1 epoch, not \(options.epochs)")
    }
    guard ResourceLimits.epochs.allows(options.epochs) else {
      throw TrainingError.invalidOptions(
        "\(ResourceLimit.grouped(options.epochs)) epochs is over the limit of "
          + "\(ResourceLimits.epochs)")
    }
    guard options.batchSize >= 1 else {
      throw TrainingError.invalidOptions(
        "a batch holds at least 1 sample, not \(options.batchSize)")
    }
    guard model.history.runCount < Int.max else {
      throw TrainingError.invalidOptions(
        "\(model.name)'s history already counts \(model.history.runCount) training runs")
    }
    guard options.l1 >= 0, options.l2 >= 0 else {
      throw TrainingError.invalidOptions("regularization rates cannot be negative")
    }
    guard !model.layers.isEmpty else {
      throw TrainingError.incompatibleData("\(model.name) has no layers to train")
    }
    guard data.count > 0 else {
      throw TrainingError.incompatibleData("\(data.name) has no samples")
    }
    for set in [data] + (options.validation.map { [$0] } ?? []) {
      guard set.sampleShape == model.inputShape else {
        throw TrainingError.incompatibleData(
          "\(model.name) takes samples of shape \(Tensor.describe(model.inputShape)), but "
            + "\(set.name) has samples of shape \(Tensor.describe(set.sampleShape))")
      }
    }
    try checkResources(model, data, options)
    if let problem = LossCompatibility.problem(
      loss: options.loss, lossGiven: true, output: LossCompatibility.Output(of: model),
      targets: LossCompatibility.Targets(of: data), dataName: data.name)
    {
      throw TrainingError.incompatibleLoss(problem)
    }
  }
}
