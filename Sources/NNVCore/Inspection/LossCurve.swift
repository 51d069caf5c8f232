import Foundation

/// A loss against one prediction for a fixed target, for plots and lessons: the core's own loss
/// (`Loss`, as training computes it on probabilities) evaluated for one sample at each point.
///
/// - `bce`: the predicted probability p of class 1 from 0.005 to 0.995, for a target t from 0
///   to 1 (a class, 0 or 1, or a soft label).
/// - `cce`: the probability p given to the true class, the rest to the other classes, from
///   0.005 to 0.995; the curve is the same whatever the true class is, so it takes no target.
/// - `mse`: the prediction y from t − 2 to t + 2 around the target t.
public struct LossCurve: Sendable, Equatable {
  /// The largest target magnitude of an `mse` curve: beyond it a `Float` step is too coarse to
  /// draw a parabola 4 wide.
  public static let largestTarget: Float = 1_000_000
  /// The points of a curve.
  public static let count = 199

  /// Why a loss has no curve for a target.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    /// Binary cross-entropy compares a probability with a class: a target outside 0…1.
    case targetNotAProbability(Float)
    /// Categorical cross-entropy's curve does not depend on the target.
    case targetNotUsed
    /// An `mse` target that is not finite or beyond `largestTarget`.
    case targetOutOfRange(Float)

    public var description: String {
      switch self {
      case .targetNotAProbability(let t):
        "the bce target is a class, 0 or 1 (or a probability between them), not \(t)"
      case .targetNotUsed: "the cce curve is the same for every true class: it takes no target"
      case .targetOutOfRange(let t):
        "the mse target must be a finite number of magnitude at most 1000000, not \(t)"
      }
    }
  }

  public let loss: Loss
  /// The target of the sample: for `cce`, 1, the true class's one-hot value.
  public let target: Float
  /// The predictions, in increasing order: probabilities for the cross-entropies, values for
  /// `mse`.
  public let predictions: [Float]
  /// The loss of one sample at each prediction.
  public let values: [Float]

  /// The curve of `loss` for `target` (0 for `mse` when nil; `bce` needs one, `cce` takes
  /// none).
  ///
  /// - Throws: `Problem` for a target the loss cannot have.
  public init(_ loss: Loss, target: Float? = nil) throws(Problem) {
    let t = try Self.checked(loss, target)
    let predictions: [Float]
    switch loss {
    case .meanSquaredError:
      let n = Self.count
      predictions = (0..<n).map { t - 2 + 4 * Float($0) / Float(n - 1) }
    case .binaryCrossEntropy, .categoricalCrossEntropy:
      predictions = (1...Self.count).map { Float($0) / Float(Self.count + 1) }
    }
    self.loss = loss
    self.target = t
    self.predictions = predictions
    self.values = predictions.map { Self.value(loss, prediction: $0, target: t) }
  }

  /// The curves a plot of `loss` shows: for `bce` without a target, both classes (1, then 0).
  public static func curves(_ loss: Loss, target: Float? = nil) throws(Problem) -> [LossCurve] {
    if loss == .binaryCrossEntropy, target == nil {
      return [try LossCurve(loss, target: 1), try LossCurve(loss, target: 0)]
    }
    return [try LossCurve(loss, target: target)]
  }

  static func checked(_ loss: Loss, _ target: Float?) throws(Problem) -> Float {
    switch loss {
    case .meanSquaredError:
      let t = target ?? 0
      guard t.isFinite, abs(t) <= largestTarget else { throw .targetOutOfRange(t) }
      return t
    case .binaryCrossEntropy:
      let t = target ?? 1
      guard t >= 0, t <= 1 else { throw .targetNotAProbability(t) }
      return t
    case .categoricalCrossEntropy:
      guard target == nil else { throw .targetNotUsed }
      return 1
    }
  }

  /// The loss of one sample whose output is `prediction` (for `cce`, the true class's
  /// probability, with the rest on a second class), as the training loss computes it.
  static func value(_ loss: Loss, prediction p: Float, target t: Float) -> Float {
    let output: [Float]
    let targets: [Float]
    switch loss {
    case .meanSquaredError, .binaryCrossEntropy: (output, targets) = ([p], [t])
    case .categoricalCrossEntropy: (output, targets) = ([p, 1 - p], [1, 0])
    }
    guard let o = try? Tensor(shape: [1, output.count], scalars: output),
      let y = try? Tensor(shape: [1, targets.count], scalars: targets),
      let result = try? loss(Variable(o), y)
    else { return .nan }
    return result.value.scalars.first ?? .nan
  }

  /// The loss for this curve's target: `t = 1: L = −log p`.
  public var formula: Formula {
    let t = Self.number(target)
    switch loss {
    case .meanSquaredError:
      let shifted =
        target == 0
        ? (text: "y²", ascii: "y^2")
        : target > 0
          ? (text: "(y − \(t))²", ascii: "(y - \(t))^2")
          : (text: "(y + \(Self.number(-target)))²", ascii: "(y + \(Self.number(-target)))^2")
      return Formula("t = \(t): L = \(shifted.text)", ascii: "t = \(t): L = \(shifted.ascii)")
    case .binaryCrossEntropy:
      if target == 1 { return Formula("t = 1: L = −log p", ascii: "t = 1: L = -log(p)") }
      if target == 0 {
        return Formula("t = 0: L = −log(1 − p)", ascii: "t = 0: L = -log(1 - p)")
      }
      let rest = Self.number(1 - target)
      return Formula(
        "t = \(t): L = −[\(t)·log p + \(rest)·log(1 − p)]",
        ascii: "t = \(t): L = -(\(t) * log(p) + \(rest) * log(1 - p))")
    case .categoricalCrossEntropy:
      return Formula(
        "the true class has probability p: L = −log p",
        ascii: "the true class has probability p: L = -log(p)")
    }
  }

  /// The target as the formula writes it: `1`, `0.5`.
  public var targetText: String { Self.number(target) }

  /// A target as written in a formula: at most 6 significant digits, no trailing zeros.
  static func number(_ value: Float) -> String {
    String(format: "%g", Double(value))
  }
}

extension Loss {
  /// The loss of one sample as a formula: y or p the model's output, t the target.
  public var formula: Formula {
    switch self {
    case .meanSquaredError:
      Formula(
        "mse = (y − t)², the mean over the outputs",
        ascii: "mse = (y - t)^2, the mean over the outputs")
    case .binaryCrossEntropy:
      Formula(
        "bce = −[t·log p + (1 − t)·log(1 − p)], p the predicted probability of class 1",
        ascii: "bce = -(t * log(p) + (1 - t) * log(1 - p)), p the predicted probability of class 1"
      )
    case .categoricalCrossEntropy:
      Formula(
        "cce = −Σₖ tₖ·log pₖ: with one-hot targets, −log p of the true class",
        ascii: "cce = -sum_k t_k * log(p_k): with one-hot targets, -log(p) of the true class")
    }
  }
}
