/// Integrated Gradients (Sundararajan et al. 2017): the path integral of the gradients from a
/// baseline to each input, times (input − baseline), by the trapezoidal rule.
enum IntegratedGradients {
  /// Row i·(steps+1) + k of the virtual batch is baseline + (k/steps)·(x_i − baseline).
  ///
  /// - Returns: the attributions and, per input, the completeness gap
  ///   |Σ attributions − (f(x) − f(baseline))|.
  static func attribute(
    _ x: Tensor, _ targets: [Int], _ scores: [Float], steps: Int,
    baseline: AttributionMethod.Baseline, in batches: PerturbedBatches
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
    let inputs = x.scalars
    let points = steps + 1
    var integral = [Double](repeating: 0, count: d)
    var out = [Float](repeating: 0, count: n * d)
    var gaps: [Float] = []
    gaps.reserveCapacity(n)
    // The baseline's score for every class, to compare with each input's target.
    let baselineOutputs = try baselineLogits(batches.model, start)
    try batches.run(
      count: n * points, pass: .gradients, target: { targets[$0 / points] },
      make: { r, buffer, offset in
        let (i, k) = r.quotientAndRemainder(dividingBy: points)
        let alpha = Float(k) / Float(steps)
        for j in 0..<d {
          let b = start[j]
          buffer[offset + j] = b + alpha * (inputs[i * d + j] - b)
        }
      },
      consume: { rows, g in
        for r in rows {
          let (i, k) = r.quotientAndRemainder(dividingBy: points)
          if k == 0 { for j in 0..<d { integral[j] = 0 } }
          // The trapezoidal rule: half weight at both ends.
          let weight = (k == 0 || k == steps) ? 0.5 : 1.0
          let base = (r - rows.lowerBound) * d
          for j in 0..<d { integral[j] += weight * Double(g[base + j]) }
          guard k == steps else { continue }
          var total = 0.0
          for j in 0..<d {
            let value = integral[j] / Double(steps) * Double(inputs[i * d + j] - start[j])
            out[i * d + j] = Float(value)
            total += value
          }
          let change = Double(scores[i] - baselineOutputs[targets[i]])
          gaps.append(Float(abs(total - change)))
        }
      })
    return (try Tensor(shape: x.shape, scalars: out), gaps)
  }

  /// The baseline's pre-activation output for every class.
  static func baselineLogits(_ model: Sequential, _ start: [Float]) throws -> [Float] {
    let constants = model.parameters.map { $0.map { Variable($0) } }
    var context = ForwardContext.inference
    return try model.forward(
      Variable(try Tensor(shape: [1] + model.inputShape, scalars: start)),
      parameters: constants, context: &context, stopBeforeFinalActivation: true
    ).value.scalars
  }
}
