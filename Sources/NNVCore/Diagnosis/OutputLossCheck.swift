/// An output layer that does not fit the loss or the data: one softmax unit, categorical
/// cross-entropy on a single unit, binary cross-entropy without sigmoid, a number of outputs
/// that does not match the classes (`LossCompatibility`, the rule training applies).
///
/// The loss is the one the model was last trained with, else the default of its last layer,
/// so an untrained `dense 1 softmax` is reported, and so is a trained model given data with
/// other targets.
public enum OutputLossCheck {
  /// The check: an error finding with the fix when the output cannot learn with the loss.
  public static func run(_ subject: Diagnosis.Subject) -> Diagnosis.Outcome {
    guard let problem = subject.lossProblem else { return .checked([]) }
    let model = subject.model
    let last = model.layers.last { !$0.presentation.lossLooksPast }
    var evidence = [Finding.Evidence("output_units", Double(model.outputShape.reduce(1, *)))]
    if subject.data.isClassification {
      evidence.append(.init("classes", Double(subject.data.classNames.count)))
    }
    return .checked([
      Finding(
        .outputLoss, .error, layer: last?.name, evidence: evidence, message: problem.message,
        suggestion: problem.fix)
    ])
  }
}
