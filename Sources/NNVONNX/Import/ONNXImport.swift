import Foundation
import NNVCore
import SwiftProtobuf

/// Reads an ONNX model made of the layers nnv has into an nnv model.
///
/// The graph must be a chain: one float input `[N, ...]` with a free batch size, nodes that
/// each read the previous one's output (plus constant initializers), one output. What each run
/// of nodes becomes is in `ONNXImport+Layers` (Gemm, MatMul + Add, activations, Dropout,
/// Identity, Flatten, Reshape, a leading Sub/Div standardization), `+Images` (Conv, MaxPool,
/// AveragePool) and `+Recurrent` (RNN, LSTM, GRU). Anything else is an `ONNXError` naming the
/// node and its operator; every size is checked against `ResourceLimits` before it is used.
public enum ONNXImport {
  /// The largest ONNX file `load` reads: 1 GiB.
  public static let maximumFileSize = 1 << 30
  /// The operator sets whose operators nnv reads (Squeeze takes its axes as an input and
  /// Softmax works on one axis from 13 on).
  public static let opsets: ClosedRange<Int64> = 13...22

  /// Reads the ONNX file at `path`: only a regular file of at most `maximumFileSize` bytes.
  ///
  /// - Throws: `PersistenceError.cannotRead` when the file cannot be read, `ONNXError` when
  ///   it is not a model nnv can use.
  public static func load(from path: String) throws -> Sequential {
    let data: Data
    do {
      data = try FileReader.read(path, limit: maximumFileSize, what: "an ONNX file")
    } catch let problem as FileProblem {
      throw PersistenceError.cannotRead(path: path, reason: problem.reason)
    }
    return try decode(data)
  }

  /// The model in ONNX file bytes.
  public static func decode(_ data: Data) throws -> Sequential {
    let proto: Onnx_ModelProto
    do {
      proto = try Onnx_ModelProto(serializedBytes: data)
    } catch {
      throw ONNXError.invalidFile(
        reason: "its bytes are not an ONNX model (\(error)); the file may be cut short")
    }
    return try model(from: proto)
  }

  /// The nnv model of an ONNX model.
  public static func model(from proto: Onnx_ModelProto) throws -> Sequential {
    try checkOpset(proto)
    let graph = proto.graph
    var constants: [String: Onnx_TensorProto] = [:]
    for tensor in graph.initializer { constants[tensor.name] = tensor }
    var nodes: [Onnx_NodeProto] = []
    for node in graph.node {
      try Cancellation.check()
      guard node.domain.isEmpty || node.domain == "ai.onnx" else {
        throw ONNXError.at(node, "its domain '\(node.domain.prefix(100))' is not ONNX's")
      }
      if node.opType == "Constant" {
        constants[node.output.first ?? ""] = try ONNXConstant.tensor(of: node)
      } else {
        nodes.append(node)
      }
    }
    let (input, shape) = try graphInput(graph, constants: constants)
    var model: Sequential
    do {
      let name = ONNXMetadata.value(ONNXMetadata.modelKey, in: proto) ?? graph.name
      model = try Sequential(name: name.isEmpty ? "model" : name, inputShape: shape)
    } catch {
      throw ONNXError.invalidFile(
        reason: "its input '\(input.prefix(100))' cannot be used: \(error)")
    }
    var reader = ONNXGraphReader(
      nodes: nodes, constants: constants, input: input, model: model)
    while let node = reader.peek() {
      try Cancellation.check()
      try read(node, &reader)
    }
    try reader.commit()
    try checkOutput(graph, reader: reader)
    model = reader.model
    model.classNames = ONNXMetadata.names(ONNXMetadata.classesKey, in: proto)
    model.featureNames = ONNXMetadata.names(ONNXMetadata.featuresKey, in: proto)
    return model
  }

  /// Throws unless the model imports a default-domain opset nnv reads.
  static func checkOpset(_ proto: Onnx_ModelProto) throws {
    guard proto.hasGraph else { throw ONNXError.invalidFile(reason: "it has no graph") }
    let standard = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }
    guard let version = standard?.version else {
      throw ONNXError.invalidFile(reason: "it does not say which ONNX operator set it uses")
    }
    guard opsets.contains(version) else {
      throw ONNXError.invalidFile(
        reason: "it uses ONNX operator set \(version); nnv reads \(opsets.lowerBound) to "
          + "\(opsets.upperBound) (export it again with opset_version=17)")
    }
  }

  /// The graph's one data input (the inputs that are not initializers) and its sample shape.
  static func graphInput(_ graph: Onnx_GraphProto, constants: [String: Onnx_TensorProto])
    throws -> (String, [Int])
  {
    let inputs = graph.input.filter { constants[$0.name] == nil }
    guard inputs.count == 1, let input = inputs.first else {
      throw ONNXError.invalidFile(
        reason: "it has \(inputs.count) data inputs; nnv imports models with one")
    }
    let name = String(input.name.prefix(100))
    guard input.type.tensorType.elemType == ONNXTensorData.floatType else {
      throw ONNXError.invalidFile(reason: "its input '\(name)' is not a FLOAT tensor")
    }
    let dims = input.type.tensorType.shape.dim
    guard input.type.tensorType.hasShape, (2...4).contains(dims.count) else {
      throw ONNXError.invalidFile(
        reason: "its input '\(name)' has \(dims.count) dimensions; nnv takes a batch "
          + "dimension and one to three sizes")
    }
    var shape: [Int] = []
    for dimension in dims.dropFirst() {
      guard case .dimValue(let size) = dimension.value, size >= 1 else {
        throw ONNXError.invalidFile(
          reason: "its input '\(name)' has a size that is not a positive number after the "
            + "batch dimension; nnv needs each sample's shape")
      }
      shape.append(Int(truncatingIfNeeded: size))
    }
    return (input.name, shape)
  }

  /// Throws unless the chain ends at the graph's one output.
  static func checkOutput(_ graph: Onnx_GraphProto, reader: ONNXGraphReader) throws {
    guard graph.output.count == 1, let output = graph.output.first else {
      throw ONNXError.invalidFile(
        reason: "it has \(graph.output.count) outputs; nnv imports models with one")
    }
    guard output.name == reader.current else {
      throw ONNXError.invalidFile(
        reason: "its output '\(output.name.prefix(100))' is not what the last node writes")
    }
  }
}
