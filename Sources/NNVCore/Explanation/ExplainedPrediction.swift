import Foundation

/// What a model answers for one sample, read from its output: the class and the probabilities,
/// or the values of a regression. For a model that answers at every step of a sequence, the
/// answer at the last step.
public struct ExplainedPrediction: Sendable {
  /// The output row read: the model's output after its last activation (the last step's row
  /// when it answers at every step).
  public var output: [Float]
  /// The number of steps answered when the model answers at every step; nil otherwise.
  public var steps: Int?
  /// How the row is read (`ClassPrediction.reading`).
  public var reading: ClassPrediction.Reading
  /// The predicted class and its probability, or the value.
  public var prediction: ClassPrediction
  /// One probability per class when the outputs are probabilities (or logits of a classifier):
  /// two, 1 − p and p, for one sigmoid unit; nil for values.
  public var probabilities: [Double]?
  /// The class names, when known.
  public var classNames: [String]

  public init(
    output: [Float], steps: Int?, classifier: Bool, lastActivation: Activation?,
    classNames: [String]
  ) {
    self.output = output
    self.steps = steps
    self.classNames = classNames
    let reading = ClassPrediction.reading(
      lastActivation: lastActivation, outputs: output.count, classifier: classifier)
    self.reading = reading
    let row = output.map(Double.init)
    prediction = ClassPrediction(row, reading: reading)
    probabilities = Self.probabilities(row, reading: reading)
  }

  /// The probability of every class, from probabilities or from a classifier's logits.
  static func probabilities(_ row: [Double], reading: ClassPrediction.Reading) -> [Double]? {
    guard !row.isEmpty else { return nil }
    switch reading {
    case .values:
      return nil
    case .probabilities:
      return row.count == 1 ? [1 - row[0], row[0]] : row
    case .logits:
      if row.count == 1 {
        let p = 1 / (1 + exp(-row[0]))
        return [1 - p, p]
      }
      let top = row.max() ?? 0
      let e = row.map { exp($0 - top) }
      let total = e.reduce(0, +)
      return e.map { $0 / total }
    }
  }

  /// The name of class `label`: its name when known, else its number.
  public func className(_ label: Int) -> String {
    label >= 0 && label < classNames.count ? classNames[label] : "\(label)"
  }
}

/// The target of one sample and the loss of the model's answer against it.
public struct ExplainedTarget: Sendable {
  /// The target class (at the last step for a target at every step); nil for a regression.
  public var label: Int?
  /// The target values (the last step's row for a target at every step); nil for classes.
  public var values: [Float]?
  /// The loss, and its value for this sample (over every step for a target at every step),
  /// computed by the loss training minimizes, from the last layer's z when the loss absorbs
  /// its activation (`fromLogits`), as training does.
  public var loss: Loss
  public var value: Float
  public var fromLogits: Bool

  public init(label: Int?, values: [Float]?, loss: Loss, value: Float, fromLogits: Bool) {
    self.label = label
    self.values = values
    self.loss = loss
    self.value = value
    self.fromLogits = fromLogits
  }
}
