import NNVCore

/// Recurrent layers as ONNX's `RNN`, `LSTM` and `GRU` nodes.
///
/// ONNX's recurrent operators read `[T, N, F]` (time first) and write every step's state
/// `Y [T, 1, N, H]` and the last one `Y_h [1, N, H]`, so the layer becomes a `Transpose` to
/// time first, the operator, and a `Squeeze` of `Y_h` (the last state) or of `Y` followed by a
/// `Transpose` back (every step). The weights are nnv's transposed, with their gate blocks in
/// ONNX's order: i, o, f, c for an LSTM (nnv's i, f, g, o) and z, r, h for a GRU (nnv's r, z, n);
/// a GRU is PyTorch's, `linear_before_reset` 1. nnv's one bias of an rnn or an LSTM is ONNX's
/// input bias, with a zero recurrent bias.
extension Recurrent {
  /// For each of ONNX's gate blocks, the nnv block it comes from.
  static func onnxGateOrder(_ cell: RecurrentCell) -> [Int] {
    switch cell {
    case .rnn: [0]
    case .lstm: [0, 3, 1, 2]
    case .gru: [1, 0, 2]
    }
  }

  /// ONNX's operator for the cell.
  static func onnxOperator(_ cell: RecurrentCell) -> String {
    switch cell {
    case .rnn: "RNN"
    case .lstm: "LSTM"
    case .gru: "GRU"
    }
  }

  func export(into builder: inout ONNXGraphBuilder) throws {
    let order = Recurrent.onnxGateOrder(cell)
    let w = builder.constant(
      "\(name).W", shape: [1, cell.gateCount * units, inputSize],
      values: try ONNXGates.toONNX(inputWeight, order: order, units: units))
    let r = builder.constant(
      "\(name).R", shape: [1, cell.gateCount * units, units],
      values: try ONNXGates.toONNX(recurrentWeight, order: order, units: units))
    var inputs = [w, r]
    if hasBias {
      let input = ONNXGates.biasToONNX(biases[0], order: order, units: units)
      let recurrent =
        biases.count > 1
        ? ONNXGates.biasToONNX(biases[1], order: order, units: units)
        : [Float](repeating: 0, count: input.count)
      inputs.append(
        builder.constant("\(name).B", shape: [1, 2 * input.count], values: input + recurrent))
    }
    var attributes = [ONNXAttribute.int("hidden_size", units)]
    switch cell {
    case .rnn(let nonlinearity):
      attributes.append(
        ONNXAttribute.strings("activations", [nonlinearity == .relu ? "Relu" : "Tanh"]))
    case .gru: attributes.append(ONNXAttribute.int("linear_before_reset", 1))
    case .lstm: break
    }
    let perm = ONNXAttribute.ints("perm", [1, 0, 2])
    builder.apply("Transpose", name: "\(name)_time_first", attributes: [perm])
    let outputs = builder.node(
      Recurrent.onnxOperator(cell), name: name, inputs: [builder.current] + inputs,
      outputs: [returnsSequences ? "\(name)_Y" : "", "\(name)_Y_h"], attributes: attributes)
    if returnsSequences {
      builder.current = outputs[0]
      let axis = builder.integers("\(name).axis", [1])
      builder.apply("Squeeze", name: "\(name)_squeeze", inputs: [axis])
      builder.apply("Transpose", name: "\(name)_batch_first", attributes: [perm])
    } else {
      builder.current = outputs[1]
      let axis = builder.integers("\(name).axis", [0])
      builder.apply("Squeeze", name: "\(name)_last", inputs: [axis])
    }
  }
}

/// Moving gate blocks between nnv's and ONNX's layouts.
enum ONNXGates {
  /// nnv's `[rows, G·H]` (blocks in nnv's order) as ONNX's `[G·H, rows]`, row-major, with
  /// ONNX block k taken from nnv block `order[k]`.
  static func toONNX(_ weight: Tensor, order: [Int], units: Int) throws -> [Float] {
    let rows = weight.shape[0]
    let columns = weight.shape[1]
    var out = [Float](repeating: 0, count: rows * columns)
    for (k, source) in order.enumerated() {
      for j in 0..<units {
        try Cancellation.check()
        for r in 0..<rows {
          out[(k * units + j) * rows + r] = weight.scalars[r * columns + source * units + j]
        }
      }
    }
    return out
  }

  /// A bias `[G·H]` in nnv's block order as ONNX's.
  static func biasToONNX(_ bias: Tensor, order: [Int], units: Int) -> [Float] {
    order.flatMap { source in bias.scalars[(source * units)..<((source + 1) * units)] }
  }

  /// ONNX's `[G·H, rows]` (row-major `values`) as nnv's `[rows, G·H]`: the inverse of
  /// `toONNX`.
  static func fromONNX(_ values: [Float], rows: Int, order: [Int], units: Int) throws
    -> [Float]
  {
    let columns = order.count * units
    var out = [Float](repeating: 0, count: rows * columns)
    for (k, target) in order.enumerated() {
      for j in 0..<units {
        try Cancellation.check()
        for r in 0..<rows {
          out[r * columns + target * units + j] = values[(k * units + j) * rows + r]
        }
      }
    }
    return out
  }

  /// An ONNX bias block sequence as nnv's order.
  static func biasFromONNX(_ values: ArraySlice<Float>, order: [Int], units: Int) -> [Float] {
    var out = [Float](repeating: 0, count: order.count * units)
    let start = values.startIndex
    for (k, target) in order.enumerated() {
      for j in 0..<units { out[target * units + j] = values[start + k * units + j] }
    }
    return out
  }
}
