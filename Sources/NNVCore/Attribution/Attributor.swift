/// Computes attributions for a batch of inputs, as batched tensor work.
///
/// Every method reduces to forward and backward passes over batches of (possibly modified)
/// inputs: n inputs with 50 Integrated-Gradients steps are passes over 51·n rows, never 51·n
/// separate graphs. Samples in a batch do not interact, so the gradient of the summed target
/// scores gives each row its own gradient. The modified copies are built a chunk at a time
/// (`PerturbedBatches`), so memory stays within `memoryBudget` whatever the number of samples,
/// steps or patches; a cancelled `Cancellation` token stops the work between chunks.
public enum Attributor {
  /// The most rows one forward pass takes; larger jobs are split.
  public static let maximumRows = 8192

  /// The bytes of modified inputs and their activations one pass may hold by default: 64 MiB.
  public static let defaultMemoryBudget = 64 << 20

  /// Attributes the target scores of `inputs` (a batch, or one sample) to their features.
  ///
  /// - Parameters:
  ///   - targets: one class per sample; each sample's predicted class when `nil`.
  ///   - seed: seeds SmoothGrad's noise.
  ///   - memoryBudget: bytes one pass may use for its rows, their activations and gradients;
  ///     fewer rows per pass if needed (at least one), with the same results.
  /// - Throws: `AttributionError` for settings it cannot use, `LayerError` for inputs that do
  ///   not fit the model, `CancellationError` when the running work is cancelled.
  public static func attribute(
    _ model: Sequential, inputs: Tensor, method: AttributionMethod, targets: [Int]? = nil,
    seed: UInt64 = 0, memoryBudget: Int = defaultMemoryBudget
  ) throws -> Attribution {
    try model.checkInput(inputs)
    let single = inputs.rank == model.inputShape.count
    let x = single ? try inputs.reshaped([1] + model.inputShape) : inputs
    let batches = PerturbedBatches(
      model: model, rowsPerPass: PerturbedBatches.copyRowsPerPass(model, budget: memoryBudget))
    // One pass gives the targets, their scores and the plain gradient.
    let (g, chosen, scores) = try gradients(
      model, x, targets, rows: PerturbedBatches.rowsPerPass(model, budget: memoryBudget))
    var result = Attribution(
      values: Tensor.zeros(x.shape), targets: chosen, scores: scores, method: method,
      completenessGaps: nil)
    switch method {
    case .gradient(let absolute):
      result.values = absolute ? g.map { abs($0) } : g
    case .gradientTimesInput:
      result.values = try g * x
    case .smoothGrad(let samples, let noise, let variant):
      result.values = try SmoothGrad.attribute(
        x, chosen, samples: samples, noise: noise, variant: variant, seed: seed, in: batches)
    case .integratedGradients(let steps, let baseline):
      let (values, gaps) = try IntegratedGradients.attribute(
        x, chosen, scores, steps: steps, baseline: baseline, in: batches)
      result.values = values
      result.completenessGaps = gaps
    case .occlusion(let patch, let stride, let fill):
      result.values = try Occlusion.attribute(
        x, chosen, scores, patch: patch, stride: stride, fill: fill, in: batches)
    }
    result.values = try result.values.reshaped(
      single ? [1] + model.inputShape : inputs.shape)
    return result
  }

  /// The target class's score (the last layer's pre-activation) for every row.
  static func targetScores(_ model: Sequential, _ x: Tensor, _ targets: [Int]) throws -> [Float] {
    var scores: [Float] = []
    let constants = model.parameters.map { $0.map { Variable($0) } }
    for start in stride(from: 0, to: x.rows, by: maximumRows) {
      let rows = start..<Swift.min(start + maximumRows, x.rows)
      var context = ForwardContext.inference
      let out = try model.forward(
        Variable(try x.rows(rows)), parameters: constants, context: &context,
        stopBeforeFinalActivation: true
      ).value.flattenedRows
      let width = out.rowSize
      for (k, i) in rows.enumerated() {
        guard targets[i] >= 0, targets[i] < width else {
          throw TensorError.indexOutOfRange("no class \(targets[i]) among \(width) outputs")
        }
        scores.append(out.scalars[k * width + targets[i]])
      }
    }
    return scores
  }

  /// Input gradients of the target scores (the predicted classes when `targets` is nil), with
  /// the targets and scores, in chunks of at most `rows` rows.
  static func gradients(
    _ model: Sequential, _ x: Tensor, _ targets: [Int]?, rows chunk: Int
  ) throws -> (Tensor, [Int], [Float]) {
    if x.rows <= chunk { return try InputGradient.compute(model, inputs: x, targets: targets) }
    if let targets, targets.count != x.rows {
      throw TensorError.indexOutOfRange(
        "need one target class for each of the \(x.rows) samples, not \(targets.count)")
    }
    var parts: [Tensor] = []
    var chosen: [Int] = []
    var scores: [Float] = []
    for start in stride(from: 0, to: x.rows, by: chunk) {
      try Cancellation.check()
      let rows = start..<Swift.min(start + chunk, x.rows)
      let part = try InputGradient.compute(
        model, inputs: x.rows(rows), targets: targets.map { Array($0[rows]) })
      parts.append(part.gradients)
      chosen += part.targets
      scores += part.scores
    }
    return (try Tensor.concatenatingRows(parts), chosen, scores)
  }
}

/// Settings an attribution method cannot use.
public enum AttributionError: Error, Equatable, CustomStringConvertible {
  case invalidSettings(String)

  public var description: String {
    switch self {
    case .invalidSettings(let message): message
    }
  }
}
