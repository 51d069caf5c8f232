/// What each input feature contributed to a model's score for a class.
public struct Attribution: Sendable {
  /// One attribution per input element, shaped like the inputs (`[n] + inputShape`).
  public var values: Tensor
  /// The class each sample's attribution explains (the predicted one unless named).
  public var targets: [Int]
  /// The target scores (logits) for the inputs.
  public var scores: [Float]
  /// The method and its settings.
  public var method: AttributionMethod
  /// For Integrated Gradients: per sample, |Σ attributions − (f(x) − f(baseline))|, the
  /// completeness gap (Captum's convergence delta). `nil` for other methods.
  public var completenessGaps: [Float]?
  /// For a sequence model explained at one step (`Attributor.attribute(_:inputs:method:step:)`),
  /// that step; nil otherwise.
  public var step: Int?

  public init(
    values: Tensor, targets: [Int], scores: [Float], method: AttributionMethod,
    completenessGaps: [Float]? = nil, step: Int? = nil
  ) {
    self.values = values
    self.targets = targets
    self.scores = scores
    self.method = method
    self.completenessGaps = completenessGaps
    self.step = step
  }

  /// The mean absolute attribution of each feature over the samples, for ranking features.
  public var meanAbsolute: [Float] {
    let n = Swift.max(values.rows, 1)
    let width = values.rowSize
    var sums = [Double](repeating: 0, count: width)
    for i in 0..<values.rows {
      for j in 0..<width { sums[j] += Double(abs(values.scalars[i * width + j])) }
    }
    return sums.map { Float($0 / Double(n)) }
  }

  /// Feature indices from most to least important by mean absolute attribution.
  public var ranking: [Int] {
    let importance = meanAbsolute
    return importance.indices.sorted {
      importance[$0] > importance[$1] || (importance[$0] == importance[$1] && $0 < $1)
    }
  }
}
