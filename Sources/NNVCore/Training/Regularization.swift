/// L1 and L2 weight penalties (as Keras's kernel regularizers and TensorFlow Playground apply them).
enum Regularization {
  /// Adds `l1·sign(w) + 2·l2·w` to the gradients of the selected parameters and returns the
  /// penalty `l1·Σ|w| + l2·Σw²`.
  static func apply(
    l1: Float, l2: Float, to parameters: [[Tensor]], where selected: [[Bool]],
    gradients: inout [[Tensor]]
  ) -> Float {
    var penalty = 0.0
    for i in parameters.indices {
      for j in parameters[i].indices where selected[i][j] {
        let w = parameters[i][j].scalars
        gradients[i][j].scalars.withUnsafeMutableBufferPointer { g in
          for k in 0..<w.count {
            let x = w[k]
            penalty += Double(l1 * abs(x) + l2 * x * x)
            g[k] += l1 * (x > 0 ? 1 : x < 0 ? -1 : 0) + 2 * l2 * x
          }
        }
      }
    }
    return Float(penalty)
  }
}
