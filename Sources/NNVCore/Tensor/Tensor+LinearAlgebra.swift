/// Matrix products on tensors, delegating to the blocked `MatrixMultiply` kernels.
extension Tensor {
  /// The matrix product of two rank-2 tensors, either of them optionally transposed.
  ///
  /// Transposition is free: it only changes the strides the kernel reads with.
  ///
  /// - Throws: `TensorError.shapeMismatch` when either is not a matrix or the inner sizes differ.
  public static func matmul(
    _ a: Tensor, transposed ta: Bool = false, _ b: Tensor, transposed tb: Bool = false
  ) throws -> Tensor {
    guard a.rank == 2, b.rank == 2 else {
      throw TensorError.shapeMismatch(
        "matrix product needs two matrices, not \(describe(a.shape)) and \(describe(b.shape))")
    }
    let (m, k) = ta ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = tb ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else {
      throw TensorError.shapeMismatch(
        "cannot multiply \(describe(a.shape))\(ta ? "ᵀ" : "") by "
          + "\(describe(b.shape))\(tb ? "ᵀ" : ""): inner sizes \(k) and \(k2) differ")
    }
    var out = Tensor.zeros([m, n])
    out.multiplyAccumulate(a, transposed: ta, b, transposed: tb, m: m, n: n, k: k, into: false)
    return out
  }

  /// Writes (or adds, when `accumulate`) `op(a) · op(b)` into this `[m, n]` tensor.
  ///
  /// Shapes must already be checked; autodiff's backward pass uses it to add gradients in place.
  mutating func multiplyAccumulate(
    _ a: Tensor, transposed ta: Bool, _ b: Tensor, transposed tb: Bool,
    m: Int, n: Int, k: Int, into accumulate: Bool
  ) {
    let aColumns = a.shape.last ?? 1
    let bColumns = b.shape.last ?? 1
    a.scalars.withUnsafeBufferPointer { x in
      b.scalars.withUnsafeBufferPointer { y in
        scalars.withUnsafeMutableBufferPointer { c in
          guard let pa = x.baseAddress, let pb = y.baseAddress, let pc = c.baseAddress else {
            return
          }
          MatrixMultiply.multiply(
            m: m, n: n, k: k,
            a: pa, aRowStride: ta ? 1 : aColumns, aColStride: ta ? aColumns : 1,
            b: pb, bRowStride: tb ? 1 : bColumns, bColStride: tb ? bColumns : 1,
            c: pc, ldc: n, accumulate: accumulate)
        }
      }
    }
  }
}
