/// How far Integrated Gradients' attributions are from adding up to the change of the score
/// they explain, `f(x) − f(baseline)` (the completeness axiom of Sundararajan et al. 2017),
/// over a batch of inputs: the absolute gaps, and the gaps relative to the score change.
public struct CompletenessSummary: Sendable, Equatable {
  /// A score change at or below this is too small to divide by: such inputs have no relative
  /// gap.
  public static let smallestChange = 1e-6
  /// A largest relative gap above this calls for more steps.
  public static let acceptableRelativeGap = 0.05

  /// The number of inputs.
  public var count: Int
  /// The largest and the mean gap |Σ attributions − (f(x) − f(baseline))|.
  public var largest: Double
  public var mean: Double
  /// The largest and the mean gap over |f(x) − f(baseline)|, among the inputs whose score
  /// changed by more than `smallestChange`; nil when none did.
  public var largestRelative: Double?
  public var meanRelative: Double?

  public init(
    count: Int, largest: Double, mean: Double, largestRelative: Double?, meanRelative: Double?
  ) {
    self.count = count
    self.largest = largest
    self.mean = mean
    self.largestRelative = largestRelative
    self.meanRelative = meanRelative
  }

  /// Whether more steps would make the gap notably smaller: the largest relative gap is above
  /// `acceptableRelativeGap`.
  public var needsMoreSteps: Bool {
    (largestRelative ?? 0) > CompletenessSummary.acceptableRelativeGap
  }

  /// The summary of an Integrated Gradients attribution of `model`; nil for other methods or
  /// when no gap was measured.
  ///
  /// - Throws: `LayerError` when the baseline does not fit the model, `CancellationError`.
  public init?(_ attribution: Attribution, model: Sequential) throws {
    guard let gaps = attribution.completenessGaps, !gaps.isEmpty,
      case .integratedGradients(_, let baseline) = attribution.method
    else { return nil }
    let d = attribution.values.rowSize
    let start: [Float]
    switch baseline {
    case .zeros: start = [Float](repeating: 0, count: d)
    case .sample(let sample): start = sample.scalars
    }
    // f(baseline) for every class explained, in one batch; at its step for a sequence model.
    let offset =
      attribution.step.map { model.outputShape.count == 2 ? $0 * (model.outputShape.last ?? 1) : 0 }
      ?? 0
    let targets = attribution.targets.map { $0 + offset }
    let classes = Array(Set(targets)).sorted()
    let batch = try Tensor(shape: [classes.count, d], scalars: classes.flatMap { _ in start })
      .reshaped([classes.count] + model.inputShape)
    let baselineScores = try InputGradient.compute(model, inputs: batch, targets: classes).scores
    let scoreOf = Dictionary(uniqueKeysWithValues: zip(classes, baselineScores))
    var relative: [Double] = []
    for (i, gap) in gaps.enumerated()
    where i < attribution.scores.count && i < targets.count {
      let before = Double(scoreOf[targets[i]] ?? 0)
      let change = abs(Double(attribution.scores[i]) - before)
      if change > CompletenessSummary.smallestChange { relative.append(Double(gap) / change) }
    }
    self.init(
      count: gaps.count, largest: Double(gaps.max() ?? 0),
      mean: gaps.map(Double.init).reduce(0, +) / Double(gaps.count),
      largestRelative: relative.max(),
      meanRelative: relative.isEmpty ? nil : relative.reduce(0, +) / Double(relative.count))
  }
}
