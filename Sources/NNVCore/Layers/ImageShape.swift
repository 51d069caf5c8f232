/// The checks shared by layers that take images, samples shaped `[channels, height, width]`:
/// convolutions and pooling. Each problem is reported in words a script's author can act on.
enum ImageShape {
  /// `layer` as messages name it: `conv_1 (conv)`, or `conv` when the name is the kind.
  static func label(_ name: String, kind: String) -> String {
    name == kind ? kind : "\(name) (\(kind))"
  }

  /// The channels, height and width of one sample, or `LayerError.incompatibleInput` when the
  /// sample is not an image (with the shape to declare when its size is a square).
  static func dimensions(_ input: [Int], layer: String) throws -> (Int, Int, Int) {
    guard input.count == 3, input.allSatisfy({ $0 >= 1 }) else {
      throw LayerError.incompatibleInput(
        layer: layer, expected: "images shaped [channels, height, width]\(hint(for: input))",
        got: input)
    }
    return (input[0], input[1], input[2])
  }

  /// How to declare a flat or two-dimensional input as an image, if it can be one.
  private static func hint(for input: [Int]) -> String {
    if input.count == 2, input.allSatisfy({ $0 >= 1 }) {
      return " (declare the input as [1, \(input[0]), \(input[1])] for one channel)"
    }
    guard input.count == 1, input[0] >= 1 else { return "" }
    let pixels = input[0]
    // The rounded root, corrected by one either way; products that overflow count as too big.
    let root = Int(Double(pixels).squareRoot().rounded())
    let side = (root - 1...root + 1).first { Shape.product($0, $0) == pixels }
    guard let side else { return " (a flat list of features is not an image)" }
    return " (declare the input as [1, \(side), \(side)] to read \(pixels) features as an image)"
  }

  /// Throws `LayerError.invalidConfiguration` unless `value` is at least 1.
  static func requirePositive(_ value: Int, _ what: String, layer: String) throws {
    guard value >= 1 else {
      throw LayerError.invalidConfiguration("\(layer): \(what) is at least 1, not \(value)")
    }
  }

  /// The window along one axis of an image, or the error that says why it does not fit.
  static func window(
    _ input: [Int], kernel: Int, stride: Int, padding: Padding, layer: String, what: String
  ) throws -> (WindowAxis, WindowAxis) {
    let (_, height, width) = try dimensions(input, layer: layer)
    if padding == .valid, kernel > height || kernel > width {
      let alternative = what == "kernel" ? " (or padding same)" : ""
      throw LayerError.incompatibleInput(
        layer: layer,
        expected: "images of at least \(kernel)×\(kernel) for its \(kernel)×\(kernel) "
          + "\(what)\(alternative)", got: input)
    }
    guard
      let rows = WindowAxis(input: height, kernel: kernel, stride: stride, padding: padding),
      let columns = WindowAxis(input: width, kernel: kernel, stride: stride, padding: padding)
    else {
      throw LayerError.invalidConfiguration(
        "\(layer): a \(ResourceLimit.grouped(kernel))-wide \(what) is too large")
    }
    return (rows, columns)
  }

  /// The output shape `[channels, rows, columns]`, checked against the elements-per-tensor
  /// limit.
  static func output(channels: Int, _ rows: WindowAxis, _ columns: WindowAxis, name: String)
    throws -> [Int]
  {
    let shape = [channels, rows.output, columns.output]
    _ = try Shape.elementCount(
      shape, of: "the output of \(name), of shape \(Tensor.describe(shape))")
    return shape
  }
}
