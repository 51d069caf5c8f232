/// Max pooling: the largest value of every K×K window of every channel, windows S apart
/// (S = K by default). Samples `[channels, height, width]` become
/// `[channels, (height − K) / S + 1, (width − K) / S + 1]`, rounded down: windows that would
/// cross the bottom or right edge are left out, and nothing is padded.
public struct MaxPool2D: Layer {
  public let kind = "maxpool"
  public var name: String
  public var activation: Activation { .linear }
  /// The window's side K.
  public let size: Int
  /// The step S between windows.
  public let stride: Int

  /// - Throws: `LayerError.invalidConfiguration` for a size or stride below 1.
  public init(size: Int, stride: Int? = nil, name: String = "maxpool") throws {
    try Pooling2D.check(size: size, stride: stride, layer: ImageShape.label(name, kind: kind))
    self.name = name
    self.size = size
    self.stride = stride ?? size
  }

  /// The output shape of one sample through max pooling with these settings, without
  /// building the layer.
  ///
  /// - Throws: `LayerError` for a size or stride below 1, an input that is not an image or a
  ///   window larger than the image.
  public static func outputShape(
    for input: [Int], size: Int, stride: Int? = nil, name: String = "maxpool"
  ) throws -> [Int] {
    try Pooling2D.outputShape(for: input, size: size, stride: stride, name: name, kind: "maxpool")
  }

  public var parameters: [Tensor] {
    get { [] }
    set {}
  }
  public var parameterNames: [String] { [] }
  public var configuration: String { Pooling2D.configuration(size: size, stride: stride) }

  public func outputShape(for input: [Int]) throws -> [Int] {
    try MaxPool2D.outputShape(for: input, size: size, stride: stride, name: name)
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    try Variable.maxPool2D(x, size: size, stride: stride)
  }
}

/// Average pooling: the mean of every K×K window of every channel, windows S apart (S = K by
/// default), with the output size of `MaxPool2D`.
public struct AvgPool2D: Layer {
  public let kind = "avgpool"
  public var name: String
  public var activation: Activation { .linear }
  /// The window's side K.
  public let size: Int
  /// The step S between windows.
  public let stride: Int

  /// - Throws: `LayerError.invalidConfiguration` for a size or stride below 1.
  public init(size: Int, stride: Int? = nil, name: String = "avgpool") throws {
    try Pooling2D.check(size: size, stride: stride, layer: ImageShape.label(name, kind: kind))
    self.name = name
    self.size = size
    self.stride = stride ?? size
  }

  /// The output shape of one sample through average pooling with these settings, without
  /// building the layer.
  ///
  /// - Throws: as `MaxPool2D.outputShape(for:size:stride:name:)`.
  public static func outputShape(
    for input: [Int], size: Int, stride: Int? = nil, name: String = "avgpool"
  ) throws -> [Int] {
    try Pooling2D.outputShape(for: input, size: size, stride: stride, name: name, kind: "avgpool")
  }

  public var parameters: [Tensor] {
    get { [] }
    set {}
  }
  public var parameterNames: [String] { [] }
  public var configuration: String { Pooling2D.configuration(size: size, stride: stride) }

  public func outputShape(for input: [Int]) throws -> [Int] {
    try AvgPool2D.outputShape(for: input, size: size, stride: stride, name: name)
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    try Variable.averagePool2D(x, size: size, stride: stride)
  }
}

/// What the two pooling layers share.
enum Pooling2D {
  static func check(size: Int, stride: Int?, layer: String) throws {
    try ImageShape.requirePositive(size, "the pooling size", layer: layer)
    try ImageShape.requirePositive(stride ?? size, "the stride", layer: layer)
  }

  static func outputShape(
    for input: [Int], size: Int, stride: Int?, name: String, kind: String
  ) throws -> [Int] {
    let layer = ImageShape.label(name, kind: kind)
    try check(size: size, stride: stride, layer: layer)
    let (channels, _, _) = try ImageShape.dimensions(input, layer: layer)
    let (rows, columns) = try ImageShape.window(
      input, kernel: size, stride: stride ?? size, padding: .valid, layer: layer,
      what: "window")
    return try ImageShape.output(channels: channels, rows, columns, name: name)
  }

  static func configuration(size: Int, stride: Int) -> String {
    "\(size)×\(size)" + (stride == size ? "" : " stride \(stride)")
  }
}
