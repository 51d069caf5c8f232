import NNVCore

/// Dense layers, activations and dropout as ONNX nodes.
extension Dense {
  /// `Gemm` on features `[N, in]` (nnv's weight `[in, out]` is Gemm's B as it is); on
  /// sequences `[N, T, in]`, `MatMul` then `Add`, the same weights at every step.
  func export(into builder: inout ONNXGraphBuilder) {
    let w = builder.constant("\(name).weight", shape: weight.shape, values: weight.scalars)
    let b = builder.constant("\(name).bias", shape: bias.shape, values: bias.scalars)
    if builder.sampleShape.count == 1 {
      builder.apply("Gemm", name: name, inputs: [w, b])
    } else {
      builder.apply("MatMul", name: name, inputs: [w])
      builder.apply("Add", name: "\(name)_bias", inputs: [b])
    }
    ONNXExport.activation(activation, layer: name, into: &builder)
  }
}

extension Dropout {
  /// ONNX's `Dropout` with the rate as its ratio: outside training it passes its input through,
  /// as nnv's does, and the rate comes back on import.
  func export(into builder: inout ONNXGraphBuilder) {
    let ratio = builder.constant("\(name).ratio", shape: [], values: [rate])
    builder.apply("Dropout", name: name, inputs: [ratio])
  }
}

extension ONNXExport {
  /// The nodes of an activation after layer `layer` (none for linear).
  static func activation(
    _ activation: Activation, layer: String, into builder: inout ONNXGraphBuilder
  ) {
    let name = "\(layer)_\(activation.name)"
    switch activation {
    case .linear: return
    case .relu: builder.apply("Relu", name: name)
    case .sigmoid: builder.apply("Sigmoid", name: name)
    case .tanh: builder.apply("Tanh", name: name)
    case .softmax:
      builder.apply("Softmax", name: name, attributes: [ONNXAttribute.int("axis", -1)])
    case .leakyRelu(let slope):
      builder.apply("LeakyRelu", name: name, attributes: [ONNXAttribute.float("alpha", slope)])
    case .gelu: gelu(name: name, into: &builder)
    }
  }

  /// The exact GELU in opset 17's operators, in the order PyTorch exports it:
  /// `Div` by √2, `Erf`, `Add` 1, `Mul` by x, `Mul` by ½.
  static func gelu(name: String, into builder: inout ONNXGraphBuilder) {
    let x = builder.current
    let root = builder.constant("\(name).sqrt2", shape: [], values: [Float(2.0.squareRoot())])
    let one = builder.constant("\(name).one", shape: [], values: [1])
    let half = builder.constant("\(name).half", shape: [], values: [0.5])
    builder.apply("Div", name: "\(name)_div", inputs: [root])
    builder.apply("Erf", name: "\(name)_erf")
    builder.apply("Add", name: "\(name)_add", inputs: [one])
    builder.current =
      builder.node(
        "Mul", name: "\(name)_mul", inputs: [x, builder.current])[0]
    builder.apply("Mul", name: "\(name)_half", inputs: [half])
  }
}
