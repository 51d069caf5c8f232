/// An ONNX file that nnv cannot read, or a model it cannot write as ONNX.
public enum ONNXError: Error, Equatable, CustomStringConvertible {
  /// The bytes are not an ONNX model nnv can read (cut short, corrupt, not protobuf), or the
  /// graph as a whole does not fit (no input, an opset nnv does not know).
  case invalidFile(reason: String)
  /// One node of the graph: an operator nnv does not import, or one with settings, weights or
  /// shapes it cannot use.
  case unsupportedNode(op: String, node: String, reason: String)
  /// A model nnv cannot export.
  case cannotExport(reason: String)

  public var description: String {
    switch self {
    case .invalidFile(let reason): "not a usable ONNX model: \(reason)"
    case .unsupportedNode(let op, let node, let reason): "node '\(node)' (\(op)): \(reason)"
    case .cannotExport(let reason): "cannot export to ONNX: \(reason)"
    }
  }

  /// `error` (a layer that cannot be built, a limit, a bad initializer) as the error of
  /// `node`; a cancellation stays a cancellation.
  static func wrapping(_ error: any Error, at node: Onnx_NodeProto) -> any Error {
    if error is CancellationError || error is ONNXError { return error }
    return at(node, "\(error)")
  }

  /// The error for `node`, whose name may be empty in a file.
  static func at(_ node: Onnx_NodeProto, _ reason: String) -> ONNXError {
    .unsupportedNode(op: node.opType, node: node.displayName, reason: reason)
  }
}

extension Onnx_NodeProto {
  /// The node's name, or its first output's when it has none, for messages.
  var displayName: String {
    if !name.isEmpty { return String(name.prefix(200)) }
    return String((output.first ?? "unnamed").prefix(200))
  }
}
