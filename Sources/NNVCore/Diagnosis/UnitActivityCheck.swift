/// Dead ReLU units and saturated sigmoid and tanh units in the hidden layers, over the data.
///
/// A ReLU unit that is 0 for every sample passes nothing on and gets no gradient, so it never
/// comes back; a sigmoid or tanh unit pinned at its ends on every sample has a gradient near 0
/// and learns no more. The output layer is left out: a confident classifier's sigmoid output
/// is meant to sit near 0 or 1. Conv and pooling layers are read by channel
/// (`ChannelActivity`), and a dense layer applied at every step of a sequence by unit, over
/// every step.
public enum UnitActivityCheck {
  /// A layer is reported when at least this fraction of its units are dead (or saturated).
  /// Healthy ReLU networks have some: the spiral's and the digits' example networks, trained
  /// with several seeds, have up to a quarter of a layer dead at 97% to 100% accuracy. Four
  /// in ten is a large part of the layer lost.
  public static let reportedFraction = 0.4
  /// The most samples looked at, spread over the data: a unit that fires on one sample in a
  /// thousand is still seen, and a large data set costs no more than this.
  public static let sampleLimit = 2048
  /// The most values one forward pass holds (every layer's outputs for a chunk of samples).
  static let chunkValues = 1 << 22

  /// One hidden layer's units over the samples looked at.
  public struct LayerUnits: Sendable, Equatable {
    /// The layer's name and its index in the model, from 0.
    public var layer: String
    public var index: Int
    public var activation: Activation
    /// Whether the units are channels of feature maps.
    public var channels: Bool
    /// The number of units (or channels).
    public var units: Int
    /// The units, from 0, that are dead (ReLU layers) or saturated (sigmoid and tanh layers)
    /// on every sample.
    public var dead: [Int]
    public var saturated: [Int]
  }

  /// The hidden layers whose units can die or saturate, as measured on up to `limit` samples
  /// of `data` spread evenly over it, with the number of samples looked at.
  ///
  /// - Throws: `LayerError` when the samples do not fit the model, `CancellationError`.
  public static func layerUnits(
    _ model: Sequential, on data: Dataset, limit: Int = sampleLimit
  ) throws -> (layers: [LayerUnits], samples: Int) {
    let watched = watchedLayers(model)
    let indices = Diagnosis.Subject.spread(data.count, limit: limit)
    guard !watched.isEmpty, !indices.isEmpty else { return ([], 0) }
    let chunk = Swift.max(1, Swift.min(256, chunkValues / Swift.max(1, model.sampleActivations)))
    var dead: [Set<Int>?] = Array(repeating: nil, count: watched.count)
    var saturated: [Set<Int>?] = Array(repeating: nil, count: watched.count)
    var units = [Int](repeating: 0, count: watched.count)
    var channels = [Bool](repeating: false, count: watched.count)
    var poller = Cancellation.Poller()
    for start in stride(from: 0, to: indices.count, by: chunk) {
      let rows = Array(indices[start..<Swift.min(start + chunk, indices.count)])
      let outputs = try model.layerOutputs(try data.features.gatheringRows(rows))
      for (k, index) in watched.enumerated() where index < outputs.count {
        let activation = model.layers[index].activation
        let found = try flags(outputs[index], activation, &poller)
        units[k] = found.units
        channels[k] = found.channels
        dead[k] = dead[k].map { $0.intersection(found.dead) } ?? Set(found.dead)
        saturated[k] = saturated[k].map { $0.intersection(found.saturated) } ?? Set(found.saturated)
      }
    }
    let layers = watched.enumerated().map { k, index in
      let layer = model.layers[index]
      return LayerUnits(
        layer: layer.name, index: index, activation: layer.activation, channels: channels[k],
        units: units[k], dead: layer.activation == .relu ? (dead[k] ?? []).sorted() : [],
        saturated: (saturated[k] ?? []).sorted())
    }
    return (layers, indices.count)
  }

  /// The hidden layers with ReLU, sigmoid or tanh units: every layer before the last one
  /// that changes values.
  static func watchedLayers(_ model: Sequential) -> [Int] {
    guard let last = model.layers.lastIndex(where: { !$0.presentation.lossLooksPast }) else {
      return []
    }
    return (0..<last).filter { [.relu, .sigmoid, .tanh].contains(model.layers[$0].activation) }
  }

  /// The dead and saturated units of one layer's outputs for a chunk of samples: channels of
  /// feature maps `[n, C, H, W]`, units over every step of `[n, T, F]`, else every value.
  static func flags(
    _ output: Tensor, _ activation: Activation, _ poller: inout Cancellation.Poller
  ) throws -> (units: Int, channels: Bool, dead: [Int], saturated: [Int]) {
    if output.rank == 4 {
      let maps = try ChannelActivity(output, activation: activation, poller: &poller)
      return (maps.channels, true, maps.dead, maps.saturated)
    }
    let table =
      output.rank == 3
      ? try output.reshaped([output.shape[0] * output.shape[1], output.shape[2]])
      : output.flattenedRows
    let found = try LayerActivity.units(table, activation: activation, poller: &poller)
    return (table.rowSize, false, found.dead, found.saturated)
  }

  /// The check: a finding for each hidden layer with at least `reportedFraction` of its
  /// units dead, or saturated.
  public static func run(_ subject: Diagnosis.Subject) throws -> Diagnosis.Outcome {
    let model = subject.model
    guard !watchedLayers(model).isEmpty else {
      return .skipped("\(model.name) has no hidden layer of relu, sigmoid or tanh units")
    }
    let (layers, samples) = try layerUnits(model, on: subject.data)
    var findings: [Finding] = []
    for layer in layers where layer.units > 0 {
      let written = model.layers[layer.index].written()
      if Double(layer.dead.count) >= reportedFraction * Double(layer.units) {
        findings.append(
          dead(
            layer, written: written, samples: samples, trained: !model.history.epochs.isEmpty))
      }
      if Double(layer.saturated.count) >= reportedFraction * Double(layer.units) {
        findings.append(
          saturated(
            layer, written: written, samples: samples,
            standardized: model.standardizer != nil))
      }
    }
    return .checked(findings)
  }
}
