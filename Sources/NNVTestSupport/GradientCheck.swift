import NNVCore

/// The result of comparing autodiff gradients with central finite differences.
public struct GradientCheckReport: CustomStringConvertible {
  /// The worst |analytic − numeric| − tolerance seen; ≤ 0 when every entry passes.
  public var worstExcess: Double
  /// Where the worst entry was: (input index, element index, analytic, numeric).
  public var worst: (input: Int, element: Int, analytic: Double, numeric: Double)
  /// How many gradient entries were compared.
  public var checked: Int

  /// Whether every entry is within tolerance.
  public var passes: Bool { worstExcess <= 0 && checked > 0 }

  public var description: String {
    "checked \(checked) entries; worst: input \(worst.input)[\(worst.element)] analytic "
      + "\(worst.analytic) vs numeric \(worst.numeric)"
  }
}

/// Checks the gradients of `function` with respect to each of `inputs` against central finite
/// differences.
///
/// The output is reduced to a scalar with fixed pseudo-random weights (a vector–Jacobian
/// product), summed in `Double`, so every output element matters and Float rounding in the sum
/// does not swamp the difference quotient.
///
/// - Parameters:
///   - step: the finite-difference step h; the quotient is (f(x + h) − f(x − h)) / 2h.
///   - absoluteTolerance, relativeTolerance: an entry passes when
///     |analytic − numeric| ≤ absolute + relative · max(|analytic|, |numeric|).
public func checkGradients(
  of function: ([Variable]) throws -> Variable, at inputs: [Tensor], step: Float = 1e-3,
  absoluteTolerance: Double = 1e-3, relativeTolerance: Double = 1e-2
) throws -> GradientCheckReport {
  let tape = Tape()
  let variables = inputs.map { tape.variable($0) }
  let output = try function(variables)
  var random = RandomGenerator(seed: 99)
  let weights = Tensor(shape: output.shape) { buffer in
    for i in 0..<buffer.count { buffer[i] = random.uniform(0.5, 1.5) }
  }
  let gradients = tape.gradients(of: output, seed: weights)

  func objective(_ values: [Tensor]) throws -> Double {
    let out = try function(values.map { Variable($0) }).value
    var total = 0.0
    for (o, w) in zip(out.scalars, weights.scalars) { total += Double(o) * Double(w) }
    return total
  }

  var report = GradientCheckReport(
    worstExcess: -.infinity, worst: (0, 0, 0, 0), checked: 0)
  for (i, input) in inputs.enumerated() {
    let analytic = gradients[variables[i]]
    for e in 0..<input.count {
      var plus = inputs
      var minus = inputs
      plus[i].scalars[e] += step
      minus[i].scalars[e] -= step
      // The step actually taken, after rounding to Float.
      let h = Double(plus[i].scalars[e]) - Double(minus[i].scalars[e])
      let numeric = (try objective(plus) - objective(minus)) / h
      let a = Double(analytic.scalars[e])
      let excess =
        abs(a - numeric) - (absoluteTolerance + relativeTolerance * max(abs(a), abs(numeric)))
      report.checked += 1
      if excess > report.worstExcess {
        report.worstExcess = excess
        report.worst = (i, e, a, numeric)
      }
    }
  }
  return report
}

/// A tensor of the given shape with values uniform in [low, high), from a fixed seed.
public func randomTensor(
  _ shape: [Int], seed: UInt64, in range: ClosedRange<Float> = -1...1
) -> Tensor {
  var random = RandomGenerator(seed: seed)
  return Tensor(shape: shape) { buffer in
    for i in 0..<buffer.count { buffer[i] = random.uniform(range.lowerBound, range.upperBound) }
  }
}

/// Like `randomTensor`, but every value is at least `gap` away from zero (for kinks at 0).
public func randomTensorAvoidingZero(_ shape: [Int], seed: UInt64, gap: Float = 0.05) -> Tensor {
  randomTensor(shape, seed: seed).map { $0 >= 0 ? $0 + gap : $0 - gap }
}
