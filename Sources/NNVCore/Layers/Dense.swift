/// A fully connected layer: `activation(x · weight + bias)`.
///
/// `weight` has shape `[inputSize, outputSize]` (inputs along rows, as in Keras and the peer
/// benchmarks), `bias` has shape `[outputSize]`. On sequences `[steps, inputSize]` (the output
/// of a recurrent layer with every step) the same weights apply at every step, giving
/// `[steps, outputSize]`, as Keras's `Dense` and PyTorch's `Linear` do on the last axis.
public struct Dense: Layer {
  public let kind = "dense"
  public var name: String
  public var activation: Activation
  public let inputSize: Int
  public let outputSize: Int
  public var weight: Tensor
  public var bias: Tensor

  /// A dense layer with freshly initialized weights and zero biases.
  ///
  /// - Parameters:
  ///   - initializer: how the weights start; Glorot uniform by default.
  ///   - seed: the seed of the weights' generator.
  /// - Throws: `LayerError.invalidConfiguration` for a size below 1, `LimitError` when the
  ///   layer would exceed the parameters-per-model limit (checked before anything is
  ///   allocated).
  public init(
    inputSize: Int, outputSize: Int, activation: Activation = .linear,
    initializer: Initializer = .glorotUniform, seed: UInt64 = 0, name: String = "dense"
  ) throws {
    let count = try Dense.checkedWeightCount(inputSize: inputSize, outputSize: outputSize)
    self.name = name
    self.activation = activation
    self.inputSize = inputSize
    self.outputSize = outputSize
    let values = initializer.values(
      count: count, fanIn: inputSize, fanOut: outputSize, seed: seed)
    self.weight = Tensor(uncheckedShape: [inputSize, outputSize], scalars: values)
    self.bias = Tensor.zeros([outputSize])
  }

  /// A dense layer with given weights `[inputSize, outputSize]` and biases `[outputSize]`
  /// (a model file's), checked by the caller.
  init(weight: Tensor, bias: Tensor, activation: Activation, name: String) {
    self.name = name
    self.activation = activation
    self.inputSize = weight.shape[0]
    self.outputSize = weight.shape[1]
    self.weight = weight
    self.bias = bias
  }

  /// The number of weights of a dense layer, after checking both sizes and the layer's
  /// parameters (weights and biases) against the limits.
  public static func checkedWeightCount(inputSize: Int, outputSize: Int) throws -> Int {
    guard inputSize > 0, outputSize > 0 else {
      throw LayerError.invalidConfiguration(
        "a dense layer needs at least one input and one unit, not \(inputSize) → \(outputSize)")
    }
    // The parameter limit is below the tensor limit, so it bounds the weight matrix too.
    let weights = Shape.product(inputSize, outputSize)
    try ResourceLimits.modelParameters.check(
      weights.flatMap { Shape.sum($0, outputSize) },
      estimate: Double(inputSize) * Double(outputSize) + Double(outputSize),
      for: "a dense layer of \(ResourceLimit.grouped(inputSize)) inputs and "
        + "\(ResourceLimit.grouped(outputSize)) units")
    return weights ?? 0
  }

  public var parameters: [Tensor] {
    get { [weight, bias] }
    set {
      // Only optimizers and loaders assign, always with tensors of the same shapes.
      if newValue.count == 2 {
        weight = newValue[0]
        bias = newValue[1]
      }
    }
  }

  public var parameterNames: [String] { ["weight", "bias"] }

  public var configuration: String { "\(outputSize) units" }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input == [inputSize] || (input.count == 2 && input[0] > 0 && input[1] == inputSize)
    else {
      let hint = input.count > 2 ? " (add a flatten layer before it)" : ""
      throw LayerError.incompatibleInput(
        layer: "\(name) (dense)",
        expected: "\(inputSize) features, or sequences [steps, \(inputSize)]\(hint)", got: input)
    }
    return input.dropLast() + [outputSize]
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    guard parameters.count == 2 else {
      throw LayerError.invalidConfiguration("\(name) takes a weight and a bias")
    }
    guard x.value.rank == 3 else { return try Variable.affine(x, parameters[0], parameters[1]) }
    // Every step of every sequence is one row of the product.
    let (n, steps) = (x.shape[0], x.shape[1])
    let rows = try x.reshaped([n * steps, x.shape[2]])
    return try Variable.affine(rows, parameters[0], parameters[1]).reshaped([n, steps, outputSize])
  }
}
