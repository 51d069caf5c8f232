/// Matrix products and the affine map of a dense layer; forward and backward side by side.
///
/// Backward closures capture values and node indices, never `Variable`s (see Elementwise.swift).
extension Variable {
  /// `x · w` for matrices. d/dx = g · wᵀ, d/dw = xᵀ · g.
  public static func matmul(_ x: Variable, _ w: Variable) throws -> Variable {
    let value = try Tensor.matmul(x.value, w.value)
    guard let tape = tape(of: x, w) else { return Variable(value) }
    let (xValue, xNode, wValue, wNode) = (x.value, x.node, w.value, w.node)
    return tape.result(value) { g, grads in
      addMatrixProductGradients(
        g, x: xValue, xNode: xNode, w: wValue, wNode: wNode, into: &grads)
    }
  }

  /// `x · w + b` with `x: [n, in]`, `w: [in, out]`, `b: [out]`: a dense layer in one node.
  ///
  /// Fused rather than built from `matmul` and `+` because small networks are bound by per-op
  /// overhead: one node, one output buffer, the bias added in the same pass.
  /// d/dx = g · wᵀ, d/dw = xᵀ · g, d/db = Σ over rows of g.
  public static func affine(_ x: Variable, _ w: Variable, _ b: Variable) throws -> Variable {
    guard x.value.rank == 2, w.value.rank == 2, b.value.rank == 1,
      x.shape[1] == w.shape[0], b.shape[0] == w.shape[1]
    else {
      throw TensorError.shapeMismatch(
        "a dense layer with weights \(Tensor.describe(w.shape)) and bias "
          + "\(Tensor.describe(b.shape)) cannot take input \(Tensor.describe(x.shape))")
    }
    let (m, k, n) = (x.shape[0], x.shape[1], w.shape[1])
    var value = Tensor(shape: [m, n]) { out in
      b.value.scalars.withUnsafeBufferPointer { bias in
        for i in 0..<m {
          for j in 0..<n { out[i * n + j] = bias[j] }
        }
      }
    }
    value.multiplyAccumulate(
      x.value, transposed: false, w.value, transposed: false, m: m, n: n, k: k, into: true)
    guard let tape = tape(of: x, w, b) else { return Variable(value) }
    let (xValue, xNode, wValue, wNode, bNode) = (x.value, x.node, w.value, w.node, b.node)
    return tape.result(value) { g, grads in
      addMatrixProductGradients(
        g, x: xValue, xNode: xNode, w: wValue, wNode: wNode, into: &grads)
      if bNode >= 0 { grads.add(g.summed(toShape: [n]), to: bNode) }
    }
  }

  /// Adds the gradients of `x · w` given the gradient `g` of the product.
  private static func addMatrixProductGradients(
    _ g: Tensor, x: Tensor, xNode: Int, w: Tensor, wNode: Int,
    into grads: inout GradientAccumulator
  ) {
    let (m, k, n) = (x.shape[0], x.shape[1], w.shape[1])
    if xNode >= 0 {
      var gx = Tensor.zeros([m, k])
      gx.multiplyAccumulate(
        g, transposed: false, w, transposed: true, m: m, n: k, k: n, into: false)
      grads.add(gx, to: xNode)
    }
    if wNode >= 0 {
      var gw = Tensor.zeros([k, n])
      gw.multiplyAccumulate(
        x, transposed: true, g, transposed: false, m: k, n: n, k: m, into: false)
      grads.add(gw, to: wNode)
    }
  }

  /// The same values with another shape. d/dx = g reshaped back.
  public func reshaped(_ shape: [Int]) throws -> Variable {
    let value = try self.value.reshaped(shape)
    guard let tape else { return Variable(value) }
    let original = self.shape
    let node = self.node
    return tape.result(value) { g, grads in
      grads.add(Tensor(uncheckedShape: original, scalars: g.scalars), to: node)
    }
  }
}
