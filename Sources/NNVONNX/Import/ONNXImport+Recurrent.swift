import NNVCore

/// Recurrent layers from ONNX nodes: `Transpose` to time first, `RNN`, `LSTM` or `GRU` with
/// one forward direction from a zero state, then a `Squeeze` of the last state, or of every
/// step's followed by a `Transpose` back to batch first (`ONNXExport+Recurrent` writes these).
extension ONNXImport {
  static func recurrent(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    try reader.requireChain(node)
    guard node.ints("perm") == [1, 0, 2], let cellNode = reader.peek(1),
      ["RNN", "LSTM", "GRU"].contains(cellNode.opType),
      cellNode.input.first == (try output(node))
    else {
      throw ONNXError.at(
        node,
        "nnv imports a Transpose with perm [1, 0, 2] only before an RNN, LSTM or GRU node")
    }
    let cell = try self.cell(cellNode)
    try checkSettings(cellNode, cell: cell, reader)
    let (weights, biases) = try parameters(cellNode, cell: cell, reader)
    let (sequences, out, used) = try ending(cellNode, reader)
    let name = reader.layerName(for: cellNode, kind: cell.name)
    let layer = try building(cellNode) {
      try Recurrent(
        cell, inputWeight: weights.0, recurrentWeight: weights.1, biases: biases,
        returnsSequences: sequences, name: name)
    }
    try reader.add(layer, from: cellNode, output: out)
    reader.index += 2 + used
  }

  /// The cell of an `RNN`, `LSTM` or `GRU` node with the activations nnv's have.
  static func cell(_ node: Onnx_NodeProto) throws -> RecurrentCell {
    let activations = node.strings("activations")
    switch node.opType {
    case "RNN":
      switch activations?.map({ $0.lowercased() }) ?? ["tanh"] {
      case ["tanh"]: return .rnn(.tanh)
      case ["relu"]: return .rnn(.relu)
      default: throw ONNXError.at(node, "nnv's rnn applies Tanh or Relu")
      }
    case "LSTM":
      guard activations == nil || activations == ["Sigmoid", "Tanh", "Tanh"] else {
        throw ONNXError.at(node, "nnv's lstm applies Sigmoid, Tanh and Tanh")
      }
      return .lstm
    default:
      guard activations == nil || activations == ["Sigmoid", "Tanh"] else {
        throw ONNXError.at(node, "nnv's gru applies Sigmoid and Tanh")
      }
      guard node.int("linear_before_reset", default: 0) == 1 else {
        throw ONNXError.at(
          node, "nnv's gru is PyTorch's, with linear_before_reset 1; this one resets first")
      }
      return .gru
    }
  }

  /// Throws for settings nnv's layers do not have: two directions, clipping, peepholes, a
  /// coupled input and forget gate, sequence lengths, a starting state that is not zero.
  static func checkSettings(_ node: Onnx_NodeProto, cell: RecurrentCell, _ reader: ONNXGraphReader)
    throws
  {
    guard node.string("direction", default: "forward") == "forward",
      node.int("layout", default: 0) == 0, node.attribute("clip") == nil,
      node.int("input_forget", default: 0) == 0, node.attribute("activation_alpha") == nil,
      node.attribute("activation_beta") == nil, input(node, 4) == nil, input(node, 7) == nil
    else {
      throw ONNXError.at(
        node,
        "nnv imports one forward direction (layout 0) without clip, peepholes, input_forget, "
          + "activation parameters or sequence lengths")
    }
    for index in [5, 6] {
      guard let state = input(node, index) else { continue }
      let values = try reader.floats(state, of: node, what: "initial state")
      guard values.scalars.allSatisfy({ $0 == 0 }) else {
        throw ONNXError.at(node, "nnv's recurrent layers start from a zero state")
      }
    }
  }

  /// The weights in nnv's layout and order, and the biases (none, one, or a GRU's two).
  static func parameters(_ node: Onnx_NodeProto, cell: RecurrentCell, _ reader: ONNXGraphReader)
    throws -> ((Tensor, Tensor), [Tensor])
  {
    guard let wName = input(node, 1), let rName = input(node, 2) else {
      throw ONNXError.at(node, "it has no W or R input")
    }
    let w = try reader.floats(wName, of: node, what: "W")
    let r = try reader.floats(rName, of: node, what: "R")
    let gates = cell.gateCount
    guard r.rank == 3, r.shape[0] == 1, w.rank == 3, w.shape[0] == 1, r.shape[2] >= 1,
      let columns = Shape.product(gates, r.shape[2]), r.shape[1] == columns,
      w.shape[1] == columns, w.shape[2] >= 1
    else {
      throw ONNXError.at(
        node,
        "its W \(Tensor.describe(w.shape)) and R \(Tensor.describe(r.shape)) are not "
          + "[1, \(gates)·H, features] and [1, \(gates)·H, H]")
    }
    let (features, units) = (w.shape[2], r.shape[2])
    if let hidden = node.attribute("hidden_size"), Int(truncatingIfNeeded: hidden.i) != units {
      throw ONNXError.at(node, "its hidden_size \(hidden.i) does not match R's \(units)")
    }
    let order = Recurrent.onnxGateOrder(cell)
    let inputWeight = try Tensor(
      shape: [features, columns],
      scalars: try ONNXGates.fromONNX(w.scalars, rows: features, order: order, units: units))
    let recurrentWeight = try Tensor(
      shape: [units, columns],
      scalars: try ONNXGates.fromONNX(r.scalars, rows: units, order: order, units: units))
    guard let bName = input(node, 3) else { return ((inputWeight, recurrentWeight), []) }
    let b = try reader.floats(bName, of: node, what: "B")
    guard b.shape == [1, 2 * columns] else {
      throw ONNXError.at(
        node, "its B has shape \(Tensor.describe(b.shape)), not [1, \(2 * columns)]")
    }
    let inputBias = ONNXGates.biasFromONNX(b.scalars[0..<columns], order: order, units: units)
    let recurrentBias = ONNXGates.biasFromONNX(
      b.scalars[columns...], order: order, units: units)
    let biases =
      cell == .gru
      ? [Tensor(inputBias), Tensor(recurrentBias)]
      : [Tensor(zip(inputBias, recurrentBias).map { $0 + $1 })]
    return ((inputWeight, recurrentWeight), biases)
  }

  /// What the nodes after the cell take: `Squeeze` of Y_h on axis 0 (the last state), or
  /// `Squeeze` of Y on axis 1 then `Transpose` [1, 0, 2] (every step). Returns whether it is
  /// every step, the value that ends the run and how many nodes it took.
  static func ending(_ cell: Onnx_NodeProto, _ reader: ONNXGraphReader) throws
    -> (Bool, String, Int)
  {
    let outputs = cell.output
    guard let squeeze = reader.peek(2), squeeze.opType == "Squeeze",
      let read = squeeze.input.first, outputs.contains(read)
    else {
      throw ONNXError.at(
        cell, "nnv imports a recurrent node followed by a Squeeze of its Y or Y_h output")
    }
    let axes =
      try input(squeeze, 1).map { try reader.integers($0, of: squeeze, what: "axes") }
      ?? squeeze.ints("axes") ?? []
    let squeezed = try output(squeeze)
    if outputs.count > 1, read == outputs[1], axes == [0] { return (false, squeezed, 1) }
    guard read == outputs[0], axes == [1], let back = reader.peek(3),
      back.opType == "Transpose", back.ints("perm") == [1, 0, 2], back.input.first == squeezed
    else {
      throw ONNXError.at(
        squeeze,
        "nnv imports a Squeeze of Y_h at axis 0 (the last state), or of Y at axis 1 followed "
          + "by a Transpose [1, 0, 2] (every step)")
    }
    return (true, try output(back), 2)
  }
}
