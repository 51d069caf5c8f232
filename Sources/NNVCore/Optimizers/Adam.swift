/// Adam: per-parameter steps from bias-corrected estimates of the gradient's first two moments
/// (Kingma and Ba 2015).
///
/// PyTorch's form: `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
/// `w ← w − (lr / (1−β₁ᵗ)) · m / (√(v / (1−β₂ᵗ)) + ε)`.
public final class Adam: Optimizer {
  public var learningRate: Float
  public let beta1: Float
  public let beta2: Float
  public let epsilon: Float
  private var step = 0
  private var firstMoments = SlotStore()
  private var secondMoments = SlotStore()

  public init(
    learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public var description: String { "adam(lr: \(learningRate))" }

  public func update(_ parameters: inout [[Tensor]], along gradients: [[Tensor]]) {
    step += 1
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    // Bias corrections in Float, as the reference implementations compute them.
    let c1 = 1 - pow(b1, step)
    let c2 = 1 - pow(b2, step)
    let stepSize = learningRate / c1
    forEachParameter(&parameters, gradients) { index, w, g in
      firstMoments.withSlot(index, count: w.count) { m in
        secondMoments.withSlot(index, count: w.count) { v in
          w.withUnsafeMutableBufferPointer { w in
            g.withUnsafeBufferPointer { g in
              m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                  for i in 0..<w.count {
                    m[i] = b1 * m[i] + (1 - b1) * g[i]
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                    w[i] -= stepSize * m[i] / ((v[i] / c2).squareRoot() + eps)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// `base` raised to a whole power, by repeated squaring in single precision.
func pow(_ base: Float, _ exponent: Int) -> Float {
  var result: Float = 1
  var b = base
  var e = exponent
  while e > 0 {
    if e & 1 == 1 { result *= b }
    b *= b
    e >>= 1
  }
  return result
}
