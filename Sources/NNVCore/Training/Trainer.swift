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
  /// The largest global norm of a step's gradients: larger ones are scaled down to it before
  /// the optimizer's step (`GradientClipping`); nil for no clipping.
  public var clip: Float?

  public init(
    epochs: Int = 10, batchSize: Int = 32, loss: Loss, seed: UInt64 = 7, shuffle: Bool = true,
    l1: Float = 0, l2: Float = 0, validation: Dataset? = nil,
    recorders: [EpochRecorder] = [.weightDistributions], clip: Float? = nil
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
    self.clip = clip
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
  /// the epoch's metrics. The observer is called after every batch and every epoch; it may ask
  /// to see the model as it is (`.inspect`, for a live view, which leaves the weights the same
  /// bit for bit) or stop training, and the model then keeps the weights of the last finished
  /// batch. So does a cancelled `Cancellation` token (Ctrl-C), which is polled inside every
  /// forward and backward pass and validation. A loss that becomes NaN or infinite stops
  /// training and restores the weights from the start of that epoch, and so do weights that
  /// become NaN, infinite or larger than `largestWeight`, and a validation loss that becomes NaN
  /// or infinite (see `TrainingOutcome`).
  ///
  /// - Throws: `TrainingError` when the options or data do not fit the model; the model is
  ///   unchanged then.
  @discardableResult
  public static func train(
    _ model: inout Sequential, on data: Dataset, optimizer: any Optimizer,
    options: TrainingOptions, observer: ((TrainingEvent) -> TrainingControl)? = nil
  ) throws -> TrainingOutcome {
    try check(model, data, options)
    var loop = try TrainingLoop(
      model, data: data, optimizer: optimizer, options: options, observer: observer)
    // The history is thinned as it grows; one full pass puts a loaded history in order first.
    model.history.thinWeightDistributions()
    for epoch in 1...options.epochs {
      do {
        if let outcome = try loop.epoch(epoch, model: &model) { return outcome }
      } catch is CancellationError {
        return loop.stopped(epoch, model: &model)
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
    let gradients = try tape.cancellableGradients(of: value)
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
    if let clip = options.clip, !(clip > 0 && clip.isFinite) {
      throw TrainingError.invalidOptions(
        "gradients are clipped to a norm more than 0, not \(clip)")
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
