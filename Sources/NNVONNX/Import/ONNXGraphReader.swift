import NNVCore

/// Reads a graph as a chain of layers: each node (or short run of nodes) reads the value the
/// one before wrote (`current`) and becomes one nnv layer, or folds into the last one (an
/// activation after a dense or conv layer becomes its activation).
struct ONNXGraphReader {
  /// The nodes in order, without `Constant` nodes (whose values are in `constants`).
  let nodes: [Onnx_NodeProto]
  /// Initializers and `Constant` outputs by name, converted only when a node uses them.
  let constants: [String: Onnx_TensorProto]
  /// The next node to read.
  var index = 0
  /// The value the next node must read.
  var current: String
  /// The model so far, without `pending`.
  var model: Sequential
  /// The last layer read, kept apart until the next so an activation can fold into it.
  private(set) var pending: (layer: any Layer, node: Onnx_NodeProto)?
  /// The shape of one sample of `current`.
  private(set) var shape: [Int]

  init(
    nodes: [Onnx_NodeProto], constants: [String: Onnx_TensorProto], input: String,
    model: Sequential
  ) {
    self.nodes = nodes
    self.constants = constants
    self.current = input
    self.model = model
    self.shape = model.inputShape
  }

  /// The node `offset` places after the next one, if there is one.
  func peek(_ offset: Int = 0) -> Onnx_NodeProto? {
    let position = index + offset
    return position < nodes.count ? nodes[position] : nil
  }

  /// Whether nothing but standardization has been read yet.
  var atStart: Bool { pending == nil && model.layers.isEmpty }

  /// Throws unless `node` reads `current` as its first input (or, with `anyInput`, any input).
  func requireChain(_ node: Onnx_NodeProto, anyInput: Bool = false) throws {
    let reads = anyInput ? node.input.contains(current) : node.input.first == current
    guard reads else {
      let read = node.input.first.map { "'\(String($0.prefix(100)))'" } ?? "nothing"
      throw ONNXError.at(
        node,
        "it reads \(read), but nnv imports a chain of layers, each reading what the one before "
          + "wrote ('\(String(current.prefix(100)))')")
    }
  }

  /// Whether `name` is a constant (an initializer or a `Constant` node's output).
  func isConstant(_ name: String) -> Bool { constants[name] != nil }

  /// The float constant `name` that `node` reads, checked.
  func floats(_ name: String, of node: Onnx_NodeProto, what: String) throws -> Tensor {
    guard let proto = constants[name] else {
      throw ONNXError.at(node, "its \(what) '\(name.prefix(100))' is not a constant initializer")
    }
    do {
      return try ONNXTensorData.floats(proto, what: "its \(what) '\(name.prefix(100))'")
    } catch {
      throw ONNXError.wrapping(error, at: node)
    }
  }

  /// The INT64 constant `name` that `node` reads, checked.
  func integers(_ name: String, of node: Onnx_NodeProto, what: String) throws -> [Int] {
    guard let proto = constants[name] else {
      throw ONNXError.at(node, "its \(what) '\(name.prefix(100))' is not a constant initializer")
    }
    do {
      return try ONNXTensorData.integers(proto, what: "its \(what) '\(name.prefix(100))'")
    } catch {
      throw ONNXError.wrapping(error, at: node)
    }
  }

  /// A name for a new layer of `kind` read from `node`: the node's, when it is a plain name
  /// not yet used, otherwise the next default (`dense_2`, counting the pending layer too).
  func layerName(for node: Onnx_NodeProto, kind: String) -> String {
    let name = node.name
    let plain =
      !name.isEmpty && name.count <= 64
      && name.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)
      }
      && !(name.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? true)
    let layers = model.layers + (pending.map { [$0.layer] } ?? [])
    let used = Set(layers.map(\.name))
    if plain && !used.contains(name) { return name }
    var index = layers.filter { $0.kind == kind }.count + 1
    while used.contains("\(kind)_\(index)") { index += 1 }
    return "\(kind)_\(index)"
  }

  /// Adds the layer read from `node`, after the pending one, and moves `current` to `output`.
  mutating func add(_ layer: any Layer, from node: Onnx_NodeProto, output: String) throws {
    try commit()
    do {
      shape = try LayerRegistry.outputShape(of: layer, for: shape)
    } catch {
      throw ONNXError.wrapping(error, at: node)
    }
    pending = (layer, node)
    current = output
  }

  /// Folds `activation` into the pending layer when it is a dense or conv layer without one;
  /// returns false when it cannot.
  mutating func fold(_ activation: Activation) -> Bool {
    guard let (layer, node) = pending, layer.activation == .linear else { return false }
    if var dense = layer as? Dense {
      dense.activation = activation
      pending = (dense, node)
      return true
    }
    if var conv = layer as? Conv2D, activation != .softmax {
      conv.activation = activation
      pending = (conv, node)
      return true
    }
    return false
  }

  /// Moves `current` past a node that changes nothing nnv keeps (`Identity`).
  mutating func pass(to output: String) { current = output }

  /// Appends the pending layer to the model.
  mutating func commit() throws {
    guard let (layer, node) = pending else { return }
    do {
      try model.append(layer)
    } catch {
      throw ONNXError.wrapping(error, at: node)
    }
    pending = nil
  }
}
