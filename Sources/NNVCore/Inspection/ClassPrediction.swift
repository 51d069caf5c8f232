import Foundation

/// A model's answer for one sample, read from its output row: the predicted class and how sure
/// the model is of it, or, when the outputs are not probabilities, the output value itself.
public struct ClassPrediction: Sendable, Equatable {
  /// How an output row is read.
  public enum Reading: Sendable, Equatable {
    /// Probabilities: one unit's probability of class 1, or one probability per class.
    case probabilities
    /// Class scores before the last activation: one unit's score goes through a sigmoid,
    /// several through a softmax (computed stably, shifted by the largest score).
    case logits
    /// Not probabilities (a regression, or scores read as they are): one unit's value, or the
    /// largest of several with its class.
    case values
  }

  /// The predicted class: with one output, 1 when its probability is above 0.5 and else 0 (0
  /// when read as a value); with several, the largest output's (the first of equal ones).
  public var label: Int
  /// The probability of `label` when `isProbability`; else the output value (the largest one
  /// of several outputs).
  public var value: Double
  /// Whether `value` is a probability.
  public var isProbability: Bool

  public init(label: Int, value: Double, isProbability: Bool) {
    self.label = label
    self.value = value
    self.isProbability = isProbability
  }

  /// The probability of `label`, or nil when the outputs are not probabilities.
  public var probability: Double? { isProbability ? value : nil }

  /// How to read the outputs of a model whose last layer applies `lastActivation` and that
  /// has `outputs` output units.
  ///
  /// A `classifier`'s outputs are probabilities after a sigmoid or a softmax and logits after
  /// anything else. A model that may be a regression gives probabilities only from one
  /// sigmoid unit or a softmax over several; its other outputs are values.
  public static func reading(
    lastActivation: Activation?, outputs: Int, classifier: Bool
  ) -> Reading {
    if classifier {
      return lastActivation == .sigmoid || lastActivation == .softmax ? .probabilities : .logits
    }
    let probabilities = outputs == 1 ? lastActivation == .sigmoid : lastActivation == .softmax
    return probabilities ? .probabilities : .values
  }

  /// Reads one output row (an empty row predicts class 0 with an unknown value).
  public init(_ row: [Double], reading: Reading) {
    guard let first = row.first else {
      self.init(label: 0, value: .nan, isProbability: false)
      return
    }
    if row.count == 1 {
      switch reading {
      case .probabilities, .logits:
        let p = reading == .probabilities ? first : 1 / (1 + exp(-first))
        self.init(label: p > 0.5 ? 1 : 0, value: p > 0.5 ? p : 1 - p, isProbability: true)
      case .values:
        self.init(label: 0, value: first, isProbability: false)
      }
      return
    }
    var best = 0
    for k in 1..<row.count where row[k] > row[best] { best = k }
    switch reading {
    case .probabilities:
      self.init(label: best, value: row[best], isProbability: true)
    case .logits:
      let total = row.map { exp($0 - row[best]) }.reduce(0, +)
      self.init(label: best, value: 1 / total, isProbability: true)
    case .values:
      self.init(label: best, value: row[best], isProbability: false)
    }
  }

  /// Reads every row of a batch of outputs (rows samples).
  public static func predictions(_ output: Tensor, reading: Reading) throws -> [ClassPrediction] {
    let width = output.rowSize
    let rows = width == 0 ? output.rows : output.count / width
    var poller = Cancellation.Poller()
    var result: [ClassPrediction] = []
    result.reserveCapacity(rows)
    for i in 0..<rows {
      try poller.advance(by: Swift.max(width, 1) * 4)
      let row = output.scalars[(i * width)..<((i + 1) * width)].map(Double.init)
      result.append(ClassPrediction(row, reading: reading))
    }
    return result
  }

  /// What `model` predicts for each of `inputs`, read as `reading(lastActivation:outputs:
  /// classifier:)` says for the model.
  ///
  /// - Throws: `LayerError` when the inputs do not fit the model; `CancellationError`.
  public static func predict(
    _ model: Sequential, _ inputs: Tensor, classifier: Bool
  ) throws -> [ClassPrediction] {
    let output = try model.predict(inputs)
    let reading = reading(
      lastActivation: model.layers.last?.activation, outputs: output.rowSize,
      classifier: classifier)
    return try predictions(output, reading: reading)
  }
}
