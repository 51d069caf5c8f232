import Foundation
import NNVCore
import NNVONNX
import Testing

/// What an exported file holds: the opset, the nodes in order, the input and output, the
/// metadata.
@Suite struct ONNXStructureTests {
  func proto(_ model: Sequential) throws -> Onnx_ModelProto {
    try ONNXExport.model(model, producerVersion: "9.9.9")
  }

  @Test func theFileUsesOpset17AndSaysWhoMadeIt() throws {
    let file = try proto(ONNXFixtures.perceptron())
    #expect(file.opsetImport.map(\.version) == [17])
    #expect(file.opsetImport.map(\.domain) == [""])
    #expect(file.irVersion == 8)
    #expect(file.producerName == "nnv" && file.producerVersion == "9.9.9")
    let metadata = Dictionary(uniqueKeysWithValues: file.metadataProps.map { ($0.key, $0.value) })
    #expect(metadata["nnv_version"] == "9.9.9")
    #expect(metadata["nnv_model"] == "mlp")
    #expect(metadata["classes"] == #"["cat","dog, \"big\"","bird"]"#)
  }

  @Test func standardizationComesFirstThenEachLayersNodes() throws {
    let ops = try proto(ONNXFixtures.perceptron()).graph.node.map(\.opType)
    #expect(
      ops == [
        "Sub", "Div",
        "Gemm", "Div", "Erf", "Add", "Mul", "Mul",
        "Dropout",
        "Gemm", "LeakyRelu", "Gemm", "Tanh", "Gemm", "Sigmoid", "Gemm", "Relu",
        "Gemm", "Softmax", "Identity",
      ])
  }

  @Test func imagesAndSequencesBecomeTheirOperators() throws {
    let conv = try proto(ONNXFixtures.convolutional()).graph.node.map(\.opType)
    #expect(
      conv == [
        "Sub", "Div", "Conv", "Relu", "MaxPool", "Conv", "Div", "Erf", "Add", "Mul", "Mul",
        "Conv", "Tanh", "AveragePool", "Flatten", "Gemm", "Softmax", "Identity",
      ])
    let recurrent = try proto(ONNXFixtures.recurrent()).graph.node.map(\.opType)
    #expect(
      recurrent == [
        "Transpose", "LSTM", "Squeeze", "Transpose", "Transpose", "GRU", "Squeeze", "Transpose",
        "MatMul", "Add", "Tanh", "Transpose", "RNN", "Squeeze", "Gemm", "Sigmoid", "Identity",
      ])
  }

  @Test func samePaddingIsWrittenOutWithTheLargerHalfAfter() throws {
    let nodes = try proto(ONNXFixtures.convolutional()).graph.node.filter { $0.opType == "Conv" }
    let pads = nodes.map { $0.attribute.first { $0.name == "pads" }?.ints ?? [] }
    // 9×9 with a 3×3 kernel at stride 1: one on each side; 8×8 at stride 2: none before, one
    // after; valid: none.
    #expect(pads == [[1, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 0]])
  }

  @Test func theInputAndOutputHaveASymbolicBatch() throws {
    let graph = try proto(ONNXFixtures.convolutional()).graph
    #expect(graph.input.map(\.name) == ["input"] && graph.output.map(\.name) == ["output"])
    let dims = graph.input[0].type.tensorType.shape.dim
    #expect(dims.first?.dimParam == "N")
    #expect(dims.dropFirst().map(\.dimValue) == [2, 9, 9])
    #expect(graph.output[0].type.tensorType.shape.dim.dropFirst().map(\.dimValue) == [3])
    #expect(graph.node.last?.output == ["output"])
  }

  @Test func gatesAreReorderedIntoONNXsOrder() throws {
    // One unit: each gate block is one column, so ONNX's row k is nnv's column order[k].
    var model = try Sequential(name: "m", inputShape: [2, 1])
    var lstm = try Recurrent(.lstm, inputSize: 1, units: 1)
    lstm.inputWeight = try Tensor(shape: [1, 4], scalars: [1, 2, 3, 4])  // nnv's i, f, g, o
    try model.append(lstm)
    let file = try proto(model)
    let w = try #require(file.graph.initializer.first { $0.name.hasSuffix(".W") })
    let values = w.rawData.withUnsafeBytes { raw in
      (0..<4).map { raw.loadUnaligned(fromByteOffset: 4 * $0, as: Float.self) }
    }
    #expect(values == [1, 4, 2, 3])  // ONNX's i, o, f, c
  }
}
