/// The class pairs a trained classifier mixes up most, on the validation data when given,
/// else on its training data.
public enum ConfusionCheck {
  /// A pair is reported when at least this share of one class's samples are taken for one
  /// other class: a healthy classifier spreads its few mistakes over several classes.
  public static let confusedShare = 0.2
  /// ... and at least this many of them, so that one sample of a tiny class is not a pair.
  public static let confusedMinimum = 3
  /// The most pairs one finding names.
  public static let pairsShown = 3
  /// The most samples evaluated, spread over the data.
  static let evaluationLimit = 4096

  /// One class taken for another.
  public struct Pair: Sendable, Equatable {
    /// The class the samples belong to, and the one they were taken for, from 0.
    public var actual: Int
    public var predicted: Int
    /// How many of the class's samples were taken for the other, and the class's samples.
    public var count: Int
    public var total: Int
    public var share: Double { Double(count) / Double(Swift.max(total, 1)) }
  }

  /// The pairs of `counts` at or above `confusedShare` and `confusedMinimum`, most confused
  /// first.
  public static func pairs(_ counts: ConfusionCounts) -> [Pair] {
    var pairs: [Pair] = []
    for (a, row) in counts.counts.enumerated() {
      let total = row.reduce(0, +)
      for (p, count) in row.enumerated() where p != a && count >= confusedMinimum {
        let pair = Pair(actual: a, predicted: p, count: count, total: total)
        if pair.share >= confusedShare { pairs.append(pair) }
      }
    }
    return pairs.sorted { ($0.share, $0.count) > ($1.share, $1.count) }
  }

  /// The check: a note naming the most confused pairs; skipped for numbers to predict, for
  /// two classes (every mistake is then between them: accuracy says it), for the next
  /// character of a text (a rare character is always taken for a common one), an
  /// untrained model, or an output that does not fit the data. A classifier near chance
  /// confuses every class, which is underfitting (`FittingCheck`), not a pair.
  public static func run(_ subject: Diagnosis.Subject) throws -> Diagnosis.Outcome {
    let model = subject.model
    let data = subject.validation ?? subject.data
    guard data.isClassification else { return .skipped("\(data.name) holds no classes") }
    guard data.classNames.count >= 3 else {
      return .skipped("with two classes every mistake is between them")
    }
    guard data.vocabulary == nil else {
      return .skipped("the next character of a text is uncertain by nature")
    }
    guard !model.history.epochs.isEmpty else {
      return .skipped("\(model.name) has not been trained, so its mistakes mean nothing yet")
    }
    guard subject.lossProblem == nil else {
      return .skipped("the output layer does not fit \(subject.data.name)")
    }
    let part = try data.subset(Diagnosis.Subject.spread(data.count, limit: evaluationLimit))
    let counts = try ConfusionCounts(model, on: part)
    guard let accuracy = counts.accuracy, let chance = FittingCheck.chance(part),
      accuracy > chance + FittingCheck.chanceMargin * (1 - chance)
    else { return .checked([]) }
    let pairs = pairs(counts)
    guard let worst = pairs.first else { return .checked([]) }
    let names = data.classNames
    func name(_ k: Int) -> String { k < names.count ? names[k] : "\(k)" }
    let described = pairs.prefix(pairsShown).map {
      "`\(name($0.actual))` for `\(name($0.predicted))` in \($0.count) of \($0.total) "
        + "(\(Diagnosis.percent($0.share)))"
    }
    let more =
      described.dropFirst().isEmpty ? "" : "; also " + described.dropFirst().joined(separator: ", ")
    return .checked([
      Finding(
        .confusedClasses, .note,
        evidence: [
          .init("actual", Double(worst.actual)), .init("predicted", Double(worst.predicted)),
          .init("count", Double(worst.count)), .init("share", worst.share),
          .init("pairs", Double(pairs.count)),
        ],
        message: "On \(data.name), \(model.name) takes \(described[0])\(more).",
        suggestion: "look at the matrix (`confusion \(model.name) on \(data.name)`) and at what "
          + "the model relies on (`saliency \(model.name) on \(data.name)`)")
    ])
  }
}
