/// A one-input model's output over the range its data spans: the curve drawn over the data.
public struct FittedCurve: Sendable, Equatable {
  /// How many inputs the curve is sampled at, evenly from the smallest to the largest.
  public static let sampleCount = 200

  /// The inputs, in increasing order.
  public var inputs: [Double]
  /// The model's output scalars in order: one per input for a model with one output.
  public var outputs: [Double]

  /// Samples `model` over the range of every feature value of `sets` (-1…1 when none is
  /// finite).
  ///
  /// - Throws: `LayerError` when the model does not take one input, `CancellationError`.
  public init(_ model: Sequential, spanning sets: [Dataset]) throws {
    let range = sets.flatMap { $0.features.scalars.map(Double.init) }.finiteExtent ?? -1...1
    let last = Double(Self.sampleCount - 1)
    inputs = (0..<Self.sampleCount).map {
      range.lowerBound + Double($0) / last * (range.upperBound - range.lowerBound)
    }
    let output = try model.predict(
      try Tensor(shape: [inputs.count, 1], scalars: inputs.map(Float.init)))
    outputs = output.scalars.prefix(inputs.count).map(Double.init)
  }
}
