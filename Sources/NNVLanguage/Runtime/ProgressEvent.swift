/// Training progress reported to the output sink.
public struct ProgressEvent: Sendable, Equatable {
  public enum Phase: Sendable, Equatable {
    /// A batch ended (for a live bar).
    case batch
    /// An epoch ended and its metrics are known (sent every `every` epochs and for the last).
    case epoch
    /// Training ended.
    case finished
  }

  public var phase: Phase
  /// The model's name.
  public var model: String
  /// 1-based epoch and its total.
  public var epoch: Int
  public var epochs: Int
  /// 1-based batch within the epoch and the batches per epoch.
  public var batch: Int
  public var batches: Int
  /// The batch loss (phase `.batch`) or the epoch's mean loss.
  public var loss: Double
  public var accuracy: Double?
  public var validationLoss: Double?
  public var validationAccuracy: Double?
  /// Seconds since training started.
  public var elapsed: Double

  public init(
    phase: Phase, model: String, epoch: Int, epochs: Int, batch: Int, batches: Int,
    loss: Double, accuracy: Double? = nil, validationLoss: Double? = nil,
    validationAccuracy: Double? = nil, elapsed: Double
  ) {
    self.phase = phase
    self.model = model
    self.epoch = epoch
    self.epochs = epochs
    self.batch = batch
    self.batches = batches
    self.loss = loss
    self.accuracy = accuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.elapsed = elapsed
  }

  /// The fraction of all batches done, 0 to 1.
  public var fraction: Double {
    let total = Double(max(epochs * batches, 1))
    return min(1, max(0, Double((epoch - 1) * batches + batch) / total))
  }
}
