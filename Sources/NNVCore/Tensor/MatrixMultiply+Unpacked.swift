/// Products computed tile by tile on the operands where they are, for the products a recurrent
/// layer repeats at every step and every batch.
extension MatrixMultiply {
  /// The longest depth `multiplyUnpacked` runs itself: a strip of B of 32 columns is then at
  /// most 128 KiB, within L2.
  static let unpackedMaximumDepth = 1024

  /// Computes C[m×n] = op(A) · B, or adds the product to C, running the packed route's
  /// micro-kernel on the operands themselves. B is row-major (rows `ldb` apart); A is
  /// row-major `[m, k]` (rows `lda` apart) or, with `transposedA`, the transpose of a
  /// row-major `[k, m]` (rows `lda` apart).
  ///
  /// A step of a recurrent layer multiplies a few rows of states (the batch) by the same
  /// recurrent weights, T times in a row, and the weight gradients are `Xᵀ · dA` over every
  /// step: `multiply` would copy (pack) an operand into a new buffer for every one of these,
  /// which for their sizes (16 × 64 times 64 × 256 at every step) costs about as much as the
  /// arithmetic. Both operands have contiguous rows already, so the micro-kernel reads each
  /// 32-column strip of B straight from B (it stays in cache while every 8-row tile of C uses
  /// it) and eight values of A per step of the depth. Rows and columns that do not fill a whole
  /// 8 × 32 tile go through `multiply`, and so does a whole product with a depth over
  /// `unpackedMaximumDepth` (a strip of B would no longer stay in cache) or one large enough to
  /// share between threads. C must not overlap A or B.
  static func multiplyUnpacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, transposedA: Bool = false,
    b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool
  ) {
    let rows = m / tileRows * tileRows
    let columns = n / tileColumns * tileColumns
    // A's element (i, p) is at a[i * aRowStride + p * aColStride].
    let (aRowStride, aColStride) = transposedA ? (1, lda) : (lda, 1)
    let shared = threadCount > 1 && m * n * k >= 2 * parallelMinimumWorkPerThread
    guard k > 0, k <= unpackedMaximumDepth, rows > 0, columns > 0, !shared else {
      multiply(
        m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColStride: aColStride, b: b,
        bRowStride: ldb, bColStride: 1, c: c, ldc: ldc, accumulate: accumulate)
      return
    }
    for j in stride(from: 0, to: columns, by: tileColumns) {
      for i in stride(from: 0, to: rows, by: tileRows) {
        let (tileA, tileC) = (a + i * aRowStride, c + i * ldc + j)
        if transposedA {
          microKernelUnpackedTransposed(
            depth: k, a: tileA, lda: lda, b: b + j, ldb: ldb, c: tileC, ldc: ldc,
            overwrite: !accumulate)
        } else {
          microKernelUnpacked(
            depth: k, a: tileA, lda: lda, b: b + j, ldb: ldb, c: tileC, ldc: ldc,
            overwrite: !accumulate)
        }
      }
    }
    if columns < n {
      multiply(
        m: rows, n: n - columns, k: k, a: a, aRowStride: aRowStride, aColStride: aColStride,
        b: b + columns, bRowStride: ldb, bColStride: 1, c: c + columns, ldc: ldc,
        accumulate: accumulate)
    }
    if rows < m {
      multiply(
        m: m - rows, n: n, k: k, a: a + rows * aRowStride, aRowStride: aRowStride,
        aColStride: aColStride, b: b, bRowStride: ldb, bColStride: 1, c: c + rows * ldc,
        ldc: ldc, accumulate: accumulate)
    }
  }
}
