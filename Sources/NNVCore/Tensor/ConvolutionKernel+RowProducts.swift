/// The weight gradient's product, `C += A · Bᵀ` for A and B whose rows are contiguous.
///
/// The weight gradient of a chunk is `gradient rows [F, columns] · patchesᵀ [columns, C·K·K]`:
/// a short, wide result over a long depth, with both operands' rows running along the depth.
/// The packed multiply would have to transpose the whole patch matrix into its layout first;
/// computed as dot products of rows, four rows of A against two rows of B at a time, every
/// operand is read where it lies and each loaded vector feeds several multiply-adds.
extension ConvolutionKernel {
  /// `c[i · ldc + j] += Σₚ a[i · lda + p] · b[j · ldb + p]` for i < m, j < n, p < k.
  static func addRowProducts(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
    ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    var i = 0
    while i + 4 <= m {
      var j = 0
      while j + 2 <= n {
        let sums = dot4x2(k: k, a: a + i * lda, lda: lda, b: b + j * ldb, ldb: ldb)
        for r in 0..<4 {
          c[(i + r) * ldc + j] += sums[r]
          c[(i + r) * ldc + j + 1] += sums[r + 4]
        }
        j += 2
      }
      if j < n {
        for r in 0..<4 { c[(i + r) * ldc + j] += dot(k: k, a + (i + r) * lda, b + j * ldb) }
      }
      i += 4
    }
    while i < m {
      for j in 0..<n { c[i * ldc + j] += dot(k: k, a + i * lda, b + j * ldb) }
      i += 1
    }
  }

  /// The eight dot products of rows a₀…a₃ with rows b₀, b₁: lanes 0–3 against b₀, 4–7 b₁.
  @inline(__always)
  private static func dot4x2(
    k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int
  ) -> SIMD8<Float> {
    var s00 = SIMD16<Float>(), s10 = SIMD16<Float>(), s20 = SIMD16<Float>()
    var s30 = SIMD16<Float>(), s01 = SIMD16<Float>(), s11 = SIMD16<Float>()
    var s21 = SIMD16<Float>(), s31 = SIMD16<Float>()
    let (a1, a2, a3, b1) = (a + lda, a + 2 * lda, a + 3 * lda, b + ldb)
    var p = 0
    while p + 16 <= k {
      let x0 = load(b + p, as: SIMD16<Float>.self)
      let x1 = load(b1 + p, as: SIMD16<Float>.self)
      var y = load(a + p, as: SIMD16<Float>.self)
      s00 = MatrixMultiply.multiplyAdd(s00, y, x0)
      s01 = MatrixMultiply.multiplyAdd(s01, y, x1)
      y = load(a1 + p, as: SIMD16<Float>.self)
      s10 = MatrixMultiply.multiplyAdd(s10, y, x0)
      s11 = MatrixMultiply.multiplyAdd(s11, y, x1)
      y = load(a2 + p, as: SIMD16<Float>.self)
      s20 = MatrixMultiply.multiplyAdd(s20, y, x0)
      s21 = MatrixMultiply.multiplyAdd(s21, y, x1)
      y = load(a3 + p, as: SIMD16<Float>.self)
      s30 = MatrixMultiply.multiplyAdd(s30, y, x0)
      s31 = MatrixMultiply.multiplyAdd(s31, y, x1)
      p += 16
    }
    var sums = SIMD8<Float>(
      total(s00), total(s10), total(s20), total(s30), total(s01), total(s11), total(s21),
      total(s31))
    while p < k {
      let (x0, x1) = (b[p], b1[p])
      sums += SIMD8<Float>(
        a[p] * x0, a1[p] * x0, a2[p] * x0, a3[p] * x0, a[p] * x1, a1[p] * x1, a2[p] * x1,
        a3[p] * x1)
      p += 1
    }
    return sums
  }

  /// The dot product of two rows of `k` values.
  @inline(__always)
  private static func dot(k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> Float {
    var lanes = SIMD16<Float>()
    var p = 0
    while p + 16 <= k {
      lanes = MatrixMultiply.multiplyAdd(
        lanes, load(a + p, as: SIMD16<Float>.self), load(b + p, as: SIMD16<Float>.self))
      p += 16
    }
    var sum = total(lanes)
    while p < k {
      sum += a[p] * b[p]
      p += 1
    }
    return sum
  }

  /// The sum of a vector's lanes, halving it with vector adds (the library's `sum()` adds them
  /// one at a time).
  @inline(__always)
  static func total(_ v: SIMD16<Float>) -> Float {
    let eight = v.lowHalf + v.highHalf
    let four = eight.lowHalf + eight.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
  }
}
