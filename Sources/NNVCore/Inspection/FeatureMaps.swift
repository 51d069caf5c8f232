/// One image as a convolutional network sees it at one stage: the input, or the output of a
/// layer whose samples are images, as feature maps `[channels, height, width]`.
///
/// The layers with image outputs are those whose output shape has three sizes: conv and pool
/// layers, and any activation or dropout layer between them. They are numbered from 1 in the
/// order they run (`layer N` of the `features` view); the input is number 0.
public struct FeatureMaps: Sendable, Equatable {
  /// The layer's name (`conv_1`), or `input`.
  public var name: String
  /// The layer's kind (`conv`, `maxpool`), or `input`.
  public var kind: String
  /// The layer's settings as summaries show them (`8 filters 3×3`); empty for the input.
  public var configuration: String
  /// The activation after the layer (`relu`); `linear` for the input and pooling.
  public var activation: Activation
  /// Its number among the layers with image outputs, from 1; 0 for the input.
  public var number: Int
  public var channels: Int
  public var height: Int
  public var width: Int
  /// The maps, channel by channel, each row by row from the top.
  public var values: [Float]

  public init(
    name: String, kind: String, configuration: String = "", activation: Activation = .linear,
    number: Int, channels: Int, height: Int, width: Int, values: [Float]
  ) {
    self.name = name
    self.kind = kind
    self.configuration = configuration
    self.activation = activation
    self.number = number
    self.channels = channels
    self.height = height
    self.width = width
    self.values = values
  }

  /// The values of one channel's map, row by row (empty for a channel that does not exist).
  public func map(_ channel: Int) -> ArraySlice<Float> {
    let size = height * width
    guard channel >= 0, channel < channels, (channel + 1) * size <= values.count else {
      return []
    }
    return values[(channel * size)..<((channel + 1) * size)]
  }

  /// The smallest and largest finite value of one channel's map; nil when it has none.
  public func extent(of channel: Int) -> ClosedRange<Float>? {
    var low = Float.infinity
    var high = -Float.infinity
    for x in map(channel) where x.isFinite {
      low = Swift.min(low, x)
      high = Swift.max(high, x)
    }
    return low <= high ? low...high : nil
  }

  /// The positions in `model.layers` of the layers whose outputs are images, in order: layer
  /// number N of the view is `imageLayers(of: model)[N - 1]`.
  public static func imageLayers(of model: Sequential) -> [Int] {
    model.outputShapes.indices.filter { model.outputShapes[$0].count == 3 }
  }

  /// The input `sample` and the feature maps of the layers with image outputs (all of them, or
  /// only those numbered in `numbers`, from 1), for one sample in the model's input shape.
  ///
  /// The input is shown as given, before the model's standardization; the layers' maps are
  /// what the layers compute (after their activation, at inference, so dropout is off). A
  /// model whose input is not an image (`[channels, height, width]`, or `[height, width]` as
  /// one channel) has no input maps and no image layers: the result is empty.
  ///
  /// - Throws: `LayerError` when the sample does not have the model's input shape,
  ///   `LimitError` when the outputs are too large, `CancellationError`.
  public static func of(_ model: Sequential, sample: Tensor, numbers: [Int]? = nil) throws
    -> [FeatureMaps]
  {
    guard let input = imageShape(model.inputShape) else { return [] }
    try model.checkInput(sample)
    guard sample.count == input.reduce(1, *) else {
      throw LayerError.incompatibleInput(
        layer: model.name, expected: "one sample of shape \(Tensor.describe(model.inputShape))",
        got: sample.shape)
    }
    var result = [
      FeatureMaps(
        name: "input", kind: "input", number: 0, channels: input[0], height: input[1],
        width: input[2], values: sample.scalars)
    ]
    let layers = imageLayers(of: model)
    let wanted = numbers.map(Set.init) ?? Set(1...Swift.max(1, layers.count))
    guard let last = layers.enumerated().filter({ wanted.contains($0.offset + 1) }).last else {
      return result
    }
    // Only the layers up to the last one wanted run.
    var truncated = try Sequential(name: model.name, inputShape: model.inputShape)
    truncated.standardizer = model.standardizer
    for layer in model.layers[...last.element] { try truncated.append(layer) }
    let outputs = try truncated.layerOutputs(sample)
    for (k, index) in layers.enumerated() where wanted.contains(k + 1) && index < outputs.count {
      let layer = model.layers[index]
      let shape = model.outputShapes[index]
      result.append(
        FeatureMaps(
          name: layer.name, kind: layer.kind, configuration: layer.configuration,
          activation: layer.activation, number: k + 1, channels: shape[0], height: shape[1],
          width: shape[2], values: outputs[index].scalars))
    }
    return result
  }

  /// A model input as `[channels, height, width]`: as it is, or `[1, height, width]` for a
  /// two-dimensional one; nil for a flat input.
  static func imageShape(_ shape: [Int]) -> [Int]? {
    switch shape.count {
    case 3: return shape
    case 2: return [1] + shape
    default: return nil
    }
  }
}
