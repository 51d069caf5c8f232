import Foundation
import NNVCore

/// Tensors in ONNX files: nnv's `Float` tensors written as FLOAT initializers, and initializers
/// read back with every size checked against `ResourceLimits` before anything is allocated.
enum ONNXTensorData {
  /// ONNX's element type numbers.
  static let floatType: Int32 = 1
  static let int64Type: Int32 = 7

  /// A FLOAT initializer called `name` with `shape` and `values` (row-major), stored as raw
  /// little-endian bytes as exporters usually write them.
  static func proto(_ name: String, shape: [Int], values: [Float]) -> Onnx_TensorProto {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dataType = floatType
    tensor.dims = shape.map { Int64($0) }
    var bytes = Data(capacity: values.count * 4)
    for value in values {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    tensor.rawData = bytes
    return tensor
  }

  /// An INT64 initializer (axes, permutations, shapes).
  static func proto(_ name: String, integers: [Int]) -> Onnx_TensorProto {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dataType = int64Type
    tensor.dims = [Int64(integers.count)]
    tensor.int64Data = integers.map { Int64($0) }
    return tensor
  }

  /// The shape of `tensor`, checked: at most four sizes, none negative, and a number of
  /// elements within the elements-per-tensor limit.
  static func shape(of tensor: Onnx_TensorProto, what: String) throws -> (shape: [Int], count: Int)
  {
    guard tensor.dims.count <= Tensor.maximumRank else {
      throw ONNXTensorProblem("\(what) has \(tensor.dims.count) dimensions; nnv takes at most 4")
    }
    let shape = tensor.dims.map { Int(truncatingIfNeeded: $0) }
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw ONNXTensorProblem("\(what) has a negative size in its shape \(describe(shape))")
    }
    let count = try Shape.elementCount(shape, of: "\(what) of shape \(describe(shape))")
    guard tensor.dataLocation != .external, tensor.externalData.isEmpty else {
      throw ONNXTensorProblem("\(what) is stored in an external file, which nnv does not read")
    }
    return (shape, count)
  }

  /// A FLOAT initializer as a tensor.
  static func floats(_ tensor: Onnx_TensorProto, what: String) throws -> Tensor {
    let (shape, count) = try self.shape(of: tensor, what: what)
    guard tensor.dataType == floatType else {
      throw ONNXTensorProblem(
        "\(what) holds elements of ONNX type \(tensor.dataType); nnv reads FLOAT (1)")
    }
    var values: [Float]
    if tensor.hasRawData {
      guard tensor.rawData.count == Shape.product(count, 4) else {
        throw ONNXTensorProblem(
          "\(what) of shape \(describe(shape)) needs \(count) values but holds "
            + "\(tensor.rawData.count) bytes")
      }
      values = [Float](repeating: 0, count: count)
      var poller = Cancellation.Poller()
      try tensor.rawData.withUnsafeBytes { raw in
        for i in 0..<count {
          try poller.advance()
          values[i] = Float(
            bitPattern: UInt32(
              littleEndian: raw.loadUnaligned(
                fromByteOffset: 4 * i, as: UInt32.self)))
        }
      }
    } else {
      guard tensor.floatData.count == count else {
        throw ONNXTensorProblem(
          "\(what) of shape \(describe(shape)) needs \(count) values but holds "
            + "\(tensor.floatData.count)")
      }
      values = tensor.floatData
    }
    return try Tensor(shape: shape, scalars: values)
  }

  /// An INT64 initializer as whole numbers.
  static func integers(_ tensor: Onnx_TensorProto, what: String) throws -> [Int] {
    let (shape, count) = try self.shape(of: tensor, what: what)
    guard tensor.dataType == int64Type else {
      throw ONNXTensorProblem(
        "\(what) holds elements of ONNX type \(tensor.dataType); nnv reads INT64 (7) here")
    }
    if tensor.hasRawData {
      guard tensor.rawData.count == Shape.product(count, 8) else {
        throw ONNXTensorProblem(
          "\(what) of shape \(describe(shape)) needs \(count) values but holds "
            + "\(tensor.rawData.count) bytes")
      }
      return tensor.rawData.withUnsafeBytes { raw in
        (0..<count).map { i in
          Int(
            truncatingIfNeeded: Int64(
              littleEndian: raw.loadUnaligned(
                fromByteOffset: 8 * i, as: Int64.self)))
        }
      }
    }
    guard tensor.int64Data.count == count else {
      throw ONNXTensorProblem(
        "\(what) of shape \(describe(shape)) needs \(count) values but holds "
          + "\(tensor.int64Data.count)")
    }
    return tensor.int64Data.map { Int(truncatingIfNeeded: $0) }
  }

  static func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}

/// Why an initializer cannot be used; the importer adds the node it belongs to.
struct ONNXTensorProblem: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
