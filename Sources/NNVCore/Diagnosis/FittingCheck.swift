/// Overfitting and underfitting, read from the model's last training run.
///
/// Overfitting: the validation loss rose well above its best while the training loss kept
/// falling (or, without validation in the history, a large gap between the accuracy on the
/// training data and on the validation data given to `diagnose`). Underfitting: after the run
/// the training accuracy is still near what always answering the largest class scores (for
/// numbers to predict, the loss near the targets' variance), and the loss has stopped falling.
public enum FittingCheck {
  /// The fewest epochs in the last run for a trend to mean anything.
  public static let minimumEpochs = 5
  /// Overfitting: the validation loss at the end at least this fraction above its best, both
  /// averaged over as many epochs as the end of the run has. Ten per cent is more than the
  /// noise of a healthy run's averaged validation loss.
  public static let overfittingRise = 0.1
  /// ... and a rise of at least this fraction of the validation loss after the first epoch,
  /// so that a loss already near 0 moving a little is not reported: the spiral example's
  /// network, at 98% on its test data, wobbles between 0.02 and 0.06 from a start near 1.
  public static let overfittingScale = 0.1
  /// The end of a run is its last tenth, and at least this many epochs, averaged so that one
  /// noisy epoch neither makes nor hides a trend.
  public static let tailEpochs = 3
  /// Without validation in the history: training accuracy at least this much above the
  /// validation accuracy. A healthy model loses a few points on new data, not fifteen.
  public static let accuracyGap = 0.15
  /// Underfitting: a training accuracy (over the end of the run) at most this fraction of the
  /// way from chance (the largest class's share) to 1 ...
  public static let chanceMargin = 0.1
  /// ... or a training loss of at least this fraction of the loss of guessing
  /// (`Diagnosis.Subject.guessingLoss`): a model that explains less than a fifth of what
  /// guessing leaves open. A linear model on XOR stays at 99% of it; the moons' healthy
  /// networks end below a tenth.
  public static let guessingShare = 0.8
  /// A loss is flat when the last quarter of the run's mean differs from the second
  /// quarter's by at most this fraction.
  public static let flatChange = 0.02
  /// The most samples `diagnose` evaluates for an accuracy gap, spread over each data set.
  static let evaluationLimit = 4096

  /// The check: overfitting and underfitting findings; skipped for a model whose last run is
  /// shorter than `minimumEpochs`.
  ///
  /// - Throws: `CancellationError`.
  public static func run(_ subject: Diagnosis.Subject) throws -> Diagnosis.Outcome {
    if let shortfall = subject.historyShortfall(minimumEpochs) { return .skipped(shortfall) }
    return .checked([try overfitting(subject), underfitting(subject)].compactMap { $0 })
  }

  /// The mean of the last tenth of `values` (at least `tailEpochs` of them), and how many.
  static func tail(_ values: [Double]) -> (mean: Double, count: Int) {
    let count = Swift.min(values.count, Swift.max(tailEpochs, values.count / 10))
    guard count > 0 else { return (.nan, 0) }
    return (values.suffix(count).reduce(0, +) / Double(count), count)
  }

  /// Overfitting seen in the run's validation losses, else in an accuracy gap on the
  /// validation data given.
  static func overfitting(_ subject: Diagnosis.Subject) throws -> Finding? {
    let epochs = subject.run.filter { $0.validationLoss.map { $0.isFinite } ?? false }
    guard epochs.count >= minimumEpochs else { return try accuracyGap(subject) }
    let validation = epochs.map { Double($0.validationLoss ?? .nan) }
    let training = epochs.map { Double($0.loss) }
    guard let trend = trend(validation), let first = validation.first else { return nil }
    let rise = trend.end - trend.best
    // The training loss over the best window, against the end's.
    let window = training[trend.window]
    let trainingBest = window.reduce(0, +) / Double(window.count)
    let trainingEnd = tail(training).mean
    guard rise >= overfittingRise * trend.best, rise >= overfittingScale * first,
      trainingEnd < trainingBest,
      let best = trend.window.min(by: { validation[$0] < validation[$1] })
    else { return nil }
    let epoch = epochs[best].epoch
    let n = Diagnosis.number
    return Finding(
      .overfitting, .warning,
      evidence: [
        .init("best_epoch", Double(epoch)), .init("best_validation_loss", validation[best]),
        .init("final_validation_loss", trend.end), .init("final_training_loss", trainingEnd),
        .init("epochs", Double(subject.run.count)),
      ],
      message: "The validation loss was lowest at epoch \(epoch) (\(n(validation[best]))) and "
        + "rose to \(n(trend.end)) by the end, while the training loss fell from "
        + "\(n(training[best])) to \(n(trainingEnd)): the model learns its training samples "
        + "rather than the pattern.",
      suggestion: "train for about \(epoch) epochs (`epochs \(epoch)`), or add `dropout 0.2` "
        + "after a hidden layer, or a weight penalty (`l2 0.001`)")
  }

  /// The validation losses averaged over windows as long as the end of the run (`tail`):
  /// the lowest window before the end, its mean, and the end's mean. Averaging keeps one
  /// lucky epoch of a noisy validation loss from passing for its best. Nil when the run
  /// holds no window before its end.
  static func trend(_ values: [Double]) -> (window: Range<Int>, best: Double, end: Double)? {
    let (end, count) = tail(values)
    guard count > 0, values.count >= 2 * count else { return nil }
    var best: (window: Range<Int>, mean: Double)?
    for start in 0...(values.count - 2 * count) {
      let window = start..<(start + count)
      let mean = values[window].reduce(0, +) / Double(count)
      if mean < best?.mean ?? .infinity { best = (window, mean) }
    }
    return best.map { ($0.window, $0.mean, end) }
  }

  /// Overfitting seen as training accuracy well above the accuracy on the validation data
  /// given, for a classifier whose history has no validation.
  static func accuracyGap(_ subject: Diagnosis.Subject) throws -> Finding? {
    guard let validation = subject.validation, subject.data.isClassification,
      subject.lossProblem == nil
    else { return nil }
    func accuracy(_ data: Dataset) throws -> Double? {
      let part = try data.subset(Diagnosis.Subject.spread(data.count, limit: evaluationLimit))
      return try Metrics.evaluate(subject.model, on: part, loss: subject.loss).accuracy
        .map(Double.init)
    }
    guard let trained = try accuracy(subject.data), let held = try accuracy(validation),
      trained - held >= accuracyGap
    else { return nil }
    let p = Diagnosis.percent
    return Finding(
      .overfitting, .warning,
      evidence: [
        .init("training_accuracy", trained), .init("validation_accuracy", held),
        .init("gap", trained - held),
      ],
      message: "The accuracy is \(p(trained)) on \(subject.data.name) but \(p(held)) on "
        + "\(validation.name): the model learns its training samples rather than the pattern.",
      suggestion: "add `dropout 0.2` after a hidden layer or a weight penalty (`l2 0.001`), and "
        + "train with `validate \(validation.name)` to see the epoch where it starts")
  }
}
