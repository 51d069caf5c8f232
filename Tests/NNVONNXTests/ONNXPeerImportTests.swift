import Foundation
import NNVCore
import NNVONNX
import Testing

/// Graphs written the way other exporters write them (PyTorch's `Gemm` with transB, `Constant`
/// nodes, node names with slashes, per-channel standardization), imported and checked against
/// predictions worked out by hand.
@Suite struct ONNXPeerImportTests {
  func tensor(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dataType = 1
    tensor.dims = dims
    tensor.floatData = values
    return tensor
  }

  func node(_ op: String, _ inputs: [String], _ output: String, name: String = "")
    -> Onnx_NodeProto
  {
    var node = Onnx_NodeProto()
    node.opType = op
    node.input = inputs
    node.output = [output]
    node.name = name
    return node
  }

  func value(_ name: String, _ dims: [Int64]) -> Onnx_ValueInfoProto {
    var info = Onnx_ValueInfoProto()
    info.name = name
    info.type.tensorType.elemType = 1
    var batch = Onnx_TensorShapeProto.Dimension()
    batch.dimParam = "batch"
    info.type.tensorType.shape.dim = [batch]
    for size in dims {
      var dimension = Onnx_TensorShapeProto.Dimension()
      dimension.dimValue = size
      info.type.tensorType.shape.dim.append(dimension)
    }
    return info
  }

  /// x [2] → Sub mean → Gemm (W [3, 2], transB) → Relu → Gemm (W [1, 3], transB), with the
  /// second weight given by a Constant node.
  func peerModel() -> Onnx_ModelProto {
    var gemm1 = node("Gemm", ["s", "fc1.weight", "fc1.bias"], "h", name: "/fc1/Gemm")
    var transB = Onnx_AttributeProto()
    transB.name = "transB"
    transB.i = 1
    gemm1.attribute = [transB]
    var gemm2 = node("Gemm", ["r", "fc2.weight", "fc2.bias"], "y", name: "/fc2/Gemm")
    gemm2.attribute = [transB]
    var constant = node("Constant", [], "fc2.weight")
    var valueAttribute = Onnx_AttributeProto()
    valueAttribute.name = "value"
    valueAttribute.t = tensor("", [1, 3], [1, -1, 2])
    constant.attribute = [valueAttribute]
    var graph = Onnx_GraphProto()
    graph.node = [
      node("Sub", ["x", "mean"], "s"), gemm1, node("Relu", ["h"], "r", name: "/act/Relu"),
      constant, gemm2,
    ]
    graph.initializer = [
      tensor("mean", [2], [1, 2]),
      tensor("fc1.weight", [3, 2], [1, 0, 0, 1, 1, 1]),
      tensor("fc1.bias", [3], [0, 0, -10]),
      tensor("fc2.bias", [1], [0.5]),
    ]
    graph.input = [value("x", [2])]
    graph.output = [value("y", [1])]
    var model = Onnx_ModelProto()
    model.irVersion = 8
    var opset = Onnx_OperatorSetIdProto()
    opset.version = 17
    model.opsetImport = [opset]
    model.graph = graph
    return model
  }

  @Test func aPyTorchStyleGraphImportsWithDefaultNames() throws {
    let model = try ONNXImport.model(from: peerModel())
    #expect(model.layers.map(\.name) == ["dense_1", "dense_2"])
    #expect(model.layers.map(\.activation) == [.relu, .linear])
    #expect(model.standardizer?.mean == [1, 2] && model.standardizer?.deviation == [1, 1])
    // x = [4, 1]: standardized [3, -1]; hidden relu([3, -1, 2 − 10]) = [3, 0, 0];
    // output 3·1 + 0·(−1) + 0·2 + 0.5 = 3.5.
    let y = try model.predict(Tensor(shape: [1, 2], scalars: [4, 1]))
    #expect(y.scalars == [3.5])
  }

  @Test func aStandardizationPerChannelIsSpreadOverEachImage() throws {
    let values = try #require(
      try ONNXImport.broadcast(
        Tensor(shape: [1, 2, 1, 1], scalars: [10, 20]), to: [2, 2, 2]))
    #expect(values == [10, 10, 10, 10, 20, 20, 20, 20])
    #expect(try ONNXImport.broadcast(Tensor([1, 2, 3]), to: [2, 2]) == nil)
  }

  @Test func aNodeOutsideTheChainIsNamed() throws {
    var proto = peerModel()
    proto.graph.node[2].input = ["h", "extra"]
    proto.graph.node[2].opType = "Add"
    do {
      _ = try ONNXImport.model(from: proto)
      Issue.record("expected an error")
    } catch let error as ONNXError {
      #expect(error.description.hasPrefix("node '/act/Relu' (Add): "), "\(error)")
    }
  }
}
