import NNVCore

/// Activations, in either of GELU's forms, and the input's standardization from ONNX nodes.
extension ONNXImport {
  /// `Relu`, `Sigmoid`, `Tanh`, `Softmax` (last axis), `LeakyRelu` or `Gelu` (exact): the
  /// activation of the dense or conv layer before, or a layer of its own.
  static func activation(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    let activation: Activation
    switch node.opType {
    case "Relu": activation = .relu
    case "Sigmoid": activation = .sigmoid
    case "Tanh": activation = .tanh
    case "LeakyRelu": activation = .leakyRelu(slope: node.float("alpha", default: 0.01))
    case "Gelu":
      guard node.string("approximate", default: "none") == "none" else {
        throw ONNXError.at(node, "nnv's gelu is the exact one, not the tanh approximation")
      }
      activation = .gelu
    default:
      let axis = node.int("axis", default: -1)
      guard axis == -1 || axis == reader.shape.count else {
        throw ONNXError.at(
          node, "nnv imports a Softmax over the last axis (-1), not axis \(axis)")
      }
      activation = .softmax
    }
    try apply(activation, node, output: output(node), &reader)
    reader.index += 1
  }

  /// Folds `activation` into the layer before, or adds it as a layer.
  static func apply(
    _ activation: Activation, _ node: Onnx_NodeProto, output: String,
    _ reader: inout ONNXGraphReader
  ) throws {
    if reader.fold(activation) {
      reader.pass(to: output)
    } else {
      let name = reader.layerName(for: node, kind: activation.name)
      try reader.add(ActivationLayer(activation, name: name), from: node, output: output)
    }
  }

  /// GELU as opset 17 writes it (PyTorch's export, and nnv's): `Div` by √2 (or `Mul` by
  /// 1/√2), `Erf`, `Add` 1, then `Mul` by the input and `Mul` by ½ in either order.
  static func erfGelu(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    let x = reader.current
    try reader.requireChain(node)
    let nodes = (0..<5).compactMap { reader.peek($0) }
    let wrong = ONNXError.at(
      node,
      "nnv imports Div by √2, Erf, Add 1, Mul by the input and Mul by 0.5 as GELU; these "
        + "nodes are something else")
    guard nodes.count == 5, nodes[1].opType == "Erf", nodes[2].opType == "Add",
      nodes[3].opType == "Mul", nodes[4].opType == "Mul"
    else { throw wrong }
    let scale = Float(node.opType == "Div" ? 2.0.squareRoot() : 0.5.squareRoot())
    guard try constant(nodes[0], reads: x, equals: scale, reader),
      nodes[1].input == [try output(nodes[0])],
      try constant(nodes[2], reads: output(nodes[1]), equals: 1, reader)
    else { throw wrong }
    let chain = try output(nodes[2])
    let byInput = Set(nodes[3].input) == [chain, x]
    let halved = try constant(nodes[3], reads: chain, equals: 0.5, reader)
    guard byInput || halved else { throw wrong }
    let middle = try output(nodes[3])
    let last =
      byInput
      ? try constant(nodes[4], reads: middle, equals: 0.5, reader)
      : Set(nodes[4].input) == [middle, x]
    guard last else { throw wrong }
    try apply(.gelu, node, output: output(nodes[4]), &reader)
    reader.index += 5
  }

  /// Whether `node` has two inputs, `value` and a constant equal to `expected`.
  static func constant(
    _ node: Onnx_NodeProto, reads value: String, equals expected: Float,
    _ reader: ONNXGraphReader
  ) throws -> Bool {
    guard node.input.count == 2, node.input.contains(value),
      let other = node.input.first(where: { $0 != value }), reader.isConstant(other)
    else { return false }
    return ONNXConstant.isScalar(try reader.floats(other, of: node, what: "constant"), expected)
  }

  /// `Sub` of constant means, then `Div` by constant deviations (either may be alone), on the
  /// graph's input before any layer: the model's standardization.
  static func standardization(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    let divides = reader.model.standardizer?.deviation.allSatisfy({ $0 == 1 }) ?? true
    guard reader.atStart, reader.model.standardizer == nil || (node.opType == "Div" && divides),
      let other = input(node, 1), reader.isConstant(other)
    else {
      throw ONNXError.at(
        node,
        "nnv imports \(node.opType) only on the input, before any layer, by a constant (the "
          + "input's standardization)")
    }
    let shape = reader.model.inputShape
    let values = try reader.floats(other, of: node, what: "constant")
    guard let expanded = try broadcast(values, to: shape) else {
      throw ONNXError.at(
        node,
        "its constant of shape \(Tensor.describe(values.shape)) does not fit samples of shape "
          + Tensor.describe(shape))
    }
    let count = expanded.count
    var standardizer =
      reader.model.standardizer
      ?? Standardizer(
        mean: [Float](repeating: 0, count: count), deviation: [Float](repeating: 1, count: count))
    if node.opType == "Sub" {
      standardizer.mean = expanded
    } else {
      guard expanded.allSatisfy({ $0 != 0 && $0.isFinite }) else {
        throw ONNXError.at(node, "it divides by zero or by a number that is not finite")
      }
      standardizer.deviation = expanded
    }
    reader.model.standardizer = standardizer
    reader.pass(to: try output(node))
    reader.index += 1
  }

  /// `tensor` broadcast to `shape` as numpy would (sizes 1 repeat; a leading batch size of 1
  /// is allowed), or nil when it does not fit.
  public static func broadcast(_ tensor: Tensor, to shape: [Int]) throws -> [Float]? {
    var dims = tensor.shape
    while dims.count > shape.count {
      guard dims.first == 1 else { return nil }
      dims.removeFirst()
    }
    dims = [Int](repeating: 1, count: shape.count - dims.count) + dims
    guard zip(dims, shape).allSatisfy({ $0 == 1 || $0 == $1 }) else { return nil }
    var strides = [Int](repeating: 0, count: dims.count)
    var step = 1
    for axis in dims.indices.reversed() {
      strides[axis] = dims[axis] == 1 ? 0 : step
      step *= dims[axis]
    }
    let count = shape.reduce(1, *)  // the model's input shape, within the limits
    var out = [Float](repeating: 0, count: count)
    var poller = Cancellation.Poller()
    for flat in 0..<count {
      try poller.advance()
      var rest = flat
      var source = 0
      for axis in shape.indices.reversed() {
        source += (rest % shape[axis]) * strides[axis]
        rest /= shape[axis]
      }
      out[flat] = tensor.scalars[source]
    }
    return out
  }
}
