/// How the views and the loss check describe a kind of layer.
///
/// The summary table, the network diagram, the `weights` view and `LossCompatibility` ask a
/// layer's presentation instead of testing its type, so a new kind says here what they show.
public struct LayerPresentation: Sendable {
  /// What the activation column of a summary shows.
  public enum ActivationShown: Sendable, Equatable {
    /// The activation applied after the layer (`relu`), or nothing for a layer without
    /// parameters and no activation (flatten, dropout).
    case applied
    /// The layer is an activation: its configuration (`relu`); the diagram does not repeat it
    /// after the kind.
    case isTheLayer
    /// The layer's nonlinearities act inside it (a recurrent layer's, at every step): the
    /// presentation's `innerActivations` names them.
    case inside
  }

  /// What the network diagram may draw for a layer.
  public enum DiagramRole: Sendable, Equatable {
    /// Its weight matrix connects neurons (dense).
    case neurons
    /// It does not change which values connect to which (dropout, flatten on a flat input,
    /// an activation): a chain of neuron layers stays drawable around it.
    case passThrough
    /// Only a block: a model with such a layer is drawn as blocks.
    case block
  }

  public var activationShown: ActivationShown
  public var diagram: DiagramRole
  /// Whether the loss check looks past the layer to the one before it, because the layer only
  /// drops or reshapes values (dropout, flatten).
  public var lossLooksPast: Bool
  /// What the layer does to a sample, in words, as `explain` says it (`keeps the largest value
  /// of each window of each map`); nil when the kind does not say.
  public var role: String?
  /// What each position of a parameter counts, by parameter name (`weight`: `input`, `unit`),
  /// for naming one weight (`WeightName`).
  public var axes: [String: [String]]
  let weights: (@Sendable (any Layer) -> LayerWeights?)?
  let innerActivations: (@Sendable (any Layer) -> String)?

  /// - Parameters:
  ///   - weights: the weight matrix the `weights` view and the diagram show, for a kind that
  ///     has one.
  ///   - innerActivations: for `.inside`, the nonlinearities acting inside the layer as the
  ///     summary names them (`tanh`).
  public init(
    activationShown: ActivationShown = .applied, diagram: DiagramRole,
    lossLooksPast: Bool = false, role: String? = nil, axes: [String: [String]] = [:],
    weights: (@Sendable (any Layer) -> LayerWeights?)? = nil,
    innerActivations: (@Sendable (any Layer) -> String)? = nil
  ) {
    self.activationShown = activationShown
    self.diagram = diagram
    self.lossLooksPast = lossLooksPast
    self.role = role
    self.axes = axes
    self.weights = weights
    self.innerActivations = innerActivations
  }

  /// The presentation of a layer whose type is not registered: blocks, unless it has no
  /// parameters.
  static func unregistered(parameterless: Bool) -> LayerPresentation {
    LayerPresentation(diagram: parameterless ? .passThrough : .block)
  }

  /// The weight matrix of `layer` to show, if its kind has one.
  public func weights(of layer: any Layer) -> LayerWeights? { weights?(layer) }

  /// The text of the summary's activation column for `layer` (`relu`; empty for a layer that
  /// only reshapes or drops values).
  public func activationText(of layer: any Layer) -> String {
    switch activationShown {
    case .isTheLayer:
      return layer.configuration
    case .inside:
      return innerActivations?(layer) ?? ""
    case .applied:
      return layer.parameters.isEmpty && layer.activation == .linear ? "" : layer.activation.name
    }
  }
}

/// A layer's weight matrix, `inputs × outputs` (inputs along rows), and its biases.
public struct LayerWeights: Sendable {
  public var inputs: Int
  public var outputs: Int
  /// Shape `[inputs, outputs]`.
  public var weight: Tensor
  /// Shape `[outputs]`.
  public var bias: Tensor

  public init(weight: Tensor, bias: Tensor) {
    self.inputs = weight.shape.first ?? 0
    self.outputs = weight.shape.count > 1 ? weight.shape[1] : 0
    self.weight = weight
    self.bias = bias
  }
}
