/// What a layer of feature maps (a conv or pooling layer's `[C, H, W]` outputs) does over a
/// batch, channel by channel: thousands of units are read as a few channels.
///
/// A channel is one filter's map. Its activity for a sample is the mean of its map; a channel
/// is dead when its map is below `LayerActivity.deadMagnitude` in magnitude at every position
/// for every sample (a filter that never fires), and saturated when every value of it is
/// within `LayerActivity.saturationMargin` of a sigmoid's or tanh's ends.
public struct ChannelActivity: Sendable, Equatable {
  /// The number of channels, and each map's height and width.
  public var channels: Int
  public var height: Int
  public var width: Int
  /// `[samples, channels]`: the mean of each channel's map for each sample.
  public var means: Tensor
  /// Per channel: its mean over every sample and position.
  public var overallMeans: [Float]
  /// Per channel: the fraction of values (over samples and positions) that are not dead,
  /// from 0 to 1.
  public var activeFractions: [Float]
  /// The channels that never fire, from 0.
  public var dead: [Int]
  /// The channels saturated at every position for every sample, from 0 (sigmoid and tanh).
  public var saturated: [Int]

  /// The channels of a batch of feature maps `[N, C, H, W]` of a layer with `activation`.
  ///
  /// - Throws: `LayerError.incompatibleInput` for outputs that are not `[N, C, H, W]`,
  ///   `CancellationError`.
  public init(_ outputs: Tensor, activation: Activation) throws {
    var poller = Cancellation.Poller()
    try self.init(outputs, activation: activation, poller: &poller)
  }

  init(_ outputs: Tensor, activation: Activation, poller: inout Cancellation.Poller) throws {
    guard outputs.rank == 4 else {
      throw LayerError.incompatibleInput(
        layer: "channel activity", expected: "feature maps [N, C, H, W]", got: outputs.shape)
    }
    let (n, c) = (outputs.shape[0], outputs.shape[1])
    (channels, height, width) = (c, outputs.shape[2], outputs.shape[3])
    let plane = height * width
    let scalars = outputs.scalars
    var means = [Float](repeating: 0, count: n * c)
    var totals = [Double](repeating: 0, count: c)
    var active = [Int](repeating: 0, count: c)
    var saturatedValues = [Int](repeating: 0, count: c)
    for i in 0..<n {
      for k in 0..<c {
        try poller.advance(by: plane)
        let start = (i * c + k) * plane
        var sum = 0.0
        for value in scalars[start..<(start + plane)] {
          let x = Double(value)
          sum += x
          if abs(x) >= LayerActivity.deadMagnitude { active[k] += 1 }
          if Self.isSaturated(x, activation) { saturatedValues[k] += 1 }
        }
        means[i * c + k] = Float(sum / Double(Swift.max(plane, 1)))
        totals[k] += sum
      }
    }
    let count = n * plane
    self.means = Tensor(uncheckedShape: [n, c], scalars: means)
    overallMeans = totals.map { Float($0 / Double(Swift.max(count, 1))) }
    activeFractions = active.map { Float($0) / Float(Swift.max(count, 1)) }
    dead = (0..<c).filter { count > 0 && active[$0] == 0 }
    saturated = (0..<c).filter { count > 0 && saturatedValues[$0] == count }
  }

  /// Whether `x` is at a sigmoid's or tanh's ends (other activations never saturate).
  static func isSaturated(_ x: Double, _ activation: Activation) -> Bool {
    let margin = LayerActivity.saturationMargin
    switch activation {
    case .sigmoid: return x < margin || x > 1 - margin
    case .tanh: return abs(x) > 1 - margin
    default: return false
    }
  }
}
