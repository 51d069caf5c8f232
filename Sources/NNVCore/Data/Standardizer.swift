/// Per-feature standardization, `(x − mean) / deviation`, learned from training data.
///
/// The statistics are kept with the model, so later predictions on raw inputs are standardized
/// the same way, and saliency is computed with respect to the raw inputs.
public struct Standardizer: Sendable, Equatable, Codable {
  /// The mean of each feature.
  public var mean: [Float]
  /// The standard deviation of each feature (1 where a feature is constant).
  public var deviation: [Float]

  public init(mean: [Float], deviation: [Float]) {
    self.mean = mean
    self.deviation = deviation
  }

  /// The statistics of a data set's features.
  ///
  /// - Throws: `DataError.invalidArgument` naming the sample and feature when a value is NaN or
  ///   infinite, or when the values are too large for their deviation to be a `Float`.
  public init(fitting data: Dataset) throws {
    var inputs = data
    inputs.values = nil
    try inputs.checkFinite()
    try self.init(fitting: data.features)
    for (j, (m, s)) in zip(mean, deviation).enumerated() where !m.isFinite || !s.isFinite {
      let name = j < data.featureNames.count ? data.featureNames[j] : "\(j + 1)"
      throw DataError.invalidArgument(
        "the values of feature \(name) of \(data.name) are too large to standardize")
    }
  }

  /// The statistics of `features` (shape `[n, ...]`, each sample flattened), which must be
  /// finite; `init(fitting:)` with a data set checks.
  ///
  /// - Throws: `CancellationError` when the running work's `Cancellation` token is cancelled.
  public init(fitting features: Tensor) throws {
    let n = features.rows
    let d = features.rowSize
    var sum = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    var poller = Cancellation.Poller()
    for i in 0..<n {
      try poller.advance(by: d)
      for j in 0..<d {
        let x = Double(features.scalars[i * d + j])
        sum[j] += x
        squares[j] += x * x
      }
    }
    let count = Double(Swift.max(n, 1))
    mean = sum.map { Float($0 / count) }
    deviation = zip(sum, squares).map { s, q in
      let variance = Swift.max(q / count - (s / count) * (s / count), 0)
      return variance > 1e-12 ? Float(variance.squareRoot()) : 1
    }
  }

  /// Standardizes a batch of samples, polling `Cancellation` every million values.
  public func apply(_ x: Tensor) throws -> Tensor {
    let d = mean.count
    guard x.rank >= 2, x.rowSize == d, deviation.count == d, x.count > 1 << 20 else {
      return try apply(Variable(x)).value
    }
    // The same arithmetic as the variable form: (x − mean) · (1 / deviation), in Float.
    let scale = deviation.map { 1 / $0 }
    var out = x
    for start in stride(from: 0, to: x.count, by: 1 << 20) {
      try Cancellation.check()
      for k in start..<Swift.min(start + (1 << 20), x.count) {
        let j = k % d
        out.scalars[k] = (x.scalars[k] - mean[j]) * scale[j]
      }
    }
    return out
  }

  /// Standardizes a batch of variables (differentiable with respect to the inputs).
  public func apply(_ x: Variable) throws -> Variable {
    let rowShape = Array(x.shape.dropFirst())
    let m = try Tensor(shape: [mean.count], scalars: mean).reshaped(rowShape)
    let s = try Tensor(shape: [deviation.count], scalars: deviation.map { 1 / $0 })
      .reshaped(rowShape)
    return try (x - Variable(m)) * Variable(s)
  }
}
