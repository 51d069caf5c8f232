import NNVCore

/// Which run of nodes becomes which layer.
extension ONNXImport {
  /// The operators nnv imports, for messages.
  static let supportedOperators =
    "Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Gelu or its Erf form, "
    + "Dropout, Identity, Flatten, Reshape, Conv, MaxPool, AveragePool, Transpose + RNN, LSTM or "
    + "GRU, and Sub/Div on the input"

  /// Reads the run of nodes that starts at the reader's next node.
  static func read(_ node: Onnx_NodeProto, _ reader: inout ONNXGraphReader) throws {
    switch node.opType {
    case "Identity":
      try reader.requireChain(node)
      reader.pass(to: node.output.first ?? "")
      reader.index += 1
    case "Gemm": try gemm(node, &reader)
    case "MatMul": try matMul(node, &reader)
    case "Relu", "Sigmoid", "Tanh", "Softmax", "LeakyRelu", "Gelu":
      try activation(node, &reader)
    case "Div" where reader.peek(1)?.opType == "Erf", "Mul" where reader.peek(1)?.opType == "Erf":
      try erfGelu(node, &reader)
    case "Sub", "Div": try standardization(node, &reader)
    case "Dropout": try dropout(node, &reader)
    case "Flatten", "Reshape": try flatten(node, &reader)
    case "Conv": try conv(node, &reader)
    case "MaxPool", "AveragePool": try pooling(node, &reader)
    case "Transpose": try recurrent(node, &reader)
    case "RNN", "LSTM", "GRU":
      throw ONNXError.at(
        node,
        "nnv imports a recurrent node after a Transpose with perm [1, 0, 2] of its batch-first "
          + "input (layout 0), as nnv exports it")
    default:
      throw ONNXError.at(
        node, "nnv does not import this operator; it imports \(supportedOperators)")
    }
  }

  /// `node`'s output number `index`, or an error when it has none.
  static func output(_ node: Onnx_NodeProto, _ index: Int = 0) throws -> String {
    guard index < node.output.count, !node.output[index].isEmpty else {
      throw ONNXError.at(node, "it has no output \(index)")
    }
    return node.output[index]
  }

  /// `node`'s input number `index` when it is given (inputs may be left out or empty).
  static func input(_ node: Onnx_NodeProto, _ index: Int) -> String? {
    index < node.input.count && !node.input[index].isEmpty ? node.input[index] : nil
  }

  /// Wraps a core error (a layer that cannot be built, a limit) with the node it comes from.
  static func building<T>(_ node: Onnx_NodeProto, _ make: () throws -> T) throws -> T {
    do {
      return try make()
    } catch {
      throw ONNXError.wrapping(error, at: node)
    }
  }
}
