/// Computes attributions for a batch of inputs, as batched tensor work.
///
/// Every method reduces to forward and backward passes over batches of (possibly modified)
/// inputs: n inputs with 50 Integrated-Gradients steps are one pass over 51·n rows (in chunks of
/// `maximumRows`), never 51·n separate graphs. Samples in a batch do not interact, so the
/// gradient of the summed target scores gives each row its own gradient.
public enum Attributor {
  /// The most rows one forward pass takes; larger jobs are split.
  public static let maximumRows = 8192

  /// Attributes the target scores of `inputs` (a batch, or one sample) to their features.
  ///
  /// - Parameters:
  ///   - targets: one class per sample; each sample's predicted class when `nil`.
  ///   - seed: seeds SmoothGrad's noise.
  /// - Throws: `AttributionError` for settings it cannot use, `LayerError` for inputs that do
  ///   not fit the model.
  public static func attribute(
    _ model: Sequential, inputs: Tensor, method: AttributionMethod, targets: [Int]? = nil,
    seed: UInt64 = 0
  ) throws -> Attribution {
    try model.checkInput(inputs)
    let x = inputs.rank == model.inputShape.count ? try inputs.reshaped([1] + model.inputShape) : inputs
    // One pass gives the targets, their scores and the plain gradient.
    let (g, chosen, scores) = try gradients(model, x, targets)
    var result = Attribution(
      values: Tensor.zeros(x.shape), targets: chosen, scores: scores, method: method,
      completenessGaps: nil)
    switch method {
    case .gradient(let absolute):
      result.values = absolute ? g.map { abs($0) } : g
    case .gradientTimesInput:
      result.values = try g * x
    case .smoothGrad(let samples, let noise, let variant):
      result.values = try smoothGrad(model, x, chosen, samples, noise, variant, seed)
    case .integratedGradients(let steps, let baseline):
      let (values, gaps) = try integratedGradients(model, x, chosen, steps, baseline, scores)
      result.values = values
      result.completenessGaps = gaps
    case .occlusion(let patch, let stride, let fill):
      result.values = try Occlusion.attribute(model, x, chosen, scores, patch, stride, fill)
    }
    result.values = try result.values.reshaped(inputs.rank == model.inputShape.count ? [1] + model.inputShape : inputs.shape)
    return result
  }

  /// The target class's score (the last layer's pre-activation) for every row.
  static func targetScores(_ model: Sequential, _ x: Tensor, _ targets: [Int]) throws -> [Float] {
    var scores: [Float] = []
    for start in stride(from: 0, to: x.rows, by: maximumRows) {
      let rows = start..<Swift.min(start + maximumRows, x.rows)
      var context = ForwardContext.inference
      let constants = model.parameters.map { $0.map { Variable($0) } }
      let out = try model.forward(
        Variable(try x.rows(rows)), parameters: constants, context: &context,
        stopBeforeFinalActivation: true
      ).value.flattenedRows
      let width = out.rowSize
      for (k, i) in rows.enumerated() { scores.append(out.scalars[k * width + targets[i]]) }
    }
    return scores
  }

  /// Input gradients of the target scores (the predicted classes when `targets` is nil), with
  /// the targets and scores, in chunks of `maximumRows`.
  static func gradients(
    _ model: Sequential, _ x: Tensor, _ targets: [Int]?
  ) throws -> (Tensor, [Int], [Float]) {
    if x.rows <= maximumRows { return try InputGradient.compute(model, inputs: x, targets: targets) }
    var parts: [Tensor] = []
    var chosen: [Int] = []
    var scores: [Float] = []
    for start in stride(from: 0, to: x.rows, by: maximumRows) {
      let rows = start..<Swift.min(start + maximumRows, x.rows)
      let part = try InputGradient.compute(
        model, inputs: x.rows(rows), targets: targets.map { Array($0[rows]) })
      parts.append(part.gradients)
      chosen += part.targets
      scores += part.scores
    }
    return (try Tensor.concatenatingRows(parts), chosen, scores)
  }

  static func smoothGrad(
    _ model: Sequential, _ x: Tensor, _ targets: [Int], _ samples: Int, _ noise: Float,
    _ variant: AttributionMethod.SmoothGradVariant, _ seed: UInt64
  ) throws -> Tensor {
    guard samples >= 1, samples <= 10_000, noise >= 0, noise.isFinite else {
      throw AttributionError.invalidSettings(
        "SmoothGrad takes 1 to 10,000 samples and a noise level of 0 or more")
    }
    let (n, d) = (x.rows, x.rowSize)
    var random = RandomGenerator(seed: seed)
    // Row i·samples + s is sample i with its s-th noise.
    var noisy = Tensor.zeros([n * samples, d])
    for i in 0..<n {
      let row = x.scalars[(i * d)..<((i + 1) * d)]
      let sigma = noise * ((row.max() ?? 0) - (row.min() ?? 0))
      for s in 0..<samples {
        let base = (i * samples + s) * d
        for (j, v) in row.enumerated() { noisy.scalars[base + j] = v + sigma * random.normal() }
      }
    }
    let repeated = targets.flatMap { [Int](repeating: $0, count: samples) }
    let g = try gradients(
      model, try noisy.reshaped([n * samples] + Array(x.shape.dropFirst())), repeated
    ).0
    var out = Tensor.zeros(x.shape)
    for i in 0..<n {
      for j in 0..<d {
        var sum = 0.0
        var squares = 0.0
        for s in 0..<samples {
          let v = Double(g.scalars[(i * samples + s) * d + j])
          sum += v
          squares += v * v
        }
        let mean = sum / Double(samples)
        let value: Double
        switch variant {
        case .mean: value = mean
        case .squared: value = squares / Double(samples)
        case .variance: value = Swift.max(squares / Double(samples) - mean * mean, 0)
        }
        out.scalars[i * d + j] = Float(value)
      }
    }
    return out
  }

  static func integratedGradients(
    _ model: Sequential, _ x: Tensor, _ targets: [Int], _ steps: Int,
    _ baseline: AttributionMethod.Baseline, _ scores: [Float]
  ) throws -> (Tensor, [Float]) {
    guard steps >= 1, steps <= 10_000 else {
      throw AttributionError.invalidSettings("Integrated Gradients takes 1 to 10,000 steps")
    }
    let (n, d) = (x.rows, x.rowSize)
    let start: [Float]
    switch baseline {
    case .zeros:
      start = [Float](repeating: 0, count: d)
    case .sample(let sample):
      guard sample.count == d else {
        throw AttributionError.invalidSettings(
          "the baseline has \(sample.count) values, but a sample has \(d)")
      }
      start = sample.scalars
    }
    // Row i·(steps+1) + k is baseline + (k/steps)·(x_i − baseline).
    let points = steps + 1
    var path = Tensor.zeros([n * points, d])
    for i in 0..<n {
      for k in 0..<points {
        let alpha = Float(k) / Float(steps)
        let base = (i * points + k) * d
        for j in 0..<d {
          let b = start[j]
          path.scalars[base + j] = b + alpha * (x.scalars[i * d + j] - b)
        }
      }
    }
    let repeated = targets.flatMap { [Int](repeating: $0, count: points) }
    let g = try gradients(
      model, try path.reshaped([n * points] + Array(x.shape.dropFirst())), repeated
    ).0
    let baselineScores = try targetScores(
      model, try Tensor(shape: [n, d], scalars: (0..<n).flatMap { _ in start })
        .reshaped(x.shape), targets)
    var out = Tensor.zeros(x.shape)
    var gaps: [Float] = []
    for i in 0..<n {
      var total = 0.0
      for j in 0..<d {
        // The trapezoidal rule: half weight at both ends.
        var integral = 0.0
        for k in 0..<points {
          let weight = (k == 0 || k == steps) ? 0.5 : 1.0
          integral += weight * Double(g.scalars[(i * points + k) * d + j])
        }
        let value = integral / Double(steps) * Double(x.scalars[i * d + j] - start[j])
        out.scalars[i * d + j] = Float(value)
        total += value
      }
      gaps.append(Float(abs(total - Double(scores[i] - baselineScores[i]))))
    }
    return (out, gaps)
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
