/// A layer that only applies an activation (`relu` on its own line in a model).
public struct ActivationLayer: Layer {
  public let kind = "activation"
  public var name: String
  public let activation: Activation

  public init(_ activation: Activation, name: String? = nil) {
    self.activation = activation
    self.name = name ?? activation.name
  }

  public var parameters: [Tensor] {
    get { [] }
    set {}
  }
  public var parameterNames: [String] { [] }
  public var configuration: String { activation.name }

  public func outputShape(for input: [Int]) throws -> [Int] { input }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable { x }
}
