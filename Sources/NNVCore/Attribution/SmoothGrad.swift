/// SmoothGrad (Smilkov et al. 2017) and its variants: the mean, mean square or variance of the
/// gradients of noisy copies of each input.
enum SmoothGrad {
  /// Row i·samples + s of the virtual batch is input i with its s-th noise, drawn from one
  /// generator in row order, so the noise does not depend on how the rows are chunked.
  static func attribute(
    _ x: Tensor, _ targets: [Int], samples: Int, noise: Float,
    variant: AttributionMethod.SmoothGradVariant, seed: UInt64, in batches: PerturbedBatches
  ) throws -> Tensor {
    guard samples >= 1, samples <= 10_000, noise >= 0, noise.isFinite else {
      throw AttributionError.invalidSettings(
        "SmoothGrad takes 1 to 10,000 samples and a noise level of 0 or more")
    }
    let (n, d) = (x.rows, x.rowSize)
    let inputs = x.scalars
    var random = RandomGenerator(seed: seed)
    var sigma: Float = 0
    var sum = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    var out = [Float](repeating: 0, count: n * d)
    try batches.run(
      count: n * samples, pass: .gradients, target: { targets[$0 / samples] },
      make: { r, buffer, offset in
        let (i, s) = r.quotientAndRemainder(dividingBy: samples)
        let row = inputs[(i * d)..<((i + 1) * d)]
        if s == 0 { sigma = noise * ((row.max() ?? 0) - (row.min() ?? 0)) }
        for (j, v) in row.enumerated() { buffer[offset + j] = v + sigma * random.normal() }
      },
      consume: { rows, g in
        for r in rows {
          let (i, s) = r.quotientAndRemainder(dividingBy: samples)
          if s == 0 {
            for j in 0..<d {
              sum[j] = 0
              squares[j] = 0
            }
          }
          let base = (r - rows.lowerBound) * d
          for j in 0..<d {
            let v = Double(g[base + j])
            sum[j] += v
            squares[j] += v * v
          }
          guard s == samples - 1 else { continue }
          for j in 0..<d {
            let mean = sum[j] / Double(samples)
            let value: Double
            switch variant {
            case .mean: value = mean
            case .squared: value = squares[j] / Double(samples)
            case .variance: value = Swift.max(squares[j] / Double(samples) - mean * mean, 0)
            }
            out[i * d + j] = Float(value)
          }
        }
      })
    return try Tensor(shape: x.shape, scalars: out)
  }
}
