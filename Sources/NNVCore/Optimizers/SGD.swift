/// Stochastic gradient descent, optionally with momentum or Nesterov momentum.
///
/// With momentum μ it follows PyTorch's form: `v ← μ·v + g; w ← w − lr·v`, and with Nesterov
/// `w ← w − lr·(g + μ·v)` after updating `v` (Sutskever et al. 2013).
public final class SGD: Optimizer {
  public var learningRate: Float
  public let momentum: Float
  public let nesterov: Bool
  private var velocity = SlotStore()

  public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
  }

  public var description: String {
    var text = "sgd(lr: \(learningRate)"
    if momentum != 0 { text += ", momentum: \(momentum)" }
    if nesterov { text += ", nesterov" }
    return text + ")"
  }

  public func update(_ parameters: inout [[Tensor]], along gradients: [[Tensor]]) {
    let (lr, mu, nesterov) = (learningRate, momentum, nesterov)
    forEachParameter(&parameters, gradients) { index, w, g in
      if mu == 0 {
        w.withUnsafeMutableBufferPointer { w in
          g.withUnsafeBufferPointer { g in
            for i in 0..<w.count { w[i] -= lr * g[i] }
          }
        }
        return
      }
      velocity.withSlot(index, count: w.count) { v in
        w.withUnsafeMutableBufferPointer { w in
          g.withUnsafeBufferPointer { g in
            v.withUnsafeMutableBufferPointer { v in
              for i in 0..<w.count {
                v[i] = mu * v[i] + g[i]
                w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i])
              }
            }
          }
        }
      }
    }
  }
}
