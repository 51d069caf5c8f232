/// The model-randomization test for saliency methods (Adebayo et al., "Sanity Checks for
/// Saliency Maps", 2018).
///
/// A saliency method that explains the model must give different maps when the model's weights
/// are replaced by random ones. This computes the same attribution for a trained model and for a
/// copy with freshly initialized weights, and the Spearman rank correlation of the absolute
/// attributions, sample by sample. A correlation near 1 means the method shows the input, not
/// the model.
public enum SanityCheck {
  /// The result: the mean rank correlation, the attributions of both models, and the verdict.
  public struct Result: Sendable {
    public var meanRankCorrelation: Float
    public var trained: Attribution
    public var randomized: Attribution
    /// What the correlation says, for the inputs' number of features.
    public var verdict: Verdict
  }

  /// Runs the test on `inputs`, with the randomized copy seeded by `seed`.
  public static func run(
    _ model: Sequential, inputs: Tensor, method: AttributionMethod, seed: UInt64 = 1
  ) throws -> Result {
    let trained = try Attributor.attribute(model, inputs: inputs, method: method)
    var random = model
    random.parameters = model.layers.enumerated().map { i, layer in
      layer.parameters.map { SanityCheck.randomized($0, seed: seed &+ UInt64(i)) }
    }
    // Explain the same classes in both, so only the weights differ.
    let randomized = try Attributor.attribute(
      random, inputs: inputs, method: method, targets: trained.targets)
    let d = trained.values.rowSize
    var total = 0.0
    var constant = 0
    var poller = Cancellation.Poller()
    for i in 0..<trained.values.rows {
      // Ranking sorts each map: about d·log d steps a sample.
      try poller.advance(by: d * 8)
      let a = trained.values.scalars[(i * d)..<((i + 1) * d)].map { abs($0) }
      let b = randomized.values.scalars[(i * d)..<((i + 1) * d)].map { abs($0) }
      if let first = a.first, a.allSatisfy({ $0 == first }) { constant += 1 }
      total += Double(rankCorrelation(a, b))
    }
    let rows = trained.values.rows
    let mean = Float(total / Double(Swift.max(rows, 1)))
    return Result(
      meanRankCorrelation: mean, trained: trained, randomized: randomized,
      verdict: Verdict(
        correlation: mean, featureCount: inputs.rowSize, constantMaps: rows > 0 && constant == rows
      ))
  }

  /// A parameter tensor as a freshly initialized layer would have it: weights (a dense
  /// layer's [inputs, units], a convolution's [filters, channels, k, k]) Glorot uniform,
  /// biases zero.
  public static func randomized(_ tensor: Tensor, seed: UInt64) -> Tensor {
    guard tensor.rank >= 2 else { return Tensor.zeros(tensor.shape) }
    let area = tensor.shape.dropFirst(2).reduce(1, *)
    let (fanIn, fanOut) =
      tensor.rank == 2
      ? (tensor.shape[0], tensor.shape[1])
      : (tensor.shape[1] * area, tensor.shape[0] * area)
    let values = Initializer.glorotUniform.values(
      count: tensor.count, fanIn: fanIn, fanOut: fanOut, seed: seed)
    return Tensor(shape: tensor.shape) { for k in 0..<$0.count { $0[k] = values[k] } }
  }

  /// Spearman's rank correlation (ties get their mean rank).
  public static func rankCorrelation(_ a: [Float], _ b: [Float]) -> Float {
    let ra = ranks(a)
    let rb = ranks(b)
    let n = Double(a.count)
    guard n > 1 else { return 1 }
    let ma = ra.reduce(0, +) / n
    let mb = rb.reduce(0, +) / n
    var cov = 0.0
    var va = 0.0
    var vb = 0.0
    for (x, y) in zip(ra, rb) {
      cov += (x - ma) * (y - mb)
      va += (x - ma) * (x - ma)
      vb += (y - mb) * (y - mb)
    }
    guard va > 0, vb > 0 else { return va == vb ? 1 : 0 }
    return Float(cov / (va * vb).squareRoot())
  }

  static func ranks(_ values: [Float]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
      let rank = Double(i + j) / 2
      for k in i...j { ranks[order[k]] = rank }
      i = j + 1
    }
    return ranks
  }
}
