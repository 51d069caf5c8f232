/// Direct kernels: products computed on the operands where they are, for small products, for
/// products with only a few rows of A and for narrow products.
///
/// A few rows of A (one sample through a layer) read each element of B once or a few times, so
/// the product is bound by memory bandwidth and packing B would only add a copy of it. Small
/// products finish in less time than packing and blocking would take to set up; at most they
/// copy their small B into a temporary (stack) buffer with a vector-friendly layout.
extension MatrixMultiply {
  /// Computes a product directly, choosing the loop order by which operand is contiguous.
  ///
  /// - A narrow product (see `isNarrow`) computes each element of C as a dot product along A's
  ///   row, with B's columns copied to be contiguous if they are not: combinations of B's rows
  ///   would use only a few lanes.
  /// - A small product (at least `packedMinimumRows` rows, so k·n is small) copies B into a
  ///   zero-padded row-major block on the stack, unless B is row-major with a width that is a
  ///   multiple of 8 already, and computes each row of C as a combination of B's rows.
  /// - A few rows times a B with contiguous rows: each row of C is a combination of B's rows,
  ///   read in place.
  /// - A few rows times a B with contiguous columns (C = A · Wᵀ): each element of C is a dot
  ///   product of A's row with a column of B, read in place.
  /// - A few rows times a B with neither: scalar dot products.
  static func multiplyDirect(_ product: Product) {
    if isNarrow(n: product.n, k: product.k, aColStride: product.aColStride) {
      multiplyNarrow(product)
    } else if product.m >= packedMinimumRows {
      multiplyWithCompactB(product)
    } else if product.bColStride == 1 {
      combineRowsOfB(product, b: product.b, bRowStride: product.bRowStride, width: product.n)
    } else if product.bRowStride == 1 {
      for i in 0..<product.m { dotRowWithColumnsOfB(product, row: i) }
    } else {
      for i in 0..<product.m { stridedRow(product, row: i) }
    }
  }

  /// Runs a narrow product (A's rows contiguous) as dot products, with B's few columns copied
  /// to be contiguous unless they are already.
  private static func multiplyNarrow(_ product: Product) {
    let k = product.k
    guard product.bRowStride != 1 else {
      for i in 0..<product.m {
        let a = product.a + i * product.aRowStride
        dotContiguousRow(product, row: i, a: a, b: product.b, columnStride: product.bColStride)
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: k * product.n) { buffer in
      guard let columns = buffer.baseAddress else { return }
      for j in 0..<product.n {
        let source = product.b + j * product.bColStride
        let target = columns + j * k
        for p in 0..<k { target[p] = source[p * product.bRowStride] }
      }
      for i in 0..<product.m {
        let a = product.a + i * product.aRowStride
        dotContiguousRow(product, row: i, a: a, b: UnsafePointer(columns), columnStride: k)
      }
    }
  }

  /// Runs a small product on a row-major copy of B whose width is a multiple of 8, so that
  /// every block of columns is a whole vector and no column needs scalar code.
  private static func multiplyWithCompactB(_ product: Product) {
    let n = product.n
    let k = product.k
    if product.bColStride == 1 && n % 8 == 0 {
      combineRowsOfB(product, b: product.b, bRowStride: product.bRowStride, width: n)
      return
    }
    let width = (n + 7) / 8 * 8
    withUnsafeTemporaryAllocation(of: Float.self, capacity: k * width) { buffer in
      guard let copy = buffer.baseAddress else { return }
      for p in 0..<k {
        let source = product.b + p * product.bRowStride
        let target = copy + p * width
        for j in 0..<n { target[j] = source[j * product.bColStride] }
        for j in n..<width { target[j] = 0 }
      }
      combineRowsOfB(product, b: copy, bRowStride: width, width: width)
    }
  }

  // MARK: - Rows of C as combinations of rows of B

  /// Computes each row i of C as Σₚ A[i, p] · B[p, :], reading B's row p from `b + p *
  /// bRowStride` (contiguous).
  ///
  /// Columns go in blocks of 128, 64, 16 and 8 whose sums stay in registers across the whole
  /// depth, so C is read and written once and B is read row by row. Blocks cover `width`
  /// columns (at least n); results for columns at or past n are computed but not stored. Any
  /// columns of a width that is not a multiple of 8 are scalar dot products.
  private static func combineRowsOfB(
    _ product: Product, b: UnsafePointer<Float>, bRowStride: Int, width: Int
  ) {
    let n = product.n
    for i in 0..<product.m {
      let a = product.a + i * product.aRowStride
      let c = product.c + i * product.ldc
      let operands = RowOperands(
        depth: product.k, a: a, aStep: product.aColStride, bRowStride: bRowStride,
        accumulate: product.accumulate)
      var j = 0
      while j + 128 <= width {
        combine128(operands, b: b + j, c: c + j, columns: n - j)
        j += 128
      }
      while j + 64 <= width {
        combine64(operands, b: b + j, c: c + j, columns: n - j)
        j += 64
      }
      while j + 16 <= width {
        combine16(operands, b: b + j, c: c + j, columns: n - j)
        j += 16
      }
      if j + 8 <= width {
        combine8(operands, b: b + j, c: c + j, columns: n - j)
        j += 8
      }
      while j < n {
        let sum = dot(product.k, a, product.aColStride, b + j, bRowStride)
        c[j] = product.accumulate ? c[j] + sum : sum
        j += 1
      }
    }
  }

  /// What the column blocks of one row of C share: A's row and the layout of B.
  private struct RowOperands {
    /// The depth, k.
    var depth: Int
    /// A's row; element p at `a[p * aStep]`.
    var a: UnsafePointer<Float>
    var aStep: Int
    /// Distance between B's rows.
    var bRowStride: Int
    var accumulate: Bool
  }

  /// A block of 128 columns of one row of C: eight independent vector sums, enough to keep the
  /// multiply-add units busy despite each sum's latency. B's block starts at `b`; only the
  /// first `columns` results are stored.
  @inline(__always)
  private static func combine128(
    _ operands: RowOperands, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    columns: Int
  ) {
    var s0 = SIMD16<Float>()
    var s1 = SIMD16<Float>()
    var s2 = SIMD16<Float>()
    var s3 = SIMD16<Float>()
    var s4 = SIMD16<Float>()
    var s5 = SIMD16<Float>()
    var s6 = SIMD16<Float>()
    var s7 = SIMD16<Float>()
    var pa = operands.a
    var pb = b
    for _ in 0..<operands.depth {
      let x = SIMD16<Float>(repeating: pa.pointee)
      s0 = multiplyAdd(s0, x, load16(pb))
      s1 = multiplyAdd(s1, x, load16(pb + 16))
      s2 = multiplyAdd(s2, x, load16(pb + 32))
      s3 = multiplyAdd(s3, x, load16(pb + 48))
      s4 = multiplyAdd(s4, x, load16(pb + 64))
      s5 = multiplyAdd(s5, x, load16(pb + 80))
      s6 = multiplyAdd(s6, x, load16(pb + 96))
      s7 = multiplyAdd(s7, x, load16(pb + 112))
      pa += operands.aStep
      pb += operands.bRowStride
    }
    let accumulate = operands.accumulate
    write(s0, to: c, count: columns, accumulate: accumulate)
    write(s1, to: c + 16, count: columns - 16, accumulate: accumulate)
    write(s2, to: c + 32, count: columns - 32, accumulate: accumulate)
    write(s3, to: c + 48, count: columns - 48, accumulate: accumulate)
    write(s4, to: c + 64, count: columns - 64, accumulate: accumulate)
    write(s5, to: c + 80, count: columns - 80, accumulate: accumulate)
    write(s6, to: c + 96, count: columns - 96, accumulate: accumulate)
    write(s7, to: c + 112, count: columns - 112, accumulate: accumulate)
  }

  /// A block of 64 columns of one row of C (four independent vector sums); see `combine128`.
  @inline(__always)
  private static func combine64(
    _ operands: RowOperands, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    columns: Int
  ) {
    var s0 = SIMD16<Float>()
    var s1 = SIMD16<Float>()
    var s2 = SIMD16<Float>()
    var s3 = SIMD16<Float>()
    var pa = operands.a
    var pb = b
    for _ in 0..<operands.depth {
      let x = SIMD16<Float>(repeating: pa.pointee)
      s0 = multiplyAdd(s0, x, load16(pb))
      s1 = multiplyAdd(s1, x, load16(pb + 16))
      s2 = multiplyAdd(s2, x, load16(pb + 32))
      s3 = multiplyAdd(s3, x, load16(pb + 48))
      pa += operands.aStep
      pb += operands.bRowStride
    }
    let accumulate = operands.accumulate
    write(s0, to: c, count: columns, accumulate: accumulate)
    write(s1, to: c + 16, count: columns - 16, accumulate: accumulate)
    write(s2, to: c + 32, count: columns - 32, accumulate: accumulate)
    write(s3, to: c + 48, count: columns - 48, accumulate: accumulate)
  }

  /// A block of 16 columns of one row of C; see `combine128`.
  @inline(__always)
  private static func combine16(
    _ operands: RowOperands, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    columns: Int
  ) {
    var sum = SIMD16<Float>()
    var pa = operands.a
    var pb = b
    for _ in 0..<operands.depth {
      sum = multiplyAdd(sum, SIMD16<Float>(repeating: pa.pointee), load16(pb))
      pa += operands.aStep
      pb += operands.bRowStride
    }
    write(sum, to: c, count: columns, accumulate: operands.accumulate)
  }

  /// A block of 8 columns of one row of C; see `combine128`.
  @inline(__always)
  private static func combine8(
    _ operands: RowOperands, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    columns: Int
  ) {
    var sum = SIMD8<Float>()
    var pa = operands.a
    var pb = b
    for _ in 0..<operands.depth {
      sum = multiplyAdd(sum, SIMD8<Float>(repeating: pa.pointee), load8(pb))
      pa += operands.aStep
      pb += operands.bRowStride
    }
    if columns >= 8 {
      store8(operands.accumulate ? sum + load8(c) : sum, to: c)
    } else {
      for lane in 0..<max(0, columns) {
        c[lane] = operands.accumulate ? c[lane] + sum[lane] : sum[lane]
      }
    }
  }

  /// Stores (or adds) the first `count` lanes of `sum` at `c`; all 16 with one vector store.
  @inline(__always)
  private static func write(
    _ sum: SIMD16<Float>, to c: UnsafeMutablePointer<Float>, count: Int, accumulate: Bool
  ) {
    if count >= 16 {
      store16(accumulate ? sum + load16(c) : sum, to: c)
    } else {
      for lane in 0..<max(0, count) { c[lane] = accumulate ? c[lane] + sum[lane] : sum[lane] }
    }
  }

  // MARK: - Elements of C as dot products

  /// Computes row `row` of C as dot products of A's row with B's contiguous columns.
  ///
  /// A row of A that is not contiguous is first copied (k values) to the stack.
  private static func dotRowWithColumnsOfB(_ product: Product, row: Int) {
    let a = product.a + row * product.aRowStride
    guard product.aColStride != 1 else {
      dotContiguousRow(product, row: row, a: a, b: product.b, columnStride: product.bColStride)
      return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: product.k) { buffer in
      guard let copy = buffer.baseAddress else { return }
      for p in 0..<product.k { copy[p] = a[p * product.aColStride] }
      dotContiguousRow(
        product, row: row, a: UnsafePointer(copy), b: product.b,
        columnStride: product.bColStride)
    }
  }

  /// Row `row` of C from a contiguous row `a` of A and contiguous columns of B, column j at
  /// `b + j * columnStride`. Four columns at a time share each vector of A's row; their sums
  /// are reduced at the end.
  private static func dotContiguousRow(
    _ product: Product, row: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    columnStride: Int
  ) {
    let k = product.k
    let c = product.c + row * product.ldc
    let vectorEnd = k - k % 16
    var j = 0
    while j + 4 <= product.n {
      let b0 = b + j * columnStride
      let b1 = b0 + columnStride
      let b2 = b1 + columnStride
      let b3 = b2 + columnStride
      var s0 = SIMD16<Float>()
      var s1 = SIMD16<Float>()
      var s2 = SIMD16<Float>()
      var s3 = SIMD16<Float>()
      for p in stride(from: 0, to: vectorEnd, by: 16) {
        let x = load16(a + p)
        s0 = multiplyAdd(s0, x, load16(b0 + p))
        s1 = multiplyAdd(s1, x, load16(b1 + p))
        s2 = multiplyAdd(s2, x, load16(b2 + p))
        s3 = multiplyAdd(s3, x, load16(b3 + p))
      }
      var sums = SIMD4<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
      for p in vectorEnd..<k {
        sums += SIMD4<Float>(repeating: a[p]) * SIMD4<Float>(b0[p], b1[p], b2[p], b3[p])
      }
      for q in 0..<4 { c[j + q] = product.accumulate ? c[j + q] + sums[q] : sums[q] }
      j += 4
    }
    while j < product.n {
      let column = b + j * columnStride
      var s0 = SIMD16<Float>()
      var s1 = SIMD16<Float>()
      var p = 0
      while p + 32 <= k {
        s0 = multiplyAdd(s0, load16(a + p), load16(column + p))
        s1 = multiplyAdd(s1, load16(a + p + 16), load16(column + p + 16))
        p += 32
      }
      if p + 16 <= k {
        s0 = multiplyAdd(s0, load16(a + p), load16(column + p))
        p += 16
      }
      let sum = (s0 + s1).sum() + dot(k - p, a + p, 1, column + p, 1)
      c[j] = product.accumulate ? c[j] + sum : sum
      j += 1
    }
  }

  // MARK: - Scalar fallback

  /// Computes row `row` of C with scalar dot products, for any strides.
  private static func stridedRow(_ product: Product, row: Int) {
    let a = product.a + row * product.aRowStride
    let c = product.c + row * product.ldc
    for j in 0..<product.n {
      let sum = dot(
        product.k, a, product.aColStride, product.b + j * product.bColStride, product.bRowStride)
      c[j] = product.accumulate ? c[j] + sum : sum
    }
  }

  /// Σₚ x[p · xStride] · y[p · yStride] for p in 0..<count, with four partial sums so that
  /// consecutive multiply-adds do not wait for one another.
  private static func dot(
    _ count: Int, _ x: UnsafePointer<Float>, _ xStride: Int,
    _ y: UnsafePointer<Float>, _ yStride: Int
  ) -> Float {
    var s0: Float = 0
    var s1: Float = 0
    var s2: Float = 0
    var s3: Float = 0
    var px = x
    var py = y
    var remaining = count
    while remaining >= 4 {
      s0 = multiplyAdd(s0, px[0], py[0])
      s1 = multiplyAdd(s1, px[xStride], py[yStride])
      s2 = multiplyAdd(s2, px[2 * xStride], py[2 * yStride])
      s3 = multiplyAdd(s3, px[3 * xStride], py[3 * yStride])
      px += 4 * xStride
      py += 4 * yStride
      remaining -= 4
    }
    while remaining > 0 {
      s0 = multiplyAdd(s0, px[0], py[0])
      px += xStride
      py += yStride
      remaining -= 1
    }
    return (s0 + s1) + (s2 + s3)
  }
}
