/// What the sign of an attribution means, in the words a chart's legend uses.
///
/// For a classifier's class score a positive attribution is evidence for the class; for a
/// single output (a regression, or a sigmoid unit's score) it raises the output.
public struct SignMeaning: Sendable, Equatable {
  /// What a positive value does (`for the class`).
  public var positive: String
  /// What a negative value does (`against`).
  public var negative: String

  public init(positive: String, negative: String) {
    self.positive = positive
    self.negative = negative
  }

  /// Evidence for or against the explained class.
  public static let classEvidence = SignMeaning(positive: "for the class", negative: "against")
  /// Pushing a single output up or down.
  public static let output = SignMeaning(positive: "raises the output", negative: "lowers it")
}
