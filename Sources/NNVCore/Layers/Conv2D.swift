/// A 2-D convolution layer: `activation(conv(x, weight) + bias)` over samples shaped
/// `[channels, height, width]`.
///
/// `weight` has shape `[filters, channels, k, k]` and `bias` `[filters]`, as in PyTorch; one
/// sample's output is `[filters, output height, output width]`, with `valid` padding
/// `(H − K) / S + 1` rows and with `same` padding `⌈H / S⌉` (see `Padding`).
public struct Conv2D: Layer {
  public let kind = "conv"
  public var name: String
  public var activation: Activation
  public let inputChannels: Int
  public let filters: Int
  public let kernelSize: Int
  public let stride: Int
  public let padding: Padding
  public var weight: Tensor
  public var bias: Tensor

  /// A convolution layer with freshly initialized weights and zero biases.
  ///
  /// - Parameters:
  ///   - initializer: how the weights start; Glorot uniform by default, with fan in
  ///     `channels · k²` and fan out `filters · k²` (as Keras and PyTorch count them).
  ///   - seed: the seed of the weights' generator.
  /// - Throws: `LayerError.invalidConfiguration` for a size or stride below 1 or a softmax
  ///   activation, `LimitError` when the layer would exceed the parameters-per-model limit
  ///   (checked before anything is allocated).
  public init(
    inputChannels: Int, filters: Int, kernelSize: Int, stride: Int = 1,
    padding: Padding = .valid, activation: Activation = .linear,
    initializer: Initializer = .glorotUniform, seed: UInt64 = 0, name: String = "conv"
  ) throws {
    let count = try Conv2D.checkedWeightCount(
      inputChannels: inputChannels, filters: filters, kernelSize: kernelSize, name: name)
    try Conv2D.checkSettings(stride: stride, activation: activation, name: name)
    let area = kernelSize * kernelSize  // a factor of `count`, so it fits
    let values = initializer.values(
      count: count, fanIn: inputChannels * area, fanOut: filters * area, seed: seed)
    self.init(
      unchecked: Tensor(
        uncheckedShape: [filters, inputChannels, kernelSize, kernelSize], scalars: values),
      bias: Tensor.zeros([filters]), stride: stride, padding: padding, activation: activation,
      name: name)
  }

  /// A convolution layer with given weights `[filters, channels, k, k]` and biases
  /// `[filters]` (a model file's, or a test's).
  ///
  /// - Throws: `LayerError.invalidConfiguration` when the shapes do not fit together or a
  ///   setting is not allowed, `LimitError` over the parameters-per-model limit.
  public init(
    weight: Tensor, bias: Tensor, stride: Int = 1, padding: Padding = .valid,
    activation: Activation = .linear, name: String = "conv"
  ) throws {
    let shape = weight.shape
    guard shape.count == 4, shape[2] == shape[3], bias.shape == [shape[0]],
      shape.allSatisfy({ $0 >= 1 })
    else {
      throw LayerError.invalidConfiguration(
        "\(name): a conv layer takes weights [filters, channels, k, k] and biases [filters], "
          + "not \(Tensor.describe(shape)) and \(Tensor.describe(bias.shape))")
    }
    _ = try Conv2D.checkedWeightCount(
      inputChannels: shape[1], filters: shape[0], kernelSize: shape[2], name: name)
    try Conv2D.checkSettings(stride: stride, activation: activation, name: name)
    self.init(
      unchecked: weight, bias: bias, stride: stride, padding: padding, activation: activation,
      name: name)
  }

  private init(
    unchecked weight: Tensor, bias: Tensor, stride: Int, padding: Padding,
    activation: Activation, name: String
  ) {
    self.name = name
    self.activation = activation
    self.filters = weight.shape[0]
    self.inputChannels = weight.shape[1]
    self.kernelSize = weight.shape[2]
    self.stride = stride
    self.padding = padding
    self.weight = weight
    self.bias = bias
  }

  /// The number of weights of a convolution layer, after checking the sizes and the layer's
  /// parameters (weights and biases) against the limits.
  public static func checkedWeightCount(
    inputChannels: Int, filters: Int, kernelSize: Int, name: String = "conv"
  ) throws -> Int {
    let layer = ImageShape.label(name, kind: "conv")
    try ImageShape.requirePositive(filters, "the number of filters", layer: layer)
    try ImageShape.requirePositive(kernelSize, "the kernel size", layer: layer)
    try ImageShape.requirePositive(inputChannels, "the number of input channels", layer: layer)
    let weights = Shape.checkedProduct([filters, inputChannels, kernelSize, kernelSize])
    try ResourceLimits.modelParameters.check(
      weights.flatMap { Shape.sum($0, filters) },
      estimate: Shape.estimatedProduct([filters, inputChannels, kernelSize, kernelSize])
        + Double(filters),
      for: "\(layer) with \(ResourceLimit.grouped(filters)) filters of "
        + "\(ResourceLimit.grouped(kernelSize))×\(ResourceLimit.grouped(kernelSize)) over "
        + "\(ResourceLimit.grouped(inputChannels)) channels")
    return weights ?? 0
  }

  /// Throws `LayerError.invalidConfiguration` for a stride below 1 or an activation a
  /// convolution cannot use (softmax, which belongs to a classifier's last dense layer).
  public static func checkSettings(stride: Int, activation: Activation, name: String = "conv")
    throws
  {
    let layer = ImageShape.label(name, kind: "conv")
    try ImageShape.requirePositive(stride, "the stride", layer: layer)
    guard activation != .softmax else {
      throw LayerError.invalidConfiguration(
        "\(layer): softmax turns a dense layer's outputs into class probabilities; a conv "
          + "layer takes relu, leaky_relu, gelu, tanh, sigmoid or linear")
    }
  }

  /// The output shape of one sample `[channels, height, width]` through a convolution with
  /// these settings, without building the layer (for checking a model before it exists).
  ///
  /// - Throws: `LayerError.invalidConfiguration` for a size or stride below 1,
  ///   `LayerError.incompatibleInput` for an input that is not an image or smaller than the
  ///   kernel (with `valid` padding), `LimitError` for weights or an output over the limits.
  public static func outputShape(
    for input: [Int], filters: Int, kernelSize: Int, stride: Int = 1,
    padding: Padding = .valid, name: String = "conv"
  ) throws -> [Int] {
    let layer = ImageShape.label(name, kind: "conv")
    try ImageShape.requirePositive(filters, "the number of filters", layer: layer)
    try ImageShape.requirePositive(kernelSize, "the kernel size", layer: layer)
    try ImageShape.requirePositive(stride, "the stride", layer: layer)
    let (channels, _, _) = try ImageShape.dimensions(input, layer: layer)
    _ = try checkedWeightCount(
      inputChannels: channels, filters: filters, kernelSize: kernelSize, name: name)
    let (rows, columns) = try ImageShape.window(
      input, kernel: kernelSize, stride: stride, padding: padding, layer: layer, what: "kernel")
    return try ImageShape.output(channels: filters, rows, columns, name: name)
  }

  public var parameters: [Tensor] {
    get { [weight, bias] }
    set {
      // Only optimizers and loaders assign, always with tensors of the same shapes.
      if newValue.count == 2 {
        weight = newValue[0]
        bias = newValue[1]
      }
    }
  }

  public var parameterNames: [String] { ["weight", "bias"] }

  public var configuration: String {
    var text = "\(filters) filters \(kernelSize)×\(kernelSize)"
    if stride != 1 { text += " stride \(stride)" }
    if padding != .valid { text += " \(padding.rawValue)" }
    return text
  }

  public func outputShape(for input: [Int]) throws -> [Int] {
    let layer = ImageShape.label(name, kind: kind)
    let (channels, _, _) = try ImageShape.dimensions(input, layer: layer)
    guard channels == inputChannels else {
      throw LayerError.incompatibleInput(
        layer: layer,
        expected: "images with \(inputChannels) channel"
          + (inputChannels == 1 ? "" : "s"), got: input)
    }
    return try Conv2D.outputShape(
      for: input, filters: filters, kernelSize: kernelSize, stride: stride, padding: padding,
      name: name)
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    guard parameters.count == 2 else {
      throw LayerError.invalidConfiguration("\(name) takes a weight and a bias")
    }
    return try Variable.conv2D(
      x, parameters[0], parameters[1], stride: stride, padding: padding)
  }
}
