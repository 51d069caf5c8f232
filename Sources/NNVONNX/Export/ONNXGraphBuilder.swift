import NNVCore

/// A graph being written one node at a time along a chain: each layer reads the value the
/// last node wrote (`current`) and writes the next one.
struct ONNXGraphBuilder {
  var graph = Onnx_GraphProto()
  /// The value the next node reads.
  var current: String
  /// The shape of one sample of `current` (without the batch dimension).
  var sampleShape: [Int]
  private var usedNames: Set<String> = []

  /// A chain that starts at the graph input `input`; `output` is reserved for the last node.
  init(input: String, output: String, sampleShape: [Int]) {
    current = input
    self.sampleShape = sampleShape
    usedNames = [input, output]
    reserved = output
  }

  /// The graph output's name, which only the last node may write.
  private let reserved: String

  /// `base`, or `base_2`, `base_3`, ... when it is taken.
  mutating func unique(_ base: String) -> String {
    var name = base
    var index = 2
    while usedNames.contains(name) {
      name = "\(base)_\(index)"
      index += 1
    }
    usedNames.insert(name)
    return name
  }

  /// Adds a FLOAT initializer and returns its name.
  mutating func constant(_ base: String, shape: [Int], values: [Float]) -> String {
    let name = unique(base)
    graph.initializer.append(ONNXTensorData.proto(name, shape: shape, values: values))
    return name
  }

  /// Adds an INT64 initializer and returns its name.
  mutating func integers(_ base: String, _ values: [Int]) -> String {
    let name = unique(base)
    graph.initializer.append(ONNXTensorData.proto(name, integers: values))
    return name
  }

  /// Adds a node and returns its outputs' names; an empty output name leaves it unused.
  @discardableResult
  mutating func node(
    _ op: String, name: String, inputs: [String], outputs: [String]? = nil,
    attributes: [Onnx_AttributeProto] = []
  ) -> [String] {
    var node = Onnx_NodeProto()
    node.opType = op
    node.name = unique(name)
    node.input = inputs
    node.output = (outputs ?? [node.name + "_out"]).map {
      $0.isEmpty || $0 == reserved ? $0 : unique($0)
    }
    node.attribute = attributes
    graph.node.append(node)
    return node.output
  }

  /// Adds a node that reads `current` (then `inputs`) and makes its output the new `current`.
  mutating func apply(
    _ op: String, name: String, inputs: [String] = [], attributes: [Onnx_AttributeProto] = []
  ) {
    current = node(op, name: name, inputs: [current] + inputs, attributes: attributes)[0]
  }

  /// A value's type: FLOAT, a symbolic batch dimension `N`, then `sampleShape`.
  static func valueInfo(_ name: String, sampleShape: [Int]) -> Onnx_ValueInfoProto {
    var shape = Onnx_TensorShapeProto()
    var batch = Onnx_TensorShapeProto.Dimension()
    batch.dimParam = "N"
    shape.dim = [batch]
    for size in sampleShape {
      var dimension = Onnx_TensorShapeProto.Dimension()
      dimension.dimValue = Int64(size)
      shape.dim.append(dimension)
    }
    var tensor = Onnx_TypeProto.Tensor()
    tensor.elemType = ONNXTensorData.floatType
    tensor.shape = shape
    var type = Onnx_TypeProto()
    type.tensorType = tensor
    var info = Onnx_ValueInfoProto()
    info.name = name
    info.type = type
    return info
  }
}
