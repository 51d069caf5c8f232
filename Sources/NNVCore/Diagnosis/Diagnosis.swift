/// Looks for the usual problems of a network on its data and says what to change.
///
/// Each check is a function of its own (`Diagnosis.Check`) over the model, its data, the
/// validation data and the model's training history; each reports a finding only when the
/// evidence is clear, so a healthy network gets none. The thresholds are named constants in
/// each check's file, each with the reason for its value.
public enum Diagnosis {
  /// The checks, in the order they run and are listed.
  public enum Check: String, Sendable, CaseIterable {
    case outputLoss = "output and loss"
    case units = "dead and saturated units"
    case gradients = "gradient flow"
    case fitting = "over- and underfitting"
    case learningRate = "learning rate"
    case inputScale = "input scale"
    case classBalance = "class balance"
    case confusion = "confused classes"
    case capacity = "model size"

    /// How it is named in the list of what was checked.
    public var title: String { rawValue }

    /// Runs the check on `subject`.
    ///
    /// - Throws: `CancellationError`, or an error of the core when the model cannot run on
    ///   the data.
    public func run(_ subject: Subject) throws -> Outcome {
      switch self {
      case .outputLoss: OutputLossCheck.run(subject)
      case .units: try UnitActivityCheck.run(subject)
      case .gradients: try GradientFlowCheck.run(subject)
      case .fitting: try FittingCheck.run(subject)
      case .learningRate: LearningRateCheck.run(subject)
      case .inputScale: try InputScaleCheck.run(subject)
      case .classBalance: ClassBalanceCheck.run(subject)
      case .confusion: try ConfusionCheck.run(subject)
      case .capacity: CapacityCheck.run(subject)
      }
    }
  }

  /// What one check did: its findings (none when all was well), or why it could not look.
  public enum Outcome: Sendable, Equatable {
    case checked([Finding])
    /// The check does not apply, or lacks what it needs (`net has no training history`).
    case skipped(String)

    /// The findings, none when skipped.
    public var findings: [Finding] {
      if case .checked(let findings) = self { return findings }
      return []
    }
  }

  /// A check that did not look, and why.
  public struct Skipped: Sendable, Equatable {
    public var check: Check
    public var reason: String

    public init(check: Check, reason: String) {
      self.check = check
      self.reason = reason
    }
  }

  /// Everything a diagnosis found and what it looked at.
  public struct Report: Sendable, Equatable {
    /// The model's and the data's names (`net`, `train`), and the validation data's.
    public var model: String
    public var data: String
    public var validation: String?
    /// Every finding, the most serious first.
    public var findings: [Finding]
    /// The checks that looked, and those that could not, with the reason.
    public var checked: [Check]
    public var skipped: [Skipped]

    public init(
      model: String, data: String, validation: String? = nil, findings: [Finding],
      checked: [Check], skipped: [Skipped] = []
    ) {
      self.model = model
      self.data = data
      self.validation = validation
      self.findings = findings
      self.checked = checked
      self.skipped = skipped
    }

    /// The findings with this code.
    public func findings(_ code: Finding.Code) -> [Finding] {
      findings.filter { $0.code == code }
    }
  }

  /// Runs every check on `model` with its training `data` (and held-out `validation` data).
  ///
  /// - Throws: `TrainingError.incompatibleData` when the model has no layers, the data has no
  ///   samples, or a data set's samples do not fit the model; `CancellationError`.
  public static func run(
    _ model: Sequential, on data: Dataset, validation: Dataset? = nil
  ) throws -> Report {
    let subject = try Subject(model, on: data, validation: validation)
    var findings: [Finding] = []
    var checked: [Check] = []
    var skipped: [Skipped] = []
    for check in Check.allCases {
      try Cancellation.check()
      switch try check.run(subject) {
      case .checked(let found):
        checked.append(check)
        findings += found
      case .skipped(let reason):
        skipped.append(Skipped(check: check, reason: reason))
      }
    }
    return Report(
      model: model.name, data: data.name, validation: validation?.name,
      findings: ordered(findings), checked: checked, skipped: skipped)
  }

  /// Findings by severity, then by code, keeping the order of a check's own findings.
  static func ordered(_ findings: [Finding]) -> [Finding] {
    findings.enumerated().sorted { a, b in
      (a.element.severity, a.element.code, a.offset) < (
        b.element.severity, b.element.code, b.offset
      )
    }.map(\.element)
  }
}
