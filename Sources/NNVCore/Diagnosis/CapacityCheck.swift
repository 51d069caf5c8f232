/// A model much larger than its data: many more parameters than training targets, so it can
/// learn every sample by heart instead of the pattern.
public enum CapacityCheck {
  /// More parameters than this many per training target are reported. The dense networks
  /// that learn the teaching sets well have one to five per sample (the digits' 64-64-10
  /// network about 4); ten and more is room to memorize.
  public static let parametersPerTarget = 10.0

  /// The check: a finding when the model has more than `parametersPerTarget` parameters per
  /// target of its training data (per step for data with a target at every step).
  public static func run(_ subject: Diagnosis.Subject) -> Diagnosis.Outcome {
    let model = subject.model
    let targets = subject.data.count * subject.data.targetsPerSample
    let parameters = model.parameterCount
    guard targets > 0 else { return .checked([]) }
    let ratio = Double(parameters) / Double(targets)
    guard ratio > parametersPerTarget else { return .checked([]) }
    let what = subject.data.hasStepTargets ? "target" : "sample"
    var fixes = ["a smaller model"]
    if let (written, smaller) = narrower(model) {
      fixes = ["a smaller model (`\(smaller)` instead of `\(written)`)"]
    }
    fixes += ["more data", "`dropout 0.2` and a weight penalty (`l2 0.001`)"]
    return .checked([
      Finding(
        .modelTooLarge, .warning,
        evidence: [
          .init("parameters", Double(parameters)), .init("\(what)s", Double(targets)),
          .init("ratio", ratio),
        ],
        message: "\(model.name) has \(ResourceLimit.grouped(parameters)) parameters for "
          + "\(Diagnosis.counted(targets, "training \(what)")) (\(Diagnosis.number(ratio.rounded())) "
          + "per \(what)): it can learn every \(what) by heart instead of the pattern.",
        suggestion: Diagnosis.alternatives(fixes))
    ])
  }

  /// The layer of neurons (a dense layer) with the most parameters, as written, and with a
  /// quarter of its units.
  static func narrower(_ model: Sequential) -> (String, String)? {
    let dense = model.layers.enumerated().filter { $0.element.presentation.diagram == .neurons }
    guard
      let (index, layer) = dense.max(by: { $0.element.parameterCount < $1.element.parameterCount }),
      let written = layer.written(), let units = model.outputShapes[index].last, units >= 8
    else { return nil }
    var words = written.split(separator: " ").map(String.init)
    guard words.count >= 2, words[1] == "\(units)" else { return nil }
    words[1] = "\(units / 4)"
    return (written, words.joined(separator: " "))
  }
}
