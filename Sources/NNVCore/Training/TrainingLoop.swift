/// The state of one `Trainer.train` call while it runs: what stays fixed over the run, and the
/// parameters, random draws and progress that the epochs carry on.
///
/// The loop owns the parameters; the model gets them back after every epoch. After the first
/// step the loop's buffers are uniquely referenced, so the optimizer updates them in place.
struct TrainingLoop {
  /// The training loss and correct predictions summed over an epoch's batches.
  struct Tally {
    var lossSum = 0.0
    var correct = 0
  }

  let data: Dataset
  let targets: Tensor
  let validationTargets: Tensor?
  let optimizer: any Optimizer
  let options: TrainingOptions
  let observer: ((TrainingEvent) -> TrainingControl)?
  /// Whether the loss absorbs the last layer's activation and is given its logits.
  let fused: Bool
  /// The number of this run in the model's history.
  let run: Int
  let batchSize: Int
  let batches: Int
  /// For every layer, which of its parameters the regularization penalizes (the weights).
  let regularized: [[Bool]]
  var context: ForwardContext
  var parameters: [[Tensor]]
  /// Batches finished in the current epoch: where a cancelled run stops.
  var finished = 0

  /// Prepares a run of `model` on `data`; the options must have passed `Trainer.check`.
  init(
    _ model: Sequential, data: Dataset, optimizer: any Optimizer, options: TrainingOptions,
    observer: ((TrainingEvent) -> TrainingControl)?
  ) throws {
    self.data = data
    targets = try data.targets(outputShape: model.outputShape)
    validationTargets = try options.validation.map {
      try $0.targets(outputShape: model.outputShape)
    }
    self.optimizer = optimizer
    self.options = options
    self.observer = observer
    fused =
      options.loss.fusedActivation != nil
      && model.layers.last?.activation == options.loss.fusedActivation
    run = model.history.runCount + 1  // below Int.max: see `Trainer.check`
    let n = data.count
    batchSize = Swift.min(options.batchSize, n)
    batches = n / batchSize + (n % batchSize == 0 ? 0 : 1)
    context = ForwardContext(
      isTraining: true, random: RandomGenerator(seed: options.seed &+ 0x5EED))
    parameters = model.parameters
    regularized = model.layers.map(\.weightFlags)
  }

  /// Where a cancelled run stops; the model gets the weights of the last finished batch.
  func stopped(_ epoch: Int, model: inout Sequential) -> TrainingOutcome {
    model.parameters = parameters
    // No batch of this epoch finished: the run stopped at the end of the one before.
    return finished == 0 && epoch > 1
      ? .stopped(epoch: epoch - 1, batch: batches) : .stopped(epoch: epoch, batch: finished)
  }

  /// One epoch: nil when it finished and training goes on.
  mutating func epoch(_ epoch: Int, model: inout Sequential) throws -> TrainingOutcome? {
    finished = 0
    let n = data.count
    let epochStart = parameters
    var shuffler = RandomGenerator(seed: options.seed &+ UInt64(epoch - 1))
    let order = options.shuffle ? try shuffler.cancellablePermutation(n) : Array(0..<n)
    var tally = Tally()
    for b in 0..<batches {
      let indices = order[(b * batchSize)..<min((b + 1) * batchSize, n)]
      if let outcome = try batch(
        b, indices, epoch: epoch, epochStart: epochStart, tally: &tally, model: &model)
      {
        return outcome
      }
    }
    return try endEpoch(epoch, tally, epochStart: epochStart, model: &model)
  }

  /// One gradient step on the samples at `indices`, batch `b` (from 0) of the epoch: nil when
  /// training goes on.
  mutating func batch(
    _ b: Int, _ indices: ArraySlice<Int>, epoch: Int, epochStart: [[Tensor]],
    tally: inout Tally, model: inout Sequential
  ) throws -> TrainingOutcome? {
    let x = data.features.gatheringRowsUnchecked(indices)
    let y = targets.gatheringRowsUnchecked(indices)
    var (loss, gradients, output) = try Trainer.step(
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
    if let clip = options.clip { GradientClipping.clip(&gradients, to: clip) }
    optimizer.update(&parameters, along: gradients)
    finished = b + 1
    tally.lossSum += Double(loss) * Double(indices.count)
    if data.isClassification { tally.correct += correctPredictions(output, indices) }
    let event = TrainingEvent.batchEnded(epoch: epoch, batch: b + 1, batches: batches, loss: loss)
    if notify(event, model: model) == .stop {
      model.parameters = parameters
      return .stopped(epoch: epoch, batch: b + 1)
    }
    return nil
  }

  /// The end of an epoch whose batches all finished: the model gets the parameters, which are
  /// checked, then validated, recorded and reported. Nil when training goes on.
  func endEpoch(
    _ epoch: Int, _ tally: Tally, epochStart: [[Tensor]], model: inout Sequential
  ) throws -> TrainingOutcome? {
    let n = data.count
    model.parameters = parameters
    if let problem = Trainer.instability(model) {
      model.parameters = epochStart
      return .unstable(epoch: epoch, restoredEpoch: epoch, problem: problem)
    }
    // With a target at every step, every step counts (the labels are n × steps then).
    let predictions = Swift.max(data.labels.count, 1)
    var metrics = EpochMetrics(
      run: run, epoch: epoch, loss: Float(tally.lossSum / Double(n)),
      accuracy: data.isClassification ? Float(tally.correct) / Float(predictions) : nil)
    // Cancelled during validation, the epoch is still kept, without validation metrics.
    var cancelled = false
    do {
      if let problem = try validate(model, into: &metrics) {
        model.parameters = epochStart
        return .unstable(epoch: epoch, restoredEpoch: epoch, problem: problem)
      }
    } catch is CancellationError {
      cancelled = true
    }
    for recorder in options.recorders { recorder.record(model, &metrics) }
    metrics.optimizer = optimizer.description
    metrics.lossFunction = options.loss
    model.history.append(metrics)
    if notify(.epochEnded(metrics, epochs: options.epochs), model: model) == .stop || cancelled {
      return .stopped(epoch: epoch, batch: batches)
    }
    return nil
  }

  /// Tells the observer about `event`: its answer, or when it asks to inspect, its answer to
  /// the model as it is now (`model` with the parameters of the last finished batch).
  func notify(_ event: TrainingEvent, model: Sequential) -> TrainingControl {
    guard let observer else { return .proceed }
    let answer = observer(event)
    guard answer == .inspect else { return answer }
    var current = model
    current.parameters = parameters
    return observer(.inspected(current)) == .stop ? .stop : .proceed
  }

  /// How many of the classes `output` predicts for the samples at `indices` are right: one
  /// for each sample, or for each step of each sample with a target at every step.
  func correctPredictions(_ output: Tensor, _ indices: ArraySlice<Int>) -> Int {
    let steps = data.targetsPerSample
    let predicted = Metrics.predictedClasses(
      output, fromLogits: fused, loss: options.loss, steps: steps)
    guard predicted.count == indices.count * steps else { return 0 }
    var correct = 0
    for (k, index) in indices.enumerated() {
      for t in 0..<steps where predicted[k * steps + t] == data.labels[index * steps + t] {
        correct += 1
      }
    }
    return correct
  }

  /// Measures the model on the validation data, if there is any, into `metrics`: the problem
  /// when the validation loss is NaN or infinite.
  func validate(_ model: Sequential, into metrics: inout EpochMetrics) throws -> String? {
    guard let validation = options.validation, let validationTargets else { return nil }
    let result = try Metrics.evaluate(
      model, on: validation, targets: validationTargets, loss: options.loss)
    metrics.validationLoss = result.loss
    metrics.validationAccuracy = result.accuracy
    guard result.loss.isFinite else {
      return "the validation loss became \(result.loss.isNaN ? "NaN" : "infinite")"
    }
    return nil
  }
}
