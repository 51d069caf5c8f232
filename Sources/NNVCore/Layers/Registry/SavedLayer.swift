/// A layer as a model file describes it, with its parameter tensors read from the file.
public struct SavedLayer: Sendable {
  public var name: String
  /// The activation applied after the layer.
  public var activation: Activation
  /// The saved parameters of its kind (`units`, `rate`).
  public var configuration: LayerConfiguration
  /// Its trainable tensors, in `parameterNames` order, with the shapes its kind's rule gives.
  public var parameters: [Tensor]

  public init(
    name: String, activation: Activation, configuration: LayerConfiguration,
    parameters: [Tensor]
  ) {
    self.name = name
    self.activation = activation
    self.configuration = configuration
    self.parameters = parameters
  }
}
