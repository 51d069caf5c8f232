/// The register-blocked micro-kernel of the packed product and the SIMD helpers that all
/// matrix-multiply kernels share.
extension MatrixMultiply {
  /// Rows of C computed by one call of the micro-kernel.
  static let tileRows = 8
  /// Columns of C computed by one call of the micro-kernel: two 16-float vectors.
  static let tileColumns = 32

  // MARK: - Micro-kernel

  /// Computes one 8×32 tile of C from a packed strip of A and a packed strip of B.
  ///
  /// The strip of B holds, for each step p of the depth, the tile's 32 values of B's row p,
  /// contiguously (see `packB`). The strip of A is in one of two layouts (see `packRowsOfA` and
  /// `packColumnsOfA`): with `rowLayout`, row r's depth runs contiguously at `a + r *
  /// packedRowStride`; without it, each step p holds the 8 rows' values at `a + 8 * p`. The
  /// layout is a constant at every call site, so each specialization addresses A with fixed
  /// offsets.
  ///
  /// The tile's 256 sums live in 16 vector registers for the whole depth; each step loads two
  /// vectors of B, broadcasts one element of A per row and issues 16 multiply-adds.
  ///
  /// - Parameters:
  ///   - depth: Length of the sums (the depth block's size).
  ///   - c: The tile's top-left element; rows are `ldc` apart. All 8×32 elements are written.
  ///   - overwrite: Whether to store the sums (true) or add them to the tile's contents.
  @inline(__always)
  static func microKernel(
    depth: Int, a: UnsafePointer<Float>, rowLayout: Bool, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, overwrite: Bool
  ) {
    if rowLayout {
      microKernelRowLayout(depth: depth, a: a, b: b, c: c, ldc: ldc, overwrite: overwrite)
    } else {
      microKernelColumnLayout(depth: depth, a: a, b: b, c: c, ldc: ldc, overwrite: overwrite)
    }
  }

  /// The micro-kernel for A packed as rows (`packRowsOfA`).
  @inline(never)
  static func microKernelRowLayout(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, overwrite: Bool
  ) {
    microKernelBody(
      depth: depth, a: a, rowStep: packedRowStride, depthStep: 1, b: b, bRowStep: tileColumns,
      c: c, ldc: ldc, overwrite: overwrite)
  }

  /// The micro-kernel for A packed as columns of eight (`packColumnsOfA`).
  @inline(never)
  static func microKernelColumnLayout(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, overwrite: Bool
  ) {
    microKernelBody(
      depth: depth, a: a, rowStep: 1, depthStep: tileRows, b: b, bRowStep: tileColumns,
      c: c, ldc: ldc, overwrite: overwrite)
  }

  /// The micro-kernel on operands in place: row-major A with rows `lda` apart, and row-major
  /// B whose row p of the tile's 32 columns starts at `b + p * ldb` (see `multiplyUnpacked`).
  @inline(never)
  static func microKernelUnpacked(
    depth: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, overwrite: Bool
  ) {
    microKernelBody(
      depth: depth, a: a, rowStep: lda, depthStep: 1, b: b, bRowStep: ldb,
      c: c, ldc: ldc, overwrite: overwrite)
  }

  /// The micro-kernel on operands in place, A transposed: A's element (r, p) is `a[p * lda +
  /// r]`, so each step of the depth reads the tile's eight rows of A side by side.
  @inline(never)
  static func microKernelUnpackedTransposed(
    depth: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, overwrite: Bool
  ) {
    microKernelBody(
      depth: depth, a: a, rowStep: 1, depthStep: lda, b: b, bRowStep: ldb,
      c: c, ldc: ldc, overwrite: overwrite)
  }

  /// The micro-kernel's loop; A's element (r, p) is at `a[r * rowStep + p * depthStep]`, and
  /// the tile's 32 values of B's row p at `b + p * bRowStep`.
  @inline(__always)
  private static func microKernelBody(
    depth: Int, a: UnsafePointer<Float>, rowStep: Int, depthStep: Int,
    b: UnsafePointer<Float>, bRowStep: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
    overwrite: Bool
  ) {
    // cRL and cRH hold the left and right 16 columns of the tile's row R.
    var c0L = SIMD16<Float>(), c0H = SIMD16<Float>()
    var c1L = SIMD16<Float>(), c1H = SIMD16<Float>()
    var c2L = SIMD16<Float>(), c2H = SIMD16<Float>()
    var c3L = SIMD16<Float>(), c3H = SIMD16<Float>()
    var c4L = SIMD16<Float>(), c4H = SIMD16<Float>()
    var c5L = SIMD16<Float>(), c5H = SIMD16<Float>()
    var c6L = SIMD16<Float>(), c6H = SIMD16<Float>()
    var c7L = SIMD16<Float>(), c7H = SIMD16<Float>()
    var pa = a
    var pb = b
    for _ in 0..<depth {
      let bL = load16(pb)
      let bH = load16(pb + 16)
      var x = SIMD16<Float>(repeating: pa[0])
      c0L = multiplyAdd(c0L, x, bL)
      c0H = multiplyAdd(c0H, x, bH)
      x = SIMD16<Float>(repeating: pa[rowStep])
      c1L = multiplyAdd(c1L, x, bL)
      c1H = multiplyAdd(c1H, x, bH)
      x = SIMD16<Float>(repeating: pa[2 &* rowStep])
      c2L = multiplyAdd(c2L, x, bL)
      c2H = multiplyAdd(c2H, x, bH)
      x = SIMD16<Float>(repeating: pa[3 &* rowStep])
      c3L = multiplyAdd(c3L, x, bL)
      c3H = multiplyAdd(c3H, x, bH)
      x = SIMD16<Float>(repeating: pa[4 &* rowStep])
      c4L = multiplyAdd(c4L, x, bL)
      c4H = multiplyAdd(c4H, x, bH)
      x = SIMD16<Float>(repeating: pa[5 &* rowStep])
      c5L = multiplyAdd(c5L, x, bL)
      c5H = multiplyAdd(c5H, x, bH)
      x = SIMD16<Float>(repeating: pa[6 &* rowStep])
      c6L = multiplyAdd(c6L, x, bL)
      c6H = multiplyAdd(c6H, x, bH)
      x = SIMD16<Float>(repeating: pa[7 &* rowStep])
      c7L = multiplyAdd(c7L, x, bL)
      c7H = multiplyAdd(c7H, x, bH)
      pa += depthStep
      pb += bRowStep
    }
    storeRow(c0L, c0H, to: c, overwrite: overwrite)
    storeRow(c1L, c1H, to: c + ldc, overwrite: overwrite)
    storeRow(c2L, c2H, to: c + 2 &* ldc, overwrite: overwrite)
    storeRow(c3L, c3H, to: c + 3 &* ldc, overwrite: overwrite)
    storeRow(c4L, c4H, to: c + 4 &* ldc, overwrite: overwrite)
    storeRow(c5L, c5H, to: c + 5 &* ldc, overwrite: overwrite)
    storeRow(c6L, c6H, to: c + 6 &* ldc, overwrite: overwrite)
    storeRow(c7L, c7H, to: c + 7 &* ldc, overwrite: overwrite)
  }

  /// Stores (or adds) one 32-column row of a tile.
  @inline(__always)
  private static func storeRow(
    _ left: SIMD16<Float>, _ right: SIMD16<Float>, to row: UnsafeMutablePointer<Float>,
    overwrite: Bool
  ) {
    if overwrite {
      store16(left, to: row)
      store16(right, to: row + 16)
    } else {
      store16(load16(row) + left, to: row)
      store16(load16(row + 16) + right, to: row + 16)
    }
  }

  // MARK: - SIMD helpers

  /// `accumulator + x * y`, fused into one rounding in native builds.
  ///
  /// `addingProduct` is a single instruction when the compiler may assume the target has FMA
  /// (`-target-cpu native`); without that it becomes a library call per lane, about a hundred
  /// times slower than the separate multiply and add the portable build uses.
  @inline(__always)
  static func multiplyAdd(
    _ accumulator: SIMD16<Float>, _ x: SIMD16<Float>, _ y: SIMD16<Float>
  ) -> SIMD16<Float> {
    #if NNV_NATIVE
      return accumulator.addingProduct(x, y)
    #else
      return accumulator + x * y
    #endif
  }

  /// `accumulator + x * y` on eight lanes; see the 16-lane version.
  @inline(__always)
  static func multiplyAdd(
    _ accumulator: SIMD8<Float>, _ x: SIMD8<Float>, _ y: SIMD8<Float>
  ) -> SIMD8<Float> {
    #if NNV_NATIVE
      return accumulator.addingProduct(x, y)
    #else
      return accumulator + x * y
    #endif
  }

  /// `accumulator + x * y` on scalars; see the 16-lane version.
  @inline(__always)
  static func multiplyAdd(_ accumulator: Float, _ x: Float, _ y: Float) -> Float {
    #if NNV_NATIVE
      return accumulator.addingProduct(x, y)
    #else
      return accumulator + x * y
    #endif
  }

  /// Loads 16 consecutive floats from any address (no alignment needed).
  @inline(__always)
  static func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
  }

  /// Loads 16 consecutive floats from any address (no alignment needed).
  @inline(__always)
  static func load16(_ pointer: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
  }

  /// Loads 8 consecutive floats from any address (no alignment needed).
  @inline(__always)
  static func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
  }

  /// Stores 16 consecutive floats at any address (no alignment needed).
  @inline(__always)
  static func store16(_ value: SIMD16<Float>, to pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
  }

  /// Stores 8 consecutive floats at any address (no alignment needed).
  @inline(__always)
  static func store8(_ value: SIMD8<Float>, to pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
  }
}
