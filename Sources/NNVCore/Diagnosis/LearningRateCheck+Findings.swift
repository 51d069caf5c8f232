extension LearningRateCheck {
  /// The evidence every learning-rate finding ends with: the epochs, and the rate when the
  /// history names it.
  static func evidence(
    _ subject: Diagnosis.Subject, _ more: [Finding.Evidence]
  ) -> [Finding.Evidence] {
    more + [.init("epochs", Double(subject.run.count))]
      + (subject.learningRate.map { [.init("lr", $0)] } ?? [])
  }

  /// What to retrain with: a tenth of the rate.
  static func smaller(_ subject: Diagnosis.Subject) -> String {
    subject.learningRate.map { "retrain with `lr \(Diagnosis.number($0 / 10))` (a tenth)" }
      ?? "retrain with a tenth of the learning rate (`lr`)"
  }

  /// A loss that rose, is not finite, or ended worse than `guess`.
  static func diverging(
    _ subject: Diagnosis.Subject, first: Double, last: Double, guess: Double? = nil
  ) -> Finding {
    let n = Diagnosis.number
    var more = [Finding.Evidence("first_loss", first), .init("last_loss", last)]
    var message = "The training loss went from \(n(first)) in the first epoch to \(n(last))"
    if let guess {
      more.append(.init("guessing_loss", guess))
      message += ", worse than the \(n(guess)) of guessing from the class frequencies"
      if !subject.data.isClassification {
        message =
          "The training loss went from \(n(first)) in the first epoch to \(n(last)), "
          + "worse than the \(n(guess)) of always predicting the mean"
      }
    }
    return Finding(
      .learningRateTooHigh, .error, evidence: evidence(subject, more),
      message: message + ": it diverges, each step overshooting the minimum.",
      suggestion: smaller(subject) + ", or clip the gradients (`clip 1`)")
  }

  static func oscillating(
    _ subject: Diagnosis.Subject, _ oscillation: (share: Double, size: Double)
  ) -> Finding {
    let scale = subject.guessingLoss == nil ? "its first epoch's" : "the loss of guessing"
    return Finding(
      .learningRateTooHigh, .warning,
      evidence: evidence(
        subject, [.init("rising_share", oscillation.share), .init("rise", oscillation.size)]),
      message: "The training loss went up in \(Diagnosis.percent(oscillation.share)) of the "
        + "epochs, on average by \(Diagnosis.percent(oscillation.size)) of \(scale): it jumps "
        + "around the minimum instead of settling.",
      suggestion: smaller(subject) + ", or use a larger `batch`")
  }

  static func tooLow(_ subject: Diagnosis.Subject, first: Double, last: Double) -> Finding {
    let n = Diagnosis.number
    return Finding(
      .learningRateTooLow, .warning,
      evidence: evidence(subject, [.init("first_loss", first), .init("last_loss", last)]),
      message: "The training loss fell only from \(n(first)) to \(n(last)) in "
        + "\(Diagnosis.counted(subject.run.count, "epoch")), in a straight line that is not "
        + "slowing: the steps are too small to get far.",
      suggestion: subject.learningRate.map { "retrain with `lr \(n($0 * 10))` (10 times larger)" }
        ?? "retrain with a 10 times larger learning rate (`lr`)")
  }
}
