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

  /// Keeps the weight distributions of at most `limit` epochs, as TensorBoard keeps a sample
  /// of its histograms: when there are more, every second one is dropped (the newest always
  /// stays), so long runs keep an even spread over their epochs and files stay small.
  public mutating func thinWeightDistributions(limit: Int = weightDistributionLimit) {
    var recorded = epochs.indices.filter { epochs[$0].weights != nil }
    while recorded.count > Swift.max(2, limit) {
      let newest = recorded.last
      for (k, index) in recorded.enumerated() where k % 2 == 1 && index != newest {
        epochs[index].weights = nil
      }
      recorded = epochs.indices.filter { epochs[$0].weights != nil }
    }
  }
}
