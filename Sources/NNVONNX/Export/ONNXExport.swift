import Foundation
import NNVCore

/// Writes an nnv model as a standard ONNX model (opset 17) that any ONNX runtime can run.
///
/// The graph reads `input`, shaped `[N] + inputShape` with a symbolic batch size `N`, and writes
/// `output`, `[N] + outputShape`. The model's standardization comes first (`Sub` of the stored
/// means, `Div` by the deviations), then each layer as the nodes of its family
/// (`ONNXExport+Dense`, `+Images`, `+Recurrent`), named after the layer. The class and feature
/// names, the model's name and the nnv version are in the metadata (`ONNXMetadata`).
///
/// Opset 17 is chosen over opset 20's `Gelu` so that older runtimes (and PyTorch's default
/// export opset) read the file: GELU is written as its exact formula, x·½·(1 + erf(x/√2)).
public enum ONNXExport {
  /// The operator set the graph uses.
  public static let opsetVersion: Int64 = 17
  /// The IR version that goes with opset 17.
  public static let irVersion: Int64 = 8
  /// The name of the graph's input, `[N] + inputShape`.
  public static let inputName = "input"
  /// The name of the graph's output, `[N] + outputShape`.
  public static let outputName = "output"

  /// The ONNX model of `model`; `producerVersion` is the nnv version written in the file.
  ///
  /// - Throws: `ONNXError.cannotExport` for a layer kind ONNX export does not know.
  public static func model(_ model: Sequential, producerVersion: String) throws
    -> Onnx_ModelProto
  {
    var builder = ONNXGraphBuilder(
      input: inputName, output: outputName, sampleShape: model.inputShape)
    builder.graph.name = model.name
    if let standardizer = model.standardizer {
      try standardization(standardizer, into: &builder)
    }
    for (index, layer) in model.layers.enumerated() {
      try export(layer, into: &builder)
      builder.sampleShape = model.outputShapes[index]
    }
    // The last node writes the graph's output under its public name.
    builder.node("Identity", name: "result", inputs: [builder.current], outputs: [outputName])
    builder.graph.input = [
      ONNXGraphBuilder.valueInfo(inputName, sampleShape: model.inputShape)
    ]
    builder.graph.output = [
      ONNXGraphBuilder.valueInfo(outputName, sampleShape: model.outputShape)
    ]
    var proto = Onnx_ModelProto()
    proto.irVersion = irVersion
    proto.producerName = "nnv"
    proto.producerVersion = producerVersion
    var opset = Onnx_OperatorSetIdProto()
    opset.domain = ""
    opset.version = opsetVersion
    proto.opsetImport = [opset]
    proto.graph = builder.graph
    proto.metadataProps = ONNXMetadata.properties(of: model, producerVersion: producerVersion)
    return proto
  }

  /// The bytes of the ONNX file of `model`.
  public static func encode(_ model: Sequential, producerVersion: String) throws -> Data {
    try self.model(model, producerVersion: producerVersion).serializedBytes()
  }

  /// Writes the ONNX file of `model` to `path` atomically (see `AtomicFile`).
  ///
  /// - Throws: `ONNXError.cannotExport`, or `PersistenceError.cannotWrite` with the reason.
  public static func save(_ model: Sequential, to path: String, producerVersion: String) throws {
    try AtomicFile.write(encode(model, producerVersion: producerVersion), to: path)
  }

  /// `Sub` of the means and `Div` by the deviations, each shaped as one sample.
  static func standardization(_ standardizer: Standardizer, into builder: inout ONNXGraphBuilder)
    throws
  {
    let shape = builder.sampleShape
    guard standardizer.mean.count == Shape.checkedProduct(shape),
      standardizer.deviation.count == standardizer.mean.count
    else {
      throw ONNXError.cannotExport(
        reason: "the model's standardization has \(standardizer.mean.count) features, but its "
          + "input has \(Shape.checkedProduct(shape) ?? 0)")
    }
    let mean = builder.constant("standardize.mean", shape: shape, values: standardizer.mean)
    let deviation = builder.constant(
      "standardize.deviation", shape: shape, values: standardizer.deviation)
    builder.apply("Sub", name: "standardize_sub", inputs: [mean])
    builder.apply("Div", name: "standardize_div", inputs: [deviation])
  }

  /// The nodes of one layer, by its family.
  static func export(_ layer: any Layer, into builder: inout ONNXGraphBuilder) throws {
    switch layer {
    case let dense as Dense: dense.export(into: &builder)
    case let conv as Conv2D: try conv.export(into: &builder)
    case let pool as MaxPool2D:
      pooling("MaxPool", layer: pool.name, size: pool.size, stride: pool.stride, &builder)
    case let pool as AvgPool2D:
      pooling("AveragePool", layer: pool.name, size: pool.size, stride: pool.stride, &builder)
    case let recurrent as Recurrent: try recurrent.export(into: &builder)
    case let dropout as Dropout: dropout.export(into: &builder)
    case let flatten as Flatten:
      builder.apply("Flatten", name: flatten.name, attributes: [ONNXAttribute.int("axis", 1)])
    case let activation as ActivationLayer:
      if activation.activation == .linear {
        builder.apply("Identity", name: activation.name)
      } else {
        ONNXExport.activation(activation.activation, layer: activation.name, into: &builder)
      }
    default:
      throw ONNXError.cannotExport(
        reason: "layer \(layer.name) is a \(layer.kind) layer, which has no ONNX form yet")
    }
  }
}
