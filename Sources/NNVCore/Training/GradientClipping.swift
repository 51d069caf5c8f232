/// Clipping gradients by their global norm, as PyTorch's `clip_grad_norm_` does.
///
/// A recurrent network's gradients can grow by a factor at every step they flow back through,
/// so one batch can throw the weights far away ("exploding gradients"). Clipping scales all of
/// a step's gradients by one factor when their global norm, √(Σ g²) over every parameter, is
/// above the bound: the direction of the step is kept and only its length is capped.
public enum GradientClipping {
  /// The global norm of `gradients`: the square root of the sum of every value's square,
  /// summed in double precision.
  public static func globalNorm(_ gradients: [[Tensor]]) -> Double {
    var sum = 0.0
    for layer in gradients {
      for tensor in layer {
        tensor.scalars.withUnsafeBufferPointer { g in
          for x in g { sum += Double(x) * Double(x) }
        }
      }
    }
    return sum.squareRoot()
  }

  /// Scales `gradients` so that their global norm is `bound` when it is larger; leaves them
  /// unchanged otherwise, and when the norm is not finite (training's safeguards report that).
  ///
  /// - Returns: the global norm before clipping.
  @discardableResult
  public static func clip(_ gradients: inout [[Tensor]], to bound: Float) -> Double {
    let norm = globalNorm(gradients)
    guard norm.isFinite, norm > Double(bound), bound > 0 else { return norm }
    let scale = Float(Double(bound) / norm)
    for i in gradients.indices {
      for j in gradients[i].indices {
        gradients[i][j].scalars.withUnsafeMutableBufferPointer { g in
          for k in g.indices { g[k] *= scale }
        }
      }
    }
    return norm
  }
}
