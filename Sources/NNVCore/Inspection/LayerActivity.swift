/// A layer's outputs for a batch of samples, with the units that never fire and those that
/// always saturate; for a layer of feature maps, also its channels (`ChannelActivity`).
public struct LayerActivity: Sendable {
  /// A unit whose output stays below this magnitude for every sample is dead.
  public static let deadMagnitude = 1e-6
  /// A sigmoid unit within this distance of 0 or 1, or a tanh unit within it of -1 or 1, for
  /// every sample is saturated.
  public static let saturationMargin = 0.01

  /// The layer's name.
  public var layer: String
  /// The layer's activation.
  public var activation: Activation
  /// The outputs: a row per sample, a column per unit (each sample's output flattened).
  public var outputs: Tensor
  /// The columns of the dead units, from 0.
  public var dead: [Int]
  /// The columns of the saturated units, from 0.
  public var saturated: [Int]
  /// For a layer whose outputs are feature maps `[C, H, W]` (conv, pooling): each channel's
  /// activity; nil for a layer of flat outputs.
  public var channels: ChannelActivity?

  public init(
    layer: String, activation: Activation, outputs: Tensor, dead: [Int], saturated: [Int],
    channels: ChannelActivity? = nil
  ) {
    self.layer = layer
    self.activation = activation
    self.outputs = outputs
    self.dead = dead
    self.saturated = saturated
    self.channels = channels
  }

  /// Every layer's activity for the first `limit` samples of `data` (at least one), with the
  /// channels of every layer whose outputs are feature maps.
  ///
  /// - Throws: `LayerError` when the samples do not fit the model, `TensorError` when `data`
  ///   is empty, `LimitError` when every layer's outputs would be too large,
  ///   `CancellationError`.
  public static func of(_ model: Sequential, on data: Dataset, limit: Int) throws
    -> [LayerActivity]
  {
    let n = Swift.max(1, Swift.min(limit, data.count))
    let outputs = try model.layerOutputs(try data.features.rows(0..<n))
    var poller = Cancellation.Poller()
    return try zip(model.layers, outputs).map { layer, output in
      let flat = output.flattenedRows
      let (dead, saturated) = try units(flat, activation: layer.activation, poller: &poller)
      let channels =
        output.rank == 4
        ? try ChannelActivity(output, activation: layer.activation, poller: &poller) : nil
      return LayerActivity(
        layer: layer.name, activation: layer.activation, outputs: flat, dead: dead,
        saturated: saturated, channels: channels)
    }
  }

  /// The dead and the saturated columns of `outputs` (a row per sample) of a layer with
  /// `activation`: only sigmoid and tanh units saturate.
  public static func units(_ outputs: Tensor, activation: Activation) throws
    -> (dead: [Int], saturated: [Int])
  {
    var poller = Cancellation.Poller()
    return try units(outputs, activation: activation, poller: &poller)
  }

  static func units(
    _ outputs: Tensor, activation: Activation, poller: inout Cancellation.Poller
  ) throws -> (dead: [Int], saturated: [Int]) {
    let rows = outputs.rows
    let columns = outputs.rowSize
    let scalars = outputs.scalars
    guard rows * columns <= scalars.count else { return ([], []) }
    let low = saturationMargin
    let high = 1 - saturationMargin
    var dead: [Int] = []
    var saturated: [Int] = []
    for c in 0..<columns {
      try poller.advance(by: rows)
      let column = (0..<rows).map { Double(scalars[$0 * columns + c]) }
      if column.allSatisfy({ abs($0) < deadMagnitude }) { dead.append(c) }
      switch activation {
      case .sigmoid:
        if column.allSatisfy({ $0 < low || $0 > high }) { saturated.append(c) }
      case .tanh:
        if column.allSatisfy({ abs($0) > high }) { saturated.append(c) }
      default: break
      }
    }
    return (dead, saturated)
  }
}
