extension FittingCheck {
  /// Underfitting: after the run the training accuracy is near chance (for numbers to predict,
  /// the loss near the targets' variance) and the loss has stopped falling. A loss still
  /// falling steadily is a learning rate too low, and one far worse than guessing a rate too
  /// high (`LearningRateCheck`): neither is reported here.
  static func underfitting(_ subject: Diagnosis.Subject) -> Finding? {
    let losses = subject.losses
    guard let last = subject.run.last, let change = flatness(losses), change <= flatChange,
      !LearningRateCheck.fallsSteadily(losses)
    else { return nil }
    if let guess = subject.guessingLoss,
      Double(last.loss) > LearningRateCheck.worseThanGuessing * guess
    {
      return nil
    }
    let hidden = subject.model.layers.filter { $0.parameterCount > 0 }.count > 1
    let fix =
      hidden
      ? "give the model more capacity (wider hidden layers such as `dense 32 relu`, or one more)"
      : "add a hidden layer before the output, such as `dense 16 relu`"
    let epochs = Diagnosis.counted(subject.run.count, "epoch")
    let flat = "the loss has stopped falling (it changed by \(Diagnosis.percent(change)) over "
    if subject.data.isClassification {
      guard let accuracy = last.accuracy.map(Double.init), let chance = chance(subject.data),
        accuracy <= chance + chanceMargin * (1 - chance)
      else { return nil }
      return Finding(
        .underfitting, .warning,
        evidence: [
          .init("accuracy", accuracy), .init("chance", chance), .init("loss_change", change),
          .init("epochs", Double(subject.run.count)),
        ],
        message: "After \(epochs) the training accuracy is \(Diagnosis.percent(accuracy)), "
          + "where always answering the largest class scores \(Diagnosis.percent(chance)), "
          + "and \(flat)the second half of the run): the model does not fit its data.",
        suggestion: fix)
    }
    guard subject.loss == .meanSquaredError, let variance = subject.guessingLoss,
      variance > 0, Double(last.loss) >= unexplainedVariance * variance
    else { return nil }
    return Finding(
      .underfitting, .warning,
      evidence: [
        .init("loss", Double(last.loss)), .init("variance", variance),
        .init("loss_change", change), .init("epochs", Double(subject.run.count)),
      ],
      message: "After \(epochs) the training loss is \(Diagnosis.number(Double(last.loss))), "
        + "about the \(Diagnosis.number(variance)) that always predicting the mean scores, "
        + "and \(flat)the second half of the run): the model does not fit its data.",
      suggestion: fix)
  }

  /// How much the loss moved late in the run: the relative difference between the mean of
  /// its second quarter and of its last quarter; nil for fewer than 4 epochs.
  static func flatness(_ losses: [Double]) -> Double? {
    let n = losses.count
    guard n >= 4 else { return nil }
    let middle = losses[(n / 4)..<(n / 2)]
    let end = losses[(n - n / 4)...]
    let a = middle.reduce(0, +) / Double(middle.count)
    let b = end.reduce(0, +) / Double(end.count)
    guard a > 0, a.isFinite, b.isFinite else { return nil }
    return abs(a - b) / a
  }

  /// The share of the largest class among the labels: the accuracy of always answering it.
  static func chance(_ data: Dataset) -> Double? {
    let counts = data.classCounts
    let total = counts.reduce(0, +)
    guard total > 0, let largest = counts.max() else { return nil }
    return Double(largest) / Double(total)
  }
}
