import Foundation
import NNVCore

/// The value of a `Constant` node, as the initializer it stands for.
enum ONNXConstant {
  static func tensor(of node: Onnx_NodeProto) throws -> Onnx_TensorProto {
    guard node.output.count == 1, let attribute = node.attribute.first,
      node.attribute.count == 1
    else {
      throw ONNXError.at(node, "a Constant node has one value and one output")
    }
    let name = node.output[0]
    switch attribute.name {
    case "value":
      var tensor = attribute.t
      tensor.name = name
      return tensor
    case "value_float":
      return ONNXTensorData.proto(name, shape: [], values: [attribute.f])
    case "value_floats":
      return ONNXTensorData.proto(
        name, shape: [attribute.floats.count], values: attribute.floats)
    case "value_int":
      var tensor = ONNXTensorData.proto(name, integers: [Int(truncatingIfNeeded: attribute.i)])
      tensor.dims = []
      return tensor
    case "value_ints":
      return ONNXTensorData.proto(
        name, integers: attribute.ints.map { Int(truncatingIfNeeded: $0) })
    default:
      throw ONNXError.at(
        node, "a Constant given as '\(attribute.name.prefix(50))' is not one nnv reads")
    }
  }

  /// Whether `tensor` holds one value within a millionth of `expected`.
  static func isScalar(_ tensor: Tensor, _ expected: Float) -> Bool {
    tensor.count == 1 && abs(tensor.scalars[0] - expected) <= 1e-6 * max(1, abs(expected))
  }
}
