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
      layer.parameters.map { tensor in
        // Weights like a fresh Glorot layer; biases zero.
        guard tensor.rank == 2 else { return Tensor.zeros(tensor.shape) }
        let values = Initializer.glorotUniform.values(
          count: tensor.count, fanIn: tensor.shape[0], fanOut: tensor.shape[1],
          seed: seed &+ UInt64(i))
        return Tensor(shape: tensor.shape) { for k in 0..<$0.count { $0[k] = values[k] } }
      }
    }
    // Explain the same classes in both, so only the weights differ.
    let randomized = try Attributor.attribute(
      random, inputs: inputs, method: method, targets: trained.targets)
    let d = trained.values.rowSize
    var total = 0.0
    var poller = Cancellation.Poller()
    for i in 0..<trained.values.rows {
      // Ranking sorts each map: about d·log d steps a sample.
      try poller.advance(by: d * 8)
      let a = trained.values.scalars[(i * d)..<((i + 1) * d)].map { abs($0) }
      let b = randomized.values.scalars[(i * d)..<((i + 1) * d)].map { abs($0) }
      total += Double(rankCorrelation(a, b))
    }
    let mean = Float(total / Double(Swift.max(trained.values.rows, 1)))
    return Result(
      meanRankCorrelation: mean, trained: trained, randomized: randomized,
      verdict: Verdict(correlation: mean, featureCount: inputs.rowSize))
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
