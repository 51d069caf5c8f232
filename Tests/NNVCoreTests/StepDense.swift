import NNVCore

/// A test-only layer that applies one weight matrix and bias at every step of a sequence:
/// `[n, T, F]` to `[n, T, units]`. It stands in for the recurrent layers, so that training on
/// targets at every step is tested without them.
struct StepDense: Layer {
  let kind = "stepdense"
  var name = "stepdense"
  var activation: Activation
  var weight: Tensor
  var bias: Tensor

  init(inputs: Int, units: Int, activation: Activation, seed: UInt64) throws {
    self.activation = activation
    let values = Initializer.glorotUniform.values(
      count: inputs * units, fanIn: inputs, fanOut: units, seed: seed)
    weight = try Tensor(shape: [inputs, units], scalars: values)
    bias = Tensor.zeros([units])
  }

  var parameters: [Tensor] {
    get { [weight, bias] }
    set {
      if newValue.count == 2 {
        weight = newValue[0]
        bias = newValue[1]
      }
    }
  }

  var parameterNames: [String] { ["weight", "bias"] }
  var configuration: String { "\(weight.shape[1]) units at every step" }

  func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 2, input[1] == weight.shape[0] else {
      throw LayerError.incompatibleInput(
        layer: name, expected: "[T, \(weight.shape[0])]", got: input)
    }
    return [input[0], weight.shape[1]]
  }

  func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    let (n, steps, features) = (x.shape[0], x.shape[1], x.shape[2])
    let rows = try x.reshaped([n * steps, features])
    let y = try Variable.affine(rows, parameters[0], parameters[1])
    return try y.reshaped([n, steps, weight.shape[1]])
  }
}
