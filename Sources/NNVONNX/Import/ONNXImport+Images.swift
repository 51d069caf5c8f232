import NNVCore

/// Convolution and pooling layers from ONNX nodes.
extension ONNXImport {
  /// `Conv` with square kernels, equal strides, no dilation or groups, and no padding or
  /// nnv's `same` padding: a conv layer.
  static func conv(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard let weightName = input(node, 1) else {
      throw ONNXError.at(node, "it has no weight input")
    }
    let weight = try reader.floats(weightName, of: node, what: "weight")
    let shape = weight.shape
    guard shape.count == 4, shape[2] == shape[3] else {
      throw ONNXError.at(
        node,
        "nnv imports 2-D convolutions with square kernels, weights [filters, channels, k, k], "
          + "not \(Tensor.describe(shape))")
    }
    guard node.int("group", default: 1) == 1,
      (node.ints("dilations") ?? [1, 1]).allSatisfy({ $0 == 1 })
    else {
      throw ONNXError.at(node, "nnv imports convolutions without groups or dilation")
    }
    if let kernel = node.ints("kernel_shape"), kernel != [shape[2], shape[3]] {
      throw ONNXError.at(node, "its kernel_shape does not match its weight")
    }
    let stride = try squareStride(node)
    let padding = try self.padding(node, kernel: shape[2], stride: stride, reader.shape)
    let filters = shape[0]
    let bias =
      try input(node, 2).map { try reader.floats($0, of: node, what: "bias") }
      ?? Tensor.zeros([filters])
    guard bias.count == filters else {
      throw ONNXError.at(node, "its bias has \(bias.count) values for \(filters) filters")
    }
    let name = reader.layerName(for: node, kind: LayerKind.conv.name)
    let layer = try building(node) {
      try Conv2D(
        weight: weight, bias: try bias.reshaped([filters]), stride: stride, padding: padding,
        name: name)
    }
    try reader.add(layer, from: node, output: output(node))
    reader.index += 1
  }

  /// The one stride of both axes (1 when not given).
  static func squareStride(_ node: Onnx_NodeProto) throws -> Int {
    let strides = node.ints("strides") ?? [1, 1]
    guard strides.count == 2, strides[0] == strides[1], strides[0] >= 1 else {
      throw ONNXError.at(
        node, "nnv imports the same stride along both axes, not \(ONNXTensorData.describe(strides))"
      )
    }
    return strides[0]
  }

  /// `valid` for no padding, `same` for the pads nnv's `same` gives the input, or an error.
  static func padding(_ node: Onnx_NodeProto, kernel: Int, stride: Int, _ input: [Int]) throws
    -> Padding
  {
    let automatic = node.string("auto_pad", default: "NOTSET")
    let pads = node.ints("pads") ?? [0, 0, 0, 0]
    var same: [Int]?
    if input.count == 3,
      let rows = WindowAxis(input: input[1], kernel: kernel, stride: stride, padding: .same),
      let columns = WindowAxis(input: input[2], kernel: kernel, stride: stride, padding: .same)
    {
      same = [rows.padBefore, columns.padBefore, rows.padAfter, columns.padAfter]
    }
    switch automatic {
    case "VALID": return .valid
    case "SAME_UPPER": return .same
    case "NOTSET" where pads.allSatisfy({ $0 == 0 }): return .valid
    case "NOTSET" where pads == same: return .same
    default:
      throw ONNXError.at(
        node,
        "nnv pads valid (none) or same (\(same.map(ONNXTensorData.describe) ?? "-") here), not "
          + "auto_pad \(automatic.prefix(20)) with pads \(ONNXTensorData.describe(pads))")
    }
  }

  /// `MaxPool` or `AveragePool` over square windows without padding, rounding down: a pooling
  /// layer.
  static func pooling(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard let kernel = node.ints("kernel_shape"), kernel.count == 2, kernel[0] == kernel[1]
    else {
      throw ONNXError.at(node, "nnv imports pooling over square 2-D windows")
    }
    let stride = try squareStride(node)
    let padding = try self.padding(node, kernel: kernel[0], stride: stride, reader.shape)
    guard padding == .valid,
      node.int("ceil_mode", default: 0) == 0,
      (node.ints("dilations") ?? [1, 1]).allSatisfy({ $0 == 1 }),
      node.int("storage_order", default: 0) == 0, node.output.count == 1
    else {
      throw ONNXError.at(
        node, "nnv imports pooling without padding, dilation or ceil_mode, with one output")
    }
    let name = reader.layerName(
      for: node, kind: (node.opType == "MaxPool" ? LayerKind.maxpool : LayerKind.avgpool).name)
    let layer: any Layer = try building(node) {
      if node.opType == "MaxPool" {
        return try MaxPool2D(size: kernel[0], stride: stride, name: name)
      }
      return try AvgPool2D(size: kernel[0], stride: stride, name: name)
    }
    try reader.add(layer, from: node, output: output(node))
    reader.index += 1
  }
}
