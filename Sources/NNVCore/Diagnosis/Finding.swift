/// One problem `Diagnosis` found: what it is, how bad, where, the numbers that show it, and
/// what to change, written in nnv's own syntax.
///
/// A finding is plain data so that the text view, the SVG, a script (as a record) and a later
/// report can all show it without knowing which check made it.
public struct Finding: Sendable, Equatable {
  /// What was found: a stable name that scripts and tests compare (`dead-units`).
  public enum Code: String, Sendable, CaseIterable, Comparable {
    case outputLoss = "output-loss"
    case deadUnits = "dead-units"
    case saturatedUnits = "saturated-units"
    case vanishingGradients = "vanishing-gradients"
    case explodingGradients = "exploding-gradients"
    case overfitting
    case underfitting
    case learningRateTooHigh = "lr-too-high"
    case learningRateTooLow = "lr-too-low"
    case unscaledInputs = "unscaled-inputs"
    case classImbalance = "class-imbalance"
    case confusedClasses = "confused-classes"
    case modelTooLarge = "model-too-large"

    /// Codes in the order they are declared, which is the order findings of one severity
    /// are listed in.
    public static func < (a: Code, b: Code) -> Bool {
      (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
  }

  /// How much a finding matters, most serious first.
  public enum Severity: Int, Sendable, CaseIterable, Comparable {
    /// The model cannot learn as it is (a loss that does not fit, a diverging run).
    case error
    /// The model learns worse than it could (dead units, overfitting, unscaled inputs).
    case warning
    /// Worth knowing when reading the results (imbalanced classes, confused pairs).
    case note

    /// The word shown and returned to scripts: `error`, `warning`, `note`.
    public var name: String {
      switch self {
      case .error: "error"
      case .warning: "warning"
      case .note: "note"
      }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
  }

  /// A named number that shows the problem (`dead 12`, `units 16`).
  public struct Evidence: Sendable, Equatable {
    /// A lowercase name with underscores, usable as a record field (`best_epoch`).
    public var name: String
    public var value: Double

    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }

  public var code: Code
  public var severity: Severity
  /// The layer it concerns (`dense_1`), if it concerns one.
  public var layer: String?
  /// The numbers behind it, in the order they are best read.
  public var evidence: [Evidence]
  /// One sentence saying what is wrong, with its numbers.
  public var message: String
  /// What to change, in nnv syntax (`dense 16 leaky_relu`, `lr 0.001`, `standardize true`).
  public var suggestion: String

  public init(
    _ code: Code, _ severity: Severity, layer: String? = nil, evidence: [Evidence],
    message: String, suggestion: String
  ) {
    self.code = code
    self.severity = severity
    self.layer = layer
    self.evidence = evidence
    self.message = message
    self.suggestion = suggestion
  }

  /// The value of the evidence called `name`, if there is one.
  public subscript(evidence name: String) -> Double? {
    evidence.first { $0.name == name }?.value
  }
}
