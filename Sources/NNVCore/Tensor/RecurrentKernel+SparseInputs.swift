/// Input products for inputs that are mostly zeros, as one-hot characters are.
///
/// A character model's input at every step is one-hot: of its F values one is 1 and the rest
/// are 0, so the input projection `X · W` is a gather of rows of W, and the weight gradient
/// `Xᵀ · dA` adds each step's gradient row to one row of the gradient. Done as dense products
/// these spend F − 1 of every F multiply-adds on zeros. When at most one input value in eight
/// is not zero, the kernels visit only the values that are not, in the same order as the dense
/// product would add them.
extension RecurrentKernel {
  /// Whether at most one in eight of `count` values is not zero.
  static func isSparse(_ values: UnsafePointer<Float>, count: Int) -> Bool {
    var nonzero = 0
    for i in 0..<count where values[i] != 0 { nonzero += 1 }
    return nonzero <= count / 8
  }

  /// `c[r, :] += Σ_f x[r, f] · w[f, :]` over the values of `x` `[rows, features]` that are not
  /// zero; `w` and `c` have rows of `columns`.
  static func sparseProduct(
    rows: Int, features: Int, columns: Int, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>
  ) {
    for r in 0..<rows {
      for f in 0..<features where x[r * features + f] != 0 {
        addScaled(x[r * features + f], w + f * columns, to: c + r * columns, count: columns)
      }
    }
  }

  /// `g[f, :] = Σ_r x[r, f] · d[r, :]` over the values of `x` `[rows, features]` that are not
  /// zero; `d` and `g` have rows of `columns`. `g` must start at zero.
  static func sparseTransposedProduct(
    rows: Int, features: Int, columns: Int, x: UnsafePointer<Float>, d: UnsafePointer<Float>,
    g: UnsafeMutablePointer<Float>
  ) {
    for r in 0..<rows {
      for f in 0..<features where x[r * features + f] != 0 {
        addScaled(x[r * features + f], d + r * columns, to: g + f * columns, count: columns)
      }
    }
  }

  /// `target[0..<count] += a · source[0..<count]`.
  @inline(__always)
  static func addScaled(
    _ a: Float, _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    let scale = SIMD16<Float>(repeating: a)
    for j in vectorUnits(count) {
      store(MatrixMultiply.multiplyAdd(load(target + j), scale, load(source + j)), target + j)
    }
    for j in tailUnits(count) { target[j] = MatrixMultiply.multiplyAdd(target[j], a, source[j]) }
  }
}
