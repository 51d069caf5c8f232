/// Whether a loss can train a model's output on its targets, and what to use instead.
///
/// Some combinations train without an error and learn nothing: softmax over one unit always
/// outputs 1, so every loss is constant; categorical cross-entropy on one unit reaches 0 by
/// outputting 1 everywhere; the cross-entropies clip outputs outside (0, 1), where they have no
/// gradient. This is the single rule for all of them. The trainer and `Metrics.evaluate` apply
/// it at run time, and the language's checker applies it before anything runs when the model
/// and the data are known from the script.
public enum LossCompatibility {
  /// What a loss sees of a model: the last activation and the number of output units.
  public struct Output: Sendable, Equatable {
    /// The activation of the last layer that changes values (layers whose presentation has
    /// `lossLooksPast`, such as dropout and flatten, are skipped).
    public var activation: Activation
    /// The number of output values per sample.
    public var units: Int
    /// The last layer as written in a model block (`dense 1 softmax`), for messages.
    public var layer: String
    /// Where the last layer is written (`line 4`), for messages; nil when not known.
    public var location: String?
    /// The shape of one sample's output when it has more than one axis (`[T, units]`: a
    /// prediction at every step); nil for a flat output of `units` values.
    public var shape: [Int]?

    public init(activation: Activation, units: Int, layer: String? = nil, shape: [Int]? = nil) {
      self.activation = activation
      self.units = units
      self.layer = layer ?? Output.denseText(units: units, activation: activation)
      self.shape = shape
    }

    /// The last layer, as messages name it.
    var named: String {
      "the last layer `\(layer)`" + (location.map { " (\($0))" } ?? "")
    }

    /// The output of `model`.
    public init(of model: Sequential) {
      let units = model.outputShape.reduce(1, *)
      let last = model.layers.last { !$0.presentation.lossLooksPast }
      let activation = last?.activation ?? .linear
      let layer = last.map { $0.written() ?? activation.name } ?? "input"
      let shape = model.outputShape
      self.init(
        activation: activation, units: units, layer: layer, shape: shape.count > 1 ? shape : nil)
    }

    /// `dense 3 softmax`, or `dense 1` for a linear layer.
    public static func denseText(units: Int, activation: Activation) -> String {
      activation == .linear ? "dense \(units)" : "dense \(units) \(activation.name)"
    }
  }

  /// What a data set asks the model to output.
  public indirect enum Targets: Sendable, Equatable {
    /// Not known (the checker could not tell from the script).
    case unknown
    /// Class labels, with the number of classes.
    case classes(Int)
    /// Numbers to predict (regression), with the number of values per sample.
    case values(Int)
    /// A target at each of `steps` time steps, each asking for `each` (classes or values): the
    /// model must output `[steps, units]`.
    case steps(Int, each: Targets)

    public init(of data: Dataset) {
      let each: Targets =
        data.isClassification
        ? .classes(data.classNames.count)
        : .values(data.hasStepTargets ? data.valuesPerTarget : data.values?.rowSize ?? 1)
      self = data.targetSteps.map { .steps($0, each: each) } ?? each
    }
  }

  /// A combination that cannot learn: what is wrong, how to fix it, and what to point at.
  public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of the combination is wrong.
    public enum Culprit: Sendable, Equatable {
      /// The last layer (its activation or its number of units).
      case output
      /// The loss.
      case loss
    }

    /// A sentence saying what is wrong.
    public var message: String
    /// What to write instead, as a lowercase suggestion.
    public var fix: String
    public var culprit: Culprit

    public var description: String { "\(message) Fix: \(fix)." }
  }

  /// The loss a model trains with when none is given: sigmoid → bce, softmax → cce, else mse.
  public static func defaultLoss(for output: Output) -> Loss {
    switch output.activation {
    case .sigmoid: .binaryCrossEntropy
    case .softmax: .categoricalCrossEntropy
    default: .meanSquaredError
    }
  }

  /// The problem with training or evaluating `output` with `loss` on `targets`, if any.
  ///
  /// - Parameters:
  ///   - lossGiven: whether the loss was asked for (false: the default of the last layer).
  ///   - dataName: how to name the data in messages.
  public static func problem(
    loss: Loss, lossGiven: Bool, output: Output, targets: Targets, dataName: String = "the data"
  ) -> Problem? {
    if case .steps(let steps, let each) = targets {
      return stepProblem(loss, lossGiven, output, steps: steps, each: each, dataName: dataName)
    }
    if let problem = targetProblem(output: output, targets: targets, dataName: dataName) {
      return problem
    }
    let layer = output.named
    let lossText = lossGiven ? "`loss \(loss.rawValue)`" : "the default loss \(loss.rawValue)"
    if output.activation == .softmax && output.units == 1 {
      return Problem(
        message: "\(capitalized(layer)) always outputs 1: softmax over a single unit has "
          + "nothing to share the probability with, so the model cannot learn.",
        fix: targets.isRegression
          ? "for numbers to predict use `dense 1` (no activation) with `loss mse`"
          : classifierFix(targets.classCount),
        culprit: .output)
    }
    if case .values = targets, loss != .meanSquaredError {
      return Problem(
        message: "\(dataName) holds numbers to predict (regression), but \(lossText) is a "
          + "loss for classes.",
        fix: (lossGiven ? "use `loss mse`" : "give `loss mse`, or end the model with `dense 1`")
          + "; if the numbers are class labels, read them as classes "
          + "(`csv(..., classification: true)`)",
        culprit: .loss)
    }
    switch loss {
    case .meanSquaredError:
      return nil
    case .categoricalCrossEntropy where output.units == 1:
      return Problem(
        message: "\(capitalized(lossText)) cannot learn with the single unit of \(layer): "
          + "categorical cross-entropy needs one unit per class, and on one unit it reaches 0 "
          + "by outputting 1 for everything.",
        fix: classifierFix(targets.classCount), culprit: .loss)
    case .categoricalCrossEntropy where output.activation != .softmax:
      let alternative = output.activation == .sigmoid ? ", or keep sigmoid with `loss bce`" : ""
      return Problem(
        message: "\(capitalized(lossText)) needs a softmax output (probabilities that add up "
          + "to 1), but \(layer) has \(output.activation.name), so the model cannot learn.",
        fix: "use `dense \(output.units) softmax` with `loss cce`\(alternative)", culprit: .loss)
    case .binaryCrossEntropy where output.activation == .softmax:
      return Problem(
        message: "\(capitalized(lossText)) scores every output as a separate yes-or-no, which "
          + "does not fit the softmax of \(layer): a confidently wrong model stops learning.",
        fix: "use `loss cce` with softmax (or leave `loss` out)", culprit: .loss)
    case .binaryCrossEntropy where output.activation != .sigmoid:
      return Problem(
        message: "\(capitalized(lossText)) needs outputs between 0 and 1, but \(layer) can "
          + "give values outside that range, where the loss stops learning.",
        fix: "use `dense \(output.units) sigmoid` with `loss bce`", culprit: .loss)
    default:
      return nil
    }
  }

  /// The problem with a model that must predict `each` at every one of `steps` steps: its
  /// output's shape, then the rule for every step's output (its units against what a step
  /// asks for).
  static func stepProblem(
    _ loss: Loss, _ lossGiven: Bool, _ output: Output, steps: Int, each: Targets,
    dataName: String
  ) -> Problem? {
    switch stepOutput(output, steps: steps, dataName: dataName) {
    case .success(let step):
      return problem(
        loss: loss, lossGiven: lossGiven, output: step, targets: each, dataName: dataName)
    case .failure(let problem):
      return problem
    }
  }

  /// The output of one step of a model that must predict at each of `steps` steps: its
  /// units are the last axis of an output `[steps, units]`. A problem when the output has
  /// another shape.
  static func stepOutput(
    _ output: Output, steps: Int, dataName: String
  ) -> Result<Output, Problem> {
    guard let shape = output.shape, shape.count == 2, shape[0] == steps else {
      return .failure(
        Problem(
          message: "\(dataName) has a target at each of its \(steps) steps, but "
            + "\(output.named) gives each sample an output of shape "
            + "\(Tensor.describe(output.shape ?? [output.units])), not one row for every step.",
          fix: "give the model an output of shape [\(steps), N]: a recurrent layer with "
            + "`sequences true`, then a `dense` layer applied at every step",
          culprit: .output))
    }
    var step = output
    step.units = shape[1]
    step.shape = nil
    return .success(step)
  }

  /// A mismatch between the number of output units and what the data asks for.
  static func targetProblem(output: Output, targets: Targets, dataName: String) -> Problem? {
    let layer = output.named
    let units = output.units == 1 ? "1 output unit" : "\(output.units) output units"
    switch targets {
    case .unknown, .steps:
      return nil
    case .classes(let k):
      guard k > 0, output.units == 1 ? k > 2 : output.units != k else { return nil }
      return everyStep(output, dataName: dataName)
        ?? Problem(
          message: "\(dataName) has \(k) classes, but \(layer) has \(units).",
          fix: classifierFix(k), culprit: .output)
    case .values(let width):
      guard output.units != width else { return nil }
      let values = width == 1 ? "1 value" : "\(width) values"
      return everyStep(output, dataName: dataName)
        ?? Problem(
          message: "\(dataName) has \(values) to predict per sample, but \(layer) has \(units).",
          fix: "end the model with `dense \(width)` (no activation) and use `loss mse`",
          culprit: .output)
    }
  }

  /// An output with a row for every step (`[steps, units]`) given data with one target per
  /// sample, whose units do not fit; nil for any other output.
  static func everyStep(_ output: Output, dataName: String) -> Problem? {
    guard let shape = output.shape, shape.count == 2 else { return nil }
    return Problem(
      message: "\(dataName) has one target per sample, but \(output.named) gives each sample "
        + "an output of shape \(Tensor.describe(shape)), a row for every step.",
      fix: "let the last recurrent layer give only its last step (`sequences false`, the "
        + "default), or train on data with a target at every step",
      culprit: .output)
  }

  /// The usual output layers for classes: one sigmoid unit for two, softmax for more.
  static func classifierFix(_ classes: Int?) -> String {
    guard let classes else {
      return "use `dense 1 sigmoid` with `loss bce` for two classes, or `dense N softmax` "
        + "with `loss cce` for N classes"
    }
    if classes <= 2 {
      return "use `dense 1 sigmoid` with `loss bce`, or `dense 2 softmax` with `loss cce`"
    }
    return "use `dense \(classes) softmax` with `loss cce`"
  }

  static func capitalized(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }
}

extension LossCompatibility.Targets {
  var isRegression: Bool {
    switch self {
    case .values: true
    case .steps(_, let each): each.isRegression
    default: false
    }
  }

  var classCount: Int? {
    switch self {
    case .classes(let k): k
    case .steps(_, let each): each.classCount
    default: nil
    }
  }
}
