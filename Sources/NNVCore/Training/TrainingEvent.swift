/// What the trainer reports to its observer as training goes on.
public enum TrainingEvent: Sendable {
  /// A batch has been trained on. `batch` counts from 1 within the epoch.
  case batchEnded(epoch: Int, batch: Int, batches: Int, loss: Float)
  /// An epoch has ended; the metrics are also appended to the model's history.
  case epochEnded(EpochMetrics, epochs: Int)
  /// The model as it is now, sent right after an event the observer answered with `.inspect`:
  /// its parameters are those of the last finished batch and its history holds every finished
  /// epoch (a live view draws it). The answer to it says whether training goes on.
  case inspected(Sequential)
}

/// The observer's answer: go on, or stop after the current batch (Ctrl-C, a live plot closed).
public enum TrainingControl: Sendable {
  case proceed
  case stop
  /// Go on after showing the observer the model as it is now (`TrainingEvent.inspected`).
  /// The model is a copy that shares the parameters' storage, so asking costs one copy of the
  /// parameters on the next step, not on every batch.
  case inspect
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
