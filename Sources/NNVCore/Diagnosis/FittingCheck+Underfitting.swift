extension FittingCheck {
  /// Underfitting: at the end of the run the training accuracy is near chance, or the
  /// training loss near the loss of guessing (for numbers to predict, the targets'
  /// variance), and the loss has stopped falling. A loss still falling steadily is a learning
  /// rate too low, and one far worse than guessing a rate too high (`LearningRateCheck`):
  /// neither is reported here.
  static func underfitting(_ subject: Diagnosis.Subject) -> Finding? {
    let losses = subject.losses
    guard let change = flatness(losses), change <= flatChange,
      !LearningRateCheck.fallsSteadily(losses)
    else { return nil }
    let loss = tail(losses).mean
    let guess = subject.guessingLoss.flatMap { $0 > 0 ? $0 : nil }
    if let guess, loss > LearningRateCheck.worseThanGuessing * guess { return nil }
    let accuracies = subject.run.compactMap { $0.accuracy.map(Double.init) }
    let accuracy = accuracies.isEmpty ? nil : tail(accuracies).mean
    let chance = subject.data.isClassification ? chance(subject.data) : nil
    var nearChance = false
    if let accuracy, let chance { nearChance = accuracy <= chance + chanceMargin * (1 - chance) }
    let nearGuessing = guess.map { loss >= guessingShare * $0 } ?? false
    guard nearChance || nearGuessing else { return nil }
    var evidence = [Finding.Evidence("loss", loss)]
    let n = Diagnosis.number
    var message =
      "After \(Diagnosis.counted(subject.run.count, "epoch")) the training loss is \(n(loss))"
    if let guess {
      evidence.append(.init("guessing_loss", guess))
      message +=
        subject.data.isClassification
        ? ", near the \(n(guess)) of guessing from the class frequencies"
        : ", near the \(n(guess)) of always predicting the mean"
    }
    if let accuracy, let chance {
      evidence += [.init("accuracy", accuracy), .init("chance", chance)]
      message +=
        ", and the accuracy \(Diagnosis.percent(accuracy)), where always answering the "
        + "largest class scores \(Diagnosis.percent(chance))"
    }
    evidence += [.init("loss_change", change), .init("epochs", Double(subject.run.count))]
    message +=
      "; the loss has stopped falling (it moved \(Diagnosis.percent(change)) over the "
      + "second half of the run): the model learns little of its data, being too simple for it, "
      + "or the inputs say little about the " + (chance == nil ? "targets." : "classes.")
    let hidden = subject.model.layers.filter { $0.parameterCount > 0 }.count > 1
    return Finding(
      .underfitting, .warning, evidence: evidence, message: message,
      suggestion: hidden
        ? "give the model more capacity: wider hidden layers (such as `dense 32 relu`), or one "
          + "more"
        : "add a hidden layer before the output, such as `dense 16 relu`")
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
