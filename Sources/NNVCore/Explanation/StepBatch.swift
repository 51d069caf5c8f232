/// The batch of one explained step and the losses and gradients of the model on it, computed
/// the way training computes them.
struct StepBatch {
  /// A loss with its penalty: `total` is the data loss plus the penalty, as training reports.
  struct Value {
    var total: Float
    var penalty: Float
  }

  let model: Sequential
  let x: Tensor
  let y: Tensor
  let samples: Int
  let settings: StepExplanation.Settings
  /// Whether the loss absorbs the last layer's activation and is given its logits.
  let fused: Bool
  /// For every layer, which of its parameters the penalties apply to (the weights).
  let regularized: [[Bool]]

  /// The first `settings.batch` samples of `data` and their targets; the settings must have
  /// passed `Trainer.check`.
  init(_ model: Sequential, _ data: Dataset, _ settings: StepExplanation.Settings) throws {
    samples = Swift.min(settings.batch, data.count)
    let first = try data.subset(Array(0..<samples))
    x = first.features
    y = try first.targets(outputShape: model.outputShape)
    self.model = model
    self.settings = settings
    let loss = settings.loss
    fused = loss.fusedActivation != nil && model.layers.last?.activation == loss.fusedActivation
    regularized = model.layers.map(\.weightFlags)
  }

  /// The forward context of every pass: training mode, with the same dropout masks each time.
  var context: ForwardContext {
    ForwardContext(isTraining: true, random: RandomGenerator(seed: settings.seed &+ 0x5EED))
  }

  /// The loss and the gradient of every parameter, penalties included, through the tape.
  func gradients(_ parameters: [[Tensor]]) throws -> (Value, [[Tensor]]) {
    var context = self.context
    var (loss, gradients, _) = try Trainer.step(
      model, parameters, x, y, loss: settings.loss, fused: fused, context: &context)
    let penalty = penalize(parameters, &gradients)
    return (Value(total: loss + penalty, penalty: penalty), gradients)
  }

  /// The loss alone: a forward pass without a tape.
  func loss(_ parameters: [[Tensor]]) throws -> Value {
    var context = self.context
    let constants = parameters.map { $0.map { Variable($0) } }
    let output = try model.forward(
      Variable(x), parameters: constants, context: &context, stopBeforeFinalActivation: fused)
    let value = try settings.loss(output, y, fromLogits: fused).value.scalar
    var scratch = parameters
    let penalty = penalize(parameters, &scratch)
    return Value(total: value + penalty, penalty: penalty)
  }

  /// The penalty of `parameters`, its gradient added to `gradients` (as training does).
  func penalize(_ parameters: [[Tensor]], _ gradients: inout [[Tensor]]) -> Float {
    guard settings.l1 != 0 || settings.l2 != 0 else { return 0 }
    return Regularization.apply(
      l1: settings.l1, l2: settings.l2, to: parameters, where: regularized,
      gradients: &gradients)
  }

  /// The finite-difference check of the weight with the largest |gradient| of all.
  func check(
    _ model: Sequential, _ parameters: [[Tensor]], _ gradients: [[Tensor]]
  ) throws -> FiniteDifferenceCheck? {
    var tensors: [ParameterPosition] = []
    for (i, flags) in regularized.enumerated() {
      for (j, isWeight) in flags.enumerated() where isWeight {
        tensors.append(ParameterPosition(layer: i, parameter: j, element: 0))
      }
    }
    guard let position = StepExplanation.largestGradient(gradients, among: tensors),
      let name = WeightName(model, position: position)
    else { return nil }
    let (l, p, e) = (position.layer, position.parameter, position.element)
    let w = parameters[l][p].scalars[e]
    let h = FiniteDifferenceCheck.step(for: w)
    var plus = parameters
    plus[l][p].scalars[e] = w + h
    var minus = parameters
    minus[l][p].scalars[e] = w - h
    return FiniteDifferenceCheck(
      name: name, position: position, weight: w, plus: plus[l][p].scalars[e],
      minus: minus[l][p].scalars[e], lossPlus: try loss(plus).total,
      lossMinus: try loss(minus).total, backprop: gradients[l][p].scalars[e])
  }
}
