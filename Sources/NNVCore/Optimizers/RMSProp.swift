/// RMSProp: steps scaled by a running root mean square of recent gradients (Hinton, Coursera
/// lecture 6e, 2012).
///
/// `s ← ρ·s + (1−ρ)·g²; w ← w − lr·g / (√s + ε)`, with Keras's defaults ρ = 0.9, ε = 1e-7.
public final class RMSProp: Optimizer {
  public var learningRate: Float
  public let rho: Float
  public let epsilon: Float
  private var squares = SlotStore()

  public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
  }

  public var description: String { "rmsprop(lr: \(learningRate))" }

  public func update(_ parameters: inout [[Tensor]], along gradients: [[Tensor]]) {
    let (lr, rho, eps) = (learningRate, rho, epsilon)
    forEachParameter(&parameters, gradients) { index, w, g in
      squares.withSlot(index, count: w.count) { s in
        for i in 0..<w.count {
          s[i] = rho * s[i] + (1 - rho) * g[i] * g[i]
          w[i] -= lr * g[i] / (s[i].squareRoot() + eps)
        }
      }
    }
  }
}
