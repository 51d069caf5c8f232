/// Updates a model's parameters along their gradients, keeping whatever state it needs.
///
/// An optimizer owns its state (momentum, moment estimates), stored per parameter in the order
/// of `Sequential.parameters`, so one optimizer instance belongs to one model for one training
/// run. Parameters and gradients have the same nested shape: one array per layer.
public protocol Optimizer: AnyObject {
  /// The step size.
  var learningRate: Float { get set }
  /// The name and settings, as shown in summaries (`adam(lr: 0.001)`).
  var description: String { get }
  /// Takes one step: updates `parameters` in place along `gradients`.
  func update(_ parameters: inout [[Tensor]], along gradients: [[Tensor]])
}

extension Optimizer {
  /// Calls `body` with each parameter, its gradient and its flat index, in model order.
  func forEachParameter(
    _ parameters: inout [[Tensor]], _ gradients: [[Tensor]],
    _ body: (Int, inout [Float], [Float]) -> Void
  ) {
    var index = 0
    for i in parameters.indices where i < gradients.count {
      for j in parameters[i].indices where j < gradients[i].count {
        body(index, &parameters[i][j].scalars, gradients[i][j].scalars)
        index += 1
      }
    }
  }
}

/// State tensors, one per parameter, created on the first step with the parameters' sizes.
struct SlotStore {
  private var slots: [[Float]] = []

  /// The slot for parameter `index`, created as `count` copies of `initial` on first use.
  mutating func withSlot<R>(
    _ index: Int, count: Int, initial: Float = 0, _ body: (inout [Float]) -> R
  ) -> R {
    while slots.count <= index { slots.append([]) }
    if slots[index].count != count { slots[index] = [Float](repeating: initial, count: count) }
    return body(&slots[index])
  }
}
