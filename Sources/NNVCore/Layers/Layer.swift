/// One stage of a sequential network: a linear (or shape) transformation, then an activation.
///
/// Layers are values. Their trainable tensors are exposed, in a fixed order, through
/// `parameters`; configuration (sizes, rates) is kept in other stored properties. The model walks
/// its layers to find parameters, so there is no global registry of tensors. What a kind of
/// layer is to everything else (its parameters, shape rule, model-file record, presentation)
/// is declared once in `LayerRegistry`, under the layer's `kind`.
///
/// `forward` computes the layer's output *before* its activation; `Sequential` applies
/// `activation` afterwards. Keeping the two apart lets the trainer hand the last layer's
/// pre-activations (logits) to a fused, numerically stable loss.
public protocol Layer: Sendable {
  /// The layer kind as written in scripts and saved models (`dense`, `dropout`, ...): the name
  /// of its entry in `LayerRegistry`.
  var kind: String { get }
  /// The name shown in summaries and plots (`dense_1`).
  var name: String { get set }
  /// The activation applied after `forward` (`.linear` for none).
  var activation: Activation { get }
  /// The trainable tensors, in a fixed order matching `parameterNames`.
  var parameters: [Tensor] { get set }
  /// What each parameter is (`weight`, `bias`).
  var parameterNames: [String] { get }
  /// A short description of the configuration for summaries (`8 units`, `rate 0.5`).
  var configuration: String { get }

  /// The output shape of one sample given the input shape of one sample.
  ///
  /// - Throws: `LayerError.incompatibleInput` naming both shapes when the layer cannot take it.
  func outputShape(for input: [Int]) throws -> [Int]

  /// The layer's output before its activation, for a batch `x` of shape `[n] + inputShape`.
  ///
  /// - Parameters:
  ///   - parameters: this layer's parameters as variables (leaves on a tape when training).
  ///   - context: whether the model is training, and the random generator for dropout.
  func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable
}

extension Layer {
  /// The number of trainable values.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// For each parameter, whether it is a weight matrix (`weight`, `input_weight`,
  /// `recurrent_weight`) rather than a bias: what regularization penalizes and the summary
  /// checks for zeros.
  public var weightFlags: [Bool] {
    parameterNames.map { $0 == "weight" || $0.hasSuffix("_weight") }
  }
}

/// What a forward pass needs to know besides the inputs.
public struct ForwardContext: Sendable {
  /// True during training: dropout then drops units.
  public var isTraining: Bool
  /// The generator for dropout masks; seeded, so training is reproducible.
  public var random: RandomGenerator

  public init(isTraining: Bool, random: RandomGenerator = RandomGenerator(seed: 0)) {
    self.isTraining = isTraining
    self.random = random
  }

  /// The context for inference.
  public static var inference: ForwardContext { ForwardContext(isTraining: false) }
}

/// A layer that cannot be used as configured or with the input it is given.
public enum LayerError: Error, Equatable, CustomStringConvertible {
  case incompatibleInput(layer: String, expected: String, got: [Int])
  case invalidConfiguration(String)

  public var description: String {
    switch self {
    case .incompatibleInput(let layer, let expected, let got):
      return "\(layer) expects \(expected), but its input has shape \(Tensor.describe(got))"
    case .invalidConfiguration(let message):
      return message
    }
  }
}
