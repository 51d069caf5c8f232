/// The metrics of one epoch of training.
public struct EpochMetrics: Sendable, Equatable, Codable {
  /// Which training run of the model this epoch belongs to (1 for the first `train`).
  public var run: Int
  /// The epoch number within the run, from 1.
  public var epoch: Int
  /// The mean training loss over the epoch's batches (including any regularization penalty).
  public var loss: Float
  /// The fraction of training samples classified correctly during the epoch.
  public var accuracy: Float?
  /// The loss on the validation set after the epoch.
  public var validationLoss: Float?
  /// The accuracy on the validation set after the epoch.
  public var validationAccuracy: Float?
  /// Each parameter tensor's distribution after the epoch (`weights net over epochs`).
  public var weights: [WeightDistribution]?
  /// The optimizer and its settings during the epoch (`adam(lr: 0.01)`), to tell runs apart.
  public var optimizer: String?
  /// The loss minimized during the epoch; `evaluate` reports the same one by default.
  public var lossFunction: Loss?

  public init(
    run: Int, epoch: Int, loss: Float, accuracy: Float? = nil, validationLoss: Float? = nil,
    validationAccuracy: Float? = nil, weights: [WeightDistribution]? = nil
  ) {
    self.run = run
    self.epoch = epoch
    self.loss = loss
    self.accuracy = accuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.weights = weights
  }
}

/// Every epoch a model has been trained for, kept with the model (and saved with it).
public struct TrainingHistory: Sendable, Equatable, Codable {
  /// The epochs, oldest first.
  public var epochs: [EpochMetrics] = []

  public init(epochs: [EpochMetrics] = []) { self.epochs = epochs }

  /// The number of training runs recorded.
  public var runCount: Int { epochs.last?.run ?? 0 }

  /// The most recent epoch, if any.
  public var last: EpochMetrics? { epochs.last }

  /// The most epochs that keep their weight distributions; see `thinWeightDistributions`.
  public static let weightDistributionLimit = 256

  /// Appends an epoch and keeps the weight distributions thinned, in amortized constant time.
  ///
  /// The kept epochs stay those `thinWeightDistributions` keeps: every `stride`-th epoch from
  /// the first, and the newest. When the history outgrows the limit, the stride doubles and
  /// every other kept epoch is dropped, a pass over at most `limit` epochs that happens each
  /// time the history doubles in length. The history must already be thinned with the same
  /// `limit` (the trainer thins once before a run).
  public mutating func append(_ metrics: EpochMetrics, limit: Int = weightDistributionLimit) {
    let before = TrainingHistory.stride(count: epochs.count, limit: limit)
    epochs.append(metrics)
    let n = epochs.count
    let stride = TrainingHistory.stride(count: n, limit: limit)
    // The previous newest epoch was kept for being the newest; now it must be on the stride.
    if n >= 2, (n - 2) % stride != 0 { epochs[n - 2].weights = nil }
    guard stride > before else { return }
    for index in Swift.stride(from: before, to: n - 1, by: before) where index % stride != 0 {
      epochs[index].weights = nil
    }
  }

  /// Keeps the weight distributions of at most `limit` epochs, as TensorBoard keeps a sample
  /// of its histograms: those of every `stride`-th epoch from the first, where `stride` is the
  /// smallest power of two that leaves at most `limit − 1` of them, and of the newest epoch.
  /// Long runs so keep an even spread over their epochs and files stay small.
  public mutating func thinWeightDistributions(limit: Int = weightDistributionLimit) {
    guard let newest = epochs.indices.last else { return }
    let stride = TrainingHistory.stride(count: epochs.count, limit: limit)
    guard stride > 1 else { return }
    for index in 0..<newest where index % stride != 0 { epochs[index].weights = nil }
  }

  /// The spacing of kept distributions in a history of `count` epochs: the smallest power of
  /// two whose multiples below `count` number at most `limit − 1`, leaving room for the newest.
  static func stride(count: Int, limit: Int) -> Int {
    let slots = Swift.max(1, limit - 1)
    var stride = 1
    // ⌈count / stride⌉ multiples of `stride` lie in 0..<count.
    while count > 0, (count - 1) / stride + 1 > slots { stride *= 2 }
    return stride
  }
}
