/// Adagrad: steps scaled by the root of all past squared gradients (Duchi et al. 2011).
///
/// `s ← s + g²; w ← w − lr·g / (√s + ε)`, starting from s = 0 with ε = 1e-10 (PyTorch's form).
public final class Adagrad: Optimizer {
  public var learningRate: Float
  public let epsilon: Float
  private var sums = SlotStore()

  public init(learningRate: Float = 0.01, epsilon: Float = 1e-10) {
    self.learningRate = learningRate
    self.epsilon = epsilon
  }

  public var description: String { "adagrad(lr: \(learningRate))" }

  public func update(_ parameters: inout [[Tensor]], along gradients: [[Tensor]]) {
    let (lr, eps) = (learningRate, epsilon)
    forEachParameter(&parameters, gradients) { index, w, g in
      sums.withSlot(index, count: w.count) { s in
        for i in 0..<w.count {
          s[i] += g[i] * g[i]
          w[i] -= lr * g[i] / (s[i].squareRoot() + eps)
        }
      }
    }
  }
}
