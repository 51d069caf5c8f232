/// The learned kernels of one convolution layer: for every filter and input channel a K×K
/// matrix of weights, with one bias per filter.
///
/// The conv layers of a model are numbered from 1 in the order they run (`layer N` of the
/// `filters` view).
public struct ConvFilters: Sendable, Equatable {
  /// The layer's name (`conv_1`).
  public var name: String
  /// Its number among the model's conv layers, from 1.
  public var number: Int
  /// Whether no conv layer runs before it, so its channels are the input image's and its
  /// kernels look at the image itself.
  public var readsInputChannels: Bool
  public var filters: Int
  public var channels: Int
  /// The side K of every kernel.
  public var size: Int
  /// The weights `[filters, channels, K, K]`, row-major.
  public var weights: [Float]
  /// One bias per filter.
  public var bias: [Float]

  public init(
    name: String, number: Int, readsInputChannels: Bool, filters: Int, channels: Int, size: Int,
    weights: [Float], bias: [Float]
  ) {
    self.name = name
    self.number = number
    self.readsInputChannels = readsInputChannels
    self.filters = filters
    self.channels = channels
    self.size = size
    self.weights = weights
    self.bias = bias
  }

  /// The kernel of `filter` over input `channel` (both from 0): K rows of K weights, each row
  /// left to right; empty for a filter or channel that does not exist.
  public func kernel(filter: Int, channel: Int) -> [[Float]] {
    guard filter >= 0, filter < filters, channel >= 0, channel < channels else { return [] }
    let area = size * size
    let start = (filter * channels + channel) * area
    guard start + area <= weights.count else { return [] }
    return (0..<size).map { r in
      Array(weights[(start + r * size)..<(start + (r + 1) * size)])
    }
  }

  /// The largest |weight| of the layer (0 when there is none, or only NaN): the end of a
  /// scale shared by all its kernels and symmetric around zero.
  public var largestMagnitude: Float {
    weights.reduce(0) { $1.isFinite ? Swift.max($0, abs($1)) : $0 }
  }

  /// The positions in `model.layers` of its conv layers, in order: layer number N of the view
  /// is `convLayers(of: model)[N - 1]`.
  public static func convLayers(of model: Sequential) -> [Int] {
    model.layers.indices.filter { model.layers[$0] is Conv2D }
  }

  /// The kernels of conv layer `number` (from 1) of `model`; nil when there is no such layer.
  public static func of(_ model: Sequential, number: Int) -> ConvFilters? {
    let layers = convLayers(of: model)
    guard number >= 1, number <= layers.count,
      let conv = model.layers[layers[number - 1]] as? Conv2D
    else { return nil }
    return ConvFilters(
      name: conv.name, number: number, readsInputChannels: number == 1,
      filters: conv.filters, channels: conv.inputChannels, size: conv.kernelSize,
      weights: conv.weight.scalars, bias: conv.bias.scalars)
  }
}
