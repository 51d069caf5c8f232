/// What the trainer reports to its observer as training goes on.
public enum TrainingEvent: Sendable {
  /// A batch has been trained on. `batch` counts from 1 within the epoch.
  case batchEnded(epoch: Int, batch: Int, batches: Int, loss: Float)
  /// An epoch has ended; the metrics are also appended to the model's history.
  case epochEnded(EpochMetrics, epochs: Int)
}

/// The observer's answer: go on, or stop after the current batch (Ctrl-C, a live plot closed).
public enum TrainingControl: Sendable {
  case proceed
  case stop
}

/// How a training run ended.
public enum TrainingOutcome: Sendable, Equatable {
  /// All epochs ran.
  case completed(epochs: Int)
  /// The observer asked to stop; the weights are those after the last finished batch.
  case stopped(epoch: Int, batch: Int)
  /// The loss became NaN or infinite; the weights were restored to those at the start of
  /// `restoredEpoch`, the last ones known to be good.
  case diverged(epoch: Int, batch: Int, restoredEpoch: Int)
  /// After epoch `epoch` the weights were NaN, infinite or larger than
  /// `Trainer.largestWeight`, or the validation loss was NaN or infinite (`problem` says
  /// which); the weights were restored to those at the start of `restoredEpoch`.
  case unstable(epoch: Int, restoredEpoch: Int, problem: String)
}
