import NNVCore

/// Convolution and pooling layers as ONNX nodes, with the padding written out.
extension Conv2D {
  /// `Conv` with nnv's weights `[filters, channels, k, k]` as they are (ONNX's layout too) and
  /// explicit pads: `same` pads as nnv does, the smaller half before.
  func export(into builder: inout ONNXGraphBuilder) throws {
    let input = builder.sampleShape
    guard input.count == 3,
      let rows = WindowAxis(input: input[1], kernel: kernelSize, stride: stride, padding: padding),
      let columns = WindowAxis(
        input: input[2], kernel: kernelSize, stride: stride, padding: padding)
    else {
      throw ONNXError.cannotExport(
        reason: "\(name) does not fit its input \(ONNXTensorData.describe(input))")
    }
    let w = builder.constant("\(name).weight", shape: weight.shape, values: weight.scalars)
    let b = builder.constant("\(name).bias", shape: bias.shape, values: bias.scalars)
    builder.apply(
      "Conv", name: name, inputs: [w, b],
      attributes: [
        ONNXAttribute.ints("kernel_shape", [kernelSize, kernelSize]),
        ONNXAttribute.ints("strides", [stride, stride]),
        ONNXAttribute.ints(
          "pads", [rows.padBefore, columns.padBefore, rows.padAfter, columns.padAfter]),
        ONNXAttribute.ints("dilations", [1, 1]),
        ONNXAttribute.int("group", 1),
      ])
    ONNXExport.activation(activation, layer: name, into: &builder)
  }
}

extension ONNXExport {
  /// `MaxPool` or `AveragePool` over K×K windows S apart, no padding, rounding down.
  static func pooling(
    _ op: String, layer: String, size: Int, stride: Int, _ builder: inout ONNXGraphBuilder
  ) {
    builder.apply(
      op, name: layer,
      attributes: [
        ONNXAttribute.ints("kernel_shape", [size, size]),
        ONNXAttribute.ints("strides", [stride, stride]),
        ONNXAttribute.ints("pads", [0, 0, 0, 0]),
      ])
  }
}
