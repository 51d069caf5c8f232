/// Percentiles of one parameter tensor at the end of an epoch: what TensorBoard's distribution
/// dashboard draws, kept small enough to record every epoch of every layer.
public struct WeightDistribution: Sendable, Equatable, Codable {
  /// The percentiles recorded, TensorBoard's bands: min, ±1.5σ, ±1σ, ±0.5σ, median, max.
  public static let percentiles: [Float] = [0, 7, 16, 31, 50, 69, 84, 93, 100]

  /// The layer the tensor belongs to.
  public var layer: String
  /// Whether the tensor is a bias vector rather than a weight matrix.
  public var isBias: Bool
  /// The tensor's values at `percentiles`; non-finite values are left out.
  public var values: [Float]

  public init(layer: String, isBias: Bool, values: [Float]) {
    self.layer = layer
    self.isBias = isBias
    self.values = values
  }

  /// The distribution of `tensor`'s finite values (all zeros when it has none).
  public init(layer: String, isBias: Bool, of tensor: Tensor) {
    let sorted = FloatSort.sorted(tensor.scalars.filter(\.isFinite))
    let values = Self.percentiles.map { p -> Float in
      guard !sorted.isEmpty else { return 0 }
      // Linear interpolation between closest ranks, numpy's default.
      let position = Double(p) / 100 * Double(sorted.count - 1)
      let low = Int(position)
      let high = Swift.min(low + 1, sorted.count - 1)
      let t = Float(position - Double(low))
      return sorted[low] + (sorted[high] - sorted[low]) * t
    }
    self.init(layer: layer, isBias: isBias, values: values)
  }

  /// One distribution per parameter tensor of `model`, in layer order.
  public static func of(_ model: Sequential) -> [WeightDistribution] {
    var result: [WeightDistribution] = []
    for (layer, tensors) in zip(model.layers, model.parameters) {
      for tensor in tensors {
        result.append(WeightDistribution(layer: layer.name, isBias: tensor.rank == 1, of: tensor))
      }
    }
    return result
  }
}
