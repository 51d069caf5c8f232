/// One sequence seen through a recurrent layer: its tokens, the hidden state at every step and,
/// for an LSTM or a GRU, each gate's mean activity at every step. The `hidden` and `gates`
/// views draw it.
public struct HiddenSequence: Sendable, Equatable {
  /// The layer's name (`lstm_1`) and kind (`lstm`).
  public var layer: String
  public var kind: String
  /// The layer's number among the model's recurrent layers, from 1.
  public var number: Int
  /// What the sequence holds at every step (`SequenceTokens`).
  public var tokens: [String]
  /// The hidden state, `states[t][u]` for step t and unit u.
  public var states: [[Double]]
  /// The gates in the cell's order (`i f g o`, `r z n`), each with its mean over the units at
  /// every step; empty for an rnn.
  public var gates: [(name: String, means: [Double])]

  public var steps: Int { states.count }
  public var units: Int { states.first?.count ?? 0 }

  /// Unit `u`'s value at every step.
  public func unit(_ u: Int) -> [Double] { states.map { u < $0.count ? $0[u] : .nan } }

  public static func == (a: HiddenSequence, b: HiddenSequence) -> Bool {
    a.layer == b.layer && a.kind == b.kind && a.number == b.number && a.tokens == b.tokens
      && a.states == b.states && a.gates.map(\.name) == b.gates.map(\.name)
      && a.gates.map(\.means) == b.gates.map(\.means)
  }

  /// Sample `index` (from 0) of `data` through recurrent layer `number` (from 1, among the
  /// model's recurrent layers).
  ///
  /// - Throws: `LayerError.invalidConfiguration` when there is no such layer, `TensorError`
  ///   for an index outside the data, `LayerError.incompatibleInput` for samples of another
  ///   shape, `LimitError`, `CancellationError`.
  public static func of(
    _ model: Sequential, layer number: Int, data: Dataset, sample index: Int
  ) throws -> HiddenSequence {
    let (position, layer) = try model.recurrentLayer(number)
    let sample = try data.features.row(index)
    let trace = try model.trace(layer: position, on: sample)
    let gates = layer.cell.gateNames.compactMap { name in
      trace.gates[name].map { (name: name, means: gateMeans($0, sample: 0)) }
    }
    return HiddenSequence(
      layer: layer.name, kind: layer.kind, number: number,
      tokens: try SequenceTokens.labels(of: sample, featureNames: data.featureNames),
      states: steps(of: trace.hidden, sample: 0), gates: gates)
  }

  /// The rows `[steps][units]` of sample `i` of a `[n, steps, units]` tensor.
  public static func steps(of tensor: Tensor, sample i: Int) -> [[Double]] {
    guard tensor.rank == 3, i >= 0, i < tensor.shape[0] else { return [] }
    let (t, h) = (tensor.shape[1], tensor.shape[2])
    return (0..<t).map { s in
      let start = (i * t + s) * h
      return tensor.scalars[start..<(start + h)].map(Double.init)
    }
  }

  /// The mean over the units at every step of sample `i` of a gate `[n, steps, units]`.
  public static func gateMeans(_ gate: Tensor, sample i: Int) -> [Double] {
    steps(of: gate, sample: i).map { row in
      row.isEmpty ? .nan : row.reduce(0, +) / Double(row.count)
    }
  }
}

extension Sequential {
  /// The positions of the recurrent layers among the model's layers.
  public var recurrentLayerIndices: [Int] {
    layers.indices.filter { layers[$0] is Recurrent }
  }

  /// Recurrent layer `number` (from 1, among the recurrent layers) and its position.
  ///
  /// - Throws: `LayerError.invalidConfiguration` when there is no such layer.
  public func recurrentLayer(_ number: Int) throws -> (position: Int, layer: Recurrent) {
    let indices = recurrentLayerIndices
    guard number >= 1, number <= indices.count,
      let layer = layers[indices[number - 1]] as? Recurrent
    else {
      throw LayerError.invalidConfiguration(
        "\(name) has \(indices.count) recurrent layer\(indices.count == 1 ? "" : "s"), "
          + "not a layer \(number)")
    }
    return (indices[number - 1], layer)
  }
}
