/// Flattens each sample to one row: `[n, 8, 8]` becomes `[n, 64]`.
public struct Flatten: Layer {
  public let kind = "flatten"
  public var name: String
  public var activation: Activation { .linear }

  public init(name: String = "flatten") { self.name = name }

  public var parameters: [Tensor] {
    get { [] }
    set {}
  }
  public var parameterNames: [String] { [] }
  public var configuration: String { "" }

  public func outputShape(for input: [Int]) throws -> [Int] {
    [try Shape.elementCount(input, of: "flattening samples of shape \(Tensor.describe(input))")]
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    try x.reshaped([x.value.rows, x.value.rowSize])
  }
}
