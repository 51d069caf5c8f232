import NNVCore

/// Dense layers, dropout, flattening and the input's standardization from ONNX nodes.
extension ONNXImport {
  /// `Gemm` (alpha = beta = 1, A not transposed): a dense layer; B transposed (PyTorch's
  /// `Linear`) or not (nnv's).
  static func gemm(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard node.float("alpha", default: 1) == 1, node.float("beta", default: 1) == 1,
      node.int("transA", default: 0) == 0
    else {
      throw ONNXError.at(node, "nnv imports a Gemm with alpha 1, beta 1 and transA 0")
    }
    guard let weightName = input(node, 1) else {
      throw ONNXError.at(node, "it has no weight input")
    }
    var weight = try reader.floats(weightName, of: node, what: "weight")
    guard weight.rank == 2 else {
      throw ONNXError.at(node, "its weight has shape \(Tensor.describe(weight.shape)), not 2-D")
    }
    let transposed = node.int("transB", default: 0)
    guard transposed == 0 || transposed == 1 else {
      throw ONNXError.at(node, "its transB is \(transposed), not 0 or 1")
    }
    if transposed == 1 { weight = transpose(weight) }
    let bias = try input(node, 2).map { try reader.floats($0, of: node, what: "bias") }
    try addDense(node, weight: weight, bias: bias, output: output(node), &reader)
    reader.index += 1
  }

  /// `MatMul` by a constant `[in, out]`, with the `Add` of a constant `[out]` after it when
  /// there is one: a dense layer (at every step, on sequences).
  static func matMul(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard let weightName = input(node, 1), reader.isConstant(weightName) else {
      throw ONNXError.at(node, "nnv imports a MatMul of its input by a constant weight")
    }
    let weight = try reader.floats(weightName, of: node, what: "weight")
    guard weight.rank == 2 else {
      throw ONNXError.at(node, "its weight has shape \(Tensor.describe(weight.shape)), not 2-D")
    }
    var out = try output(node)
    var bias: Tensor?
    if let add = reader.peek(1), add.opType == "Add", add.input.count == 2, add.input.contains(out),
      let other = add.input.first(where: { $0 != out }), reader.isConstant(other)
    {
      bias = try reader.floats(other, of: add, what: "bias")
      out = try output(add)
      reader.index += 1
    }
    try addDense(node, weight: weight, bias: bias, output: out, &reader)
    reader.index += 1
  }

  /// Adds a dense layer with `weight` `[in, out]` and `bias` (`out` values, or none).
  static func addDense(
    _ node: Onnx_NodeProto, weight: Tensor, bias: Tensor?, output: String,
    _ reader: inout ONNXGraphReader
  ) throws {
    let (inputs, units) = (weight.shape[0], weight.shape[1])
    if let bias, bias.count != units {
      throw ONNXError.at(
        node, "its bias has \(bias.count) values for \(units) units")
    }
    let name = reader.layerName(for: node, kind: LayerKind.dense.name)
    let layer = try building(node) {
      var dense = try Dense(
        inputSize: inputs, outputSize: units, initializer: .zeros, name: name)
      dense.parameters = [
        weight, try Tensor(shape: [units], scalars: bias?.scalars ?? dense.bias.scalars),
      ]
      return dense
    }
    try reader.add(layer, from: node, output: output)
  }

  /// `[rows, columns]` as `[columns, rows]`.
  static func transpose(_ matrix: Tensor) -> Tensor {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    var values = [Float](repeating: 0, count: matrix.count)
    for r in 0..<rows {
      for c in 0..<columns { values[c * rows + r] = matrix.scalars[r * columns + c] }
    }
    return (try? Tensor(shape: [columns, rows], scalars: values)) ?? matrix
  }

  /// `Dropout` (its ratio from the ratio input, or 0.5): a dropout layer, which passes its
  /// input through outside training as ONNX's does.
  static func dropout(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard input(node, 2) == nil else {
      throw ONNXError.at(node, "nnv imports a Dropout without a training_mode input")
    }
    var rate = node.float("ratio", default: 0.5)
    if let ratio = input(node, 1) {
      let value = try reader.floats(ratio, of: node, what: "ratio")
      guard value.count == 1 else { throw ONNXError.at(node, "its ratio is not one number") }
      rate = value.scalars[0]
    }
    let name = reader.layerName(for: node, kind: LayerKind.dropout.name)
    let layer = try building(node) { try Dropout(rate: rate, name: name) }
    try reader.add(layer, from: node, output: output(node))
    reader.index += 1
  }

  /// `Flatten` at axis 1, or a `Reshape` to `[0 or -1, -1 or the sample size]`: a flatten
  /// layer.
  static func flatten(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    let size = Shape.checkedProduct(reader.shape) ?? 0
    if node.opType == "Flatten" {
      guard node.int("axis", default: 1) == 1 else {
        throw ONNXError.at(node, "nnv imports a Flatten at axis 1 (each sample to one row)")
      }
    } else {
      guard let shapeName = input(node, 1) else { throw ONNXError.at(node, "it has no shape") }
      let target = try reader.integers(shapeName, of: node, what: "shape")
      let flattens =
        target.count == 2 && (target[0] == 0 || target[0] == -1)
        && (target[1] == size || (target[1] == -1 && target[0] == 0))
      guard flattens, node.int("allowzero", default: 0) == 0 else {
        throw ONNXError.at(
          node,
          "nnv imports a Reshape that flattens each sample ([0, -1] or [-1, \(size)]), not to "
            + ONNXTensorData.describe(target))
      }
    }
    let name = reader.layerName(for: node, kind: LayerKind.flatten.name)
    try reader.add(Flatten(name: name), from: node, output: output(node))
    reader.index += 1
  }
}
