/// Classes of very different sizes in the training data, which a model can score well on by
/// neglecting the small ones.
public enum ClassBalanceCheck {
  /// The largest class at least this many times the smallest is a note: below it most models
  /// learn every class, and accuracy still says how well.
  public static let noteRatio = 4.0
  /// At least this many times is a warning: always answering the largest class already
  /// scores over 90% with two classes, so accuracy hides a neglected class.
  public static let warningRatio = 10.0

  /// The check: a finding when the largest class has at least `noteRatio` times the samples
  /// of the smallest (or the smallest has none); skipped for numbers to predict and for data
  /// with a class at every step (characters, depths), uneven by nature.
  public static func run(_ subject: Diagnosis.Subject) -> Diagnosis.Outcome {
    let data = subject.data
    guard data.isClassification else { return .skipped("\(data.name) holds no classes") }
    guard !data.hasStepTargets else {
      return .skipped("\(data.name) has a class at every step, uneven by nature")
    }
    let counts = data.classCounts
    guard counts.count >= 2, let large = counts.indices.max(by: { counts[$0] < counts[$1] }),
      let small = counts.indices.min(by: { counts[$0] < counts[$1] })
    else { return .checked([]) }
    let ratio = Double(counts[large]) / Double(Swift.max(counts[small], 0))
    guard ratio >= noteRatio else { return .checked([]) }
    let names = data.classNames
    let share = Double(counts[large]) / Double(Swift.max(counts.reduce(0, +), 1))
    let few =
      counts[small] == 0
      ? "`\(names[small])` has none"
      : "`\(names[small])` \(counts[small]), \(Diagnosis.number(ratio.rounded())) times fewer"
    return .checked([
      Finding(
        .classImbalance,
        ratio >= warningRatio ? .warning : .note,
        evidence: [
          .init("largest", Double(counts[large])), .init("smallest", Double(counts[small])),
          .init("ratio", ratio), .init("classes", Double(counts.count)),
        ],
        message:
          "In \(data.name), `\(names[large])` has \(Diagnosis.counted(counts[large], "sample")) "
          + "and \(few): always answering `\(names[large])` scores "
          + "\(Diagnosis.percent(share)).",
        suggestion: "judge the model by each class's recall (`confusion \(subject.model.name) on "
          + "\(data.name)`) rather than its accuracy, and gather more samples of "
          + "`\(names[small])` if you can")
    ])
  }
}
