import Foundation

// The matrix product is where training and inference spend almost all of their time, so it is
// written by hand here instead of calling a BLAS: the library stays pure Swift with no system
// dependency, behaves the same on every platform, and still runs within reach of an optimized
// BLAS (OpenBLAS through numpy) on one and on two cores.
//
// A product takes one of three routes, chosen by its shape (see `multiply`):
// - Small products, products with few rows of A and narrow products run directly on the
//   caller's memory (`MatrixMultiply+Direct.swift`): packing would cost more than the
//   arithmetic, and a single-sample pass must not copy a large weight matrix on every call.
// - Large products are cache-blocked in the manner of Goto and van de Geijn: blocks of B and of
//   A are copied ("packed") into contiguous, zero-padded buffers (`MatrixMultiply+Packing.swift`)
//   and an 8×32 register-blocked micro-kernel (`MatrixMultiply+Kernels.swift`) accumulates each
//   tile of C in 16 SIMD16 registers.
// - Large enough products are split between threads by columns (or rows) of C, run by a small
//   pool of spinning helper threads (`MatrixMultiply+Parallel.swift`).
//
// Blocking parameters, tuned on an AVX-512 AMD EPYC (32 KB L1 data cache and 1 MB L2 per core,
// 32 MB shared L3) and conventional for other cores with similar caches:
// - `tileRows` × `tileColumns` = 8 × 32: 16 accumulator registers of 16 floats, plus two for the
//   row of B and one for the broadcast element of A, fit the 32 vector registers of AVX-512 with
//   no spills. Eight rows divide the power-of-two sizes that networks use, so no tile is wasted
//   on padding there; 6×64, 8×48, 12×32 and 14×32 all reach the same peak in L1 and measured the
//   same or slower in the full product.
// - `depthBlock` (KC) = 256: a 32-column strip of packed B (32 KB) is reused from L1/L2 by every
//   8-row strip of A (8 KB) of the block; a longer depth amortizes the load and store of each C
//   tile, a shorter one keeps the strips closer to L1.
// - `rowBlock` (MC) = 96 and `columnBlock` (NC) = 1024: the packed block of A (≈100 KB) stays in
//   L2 and the packed block of B (up to 1 MB) in L2 and L3 while each of their tiles is computed.
// Measured alternatives (KC 192–512, MC 96–192, NC 512–1024) were all within the noise of this
// shared machine (±5%); these are the conventional middle.

/// Single-precision matrix multiply on strided operands: C = op(A) · op(B), or C += op(A) · op(B).
///
/// The operands are described by base pointers and strides, so a transposed matrix is just a
/// matrix read with its strides swapped; nothing is copied to transpose. The result is always
/// row-major. The implementation picks one of three routes by shape: direct loops for small
/// products, for products with only a few rows (single-sample inference) and for products with
/// only a few columns, and a packed, cache-blocked kernel, optionally on several threads
/// (`threadCount`), for everything large. All routes accumulate in `Float`; the order of the
/// additions differs between routes, so results may differ in the last bits.
///
/// With the `NNV_NATIVE` build condition (set by the package for optimized builds) the kernels
/// use fused multiply-add; the portable build uses a separate multiply and add.
public enum MatrixMultiply {
  /// Computes C[m×n] = op(A)[m×k] · op(B)[k×n], or adds the product to C when `accumulate` is
  /// true.
  ///
  /// A's element (i, p) is read at `a[i * aRowStride + p * aColStride]` and B's element (p, j) at
  /// `b[p * bRowStride + j * bColStride]`; so a row-major A has `(aRowStride, aColStride) ==
  /// (columns, 1)` and its transpose `(1, columns)`. C is row-major: C[i, j] is
  /// `c[i * ldc + j]`. When `k` is 0 the product is zero: C is cleared, or left as it is when
  /// accumulating. C must not overlap A or B. Strides must be non-negative.
  ///
  /// - Parameters:
  ///   - m: Rows of A and C.
  ///   - n: Columns of B and C.
  ///   - k: Columns of A and rows of B (the depth of the sums).
  ///   - a: A's element (0, 0).
  ///   - aRowStride: Distance between A's element (i, p) and (i + 1, p).
  ///   - aColStride: Distance between A's element (i, p) and (i, p + 1).
  ///   - b: B's element (0, 0).
  ///   - bRowStride: Distance between B's element (p, j) and (p + 1, j).
  ///   - bColStride: Distance between B's element (p, j) and (p, j + 1).
  ///   - c: C's element (0, 0).
  ///   - ldc: Distance between consecutive rows of C (at least `n`).
  ///   - accumulate: Whether to add the product to C's contents instead of overwriting them.
  public static func multiply(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<Float>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      if !accumulate {
        for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
      }
      return
    }
    let product = Product(
      m: m, n: n, k: k,
      a: a, aRowStride: aRowStride, aColStride: aColStride,
      b: b, bRowStride: bRowStride, bColStride: bColStride,
      c: c, ldc: ldc, accumulate: accumulate)
    let narrow = isNarrow(n: n, k: k, aColStride: aColStride)
    if m < packedMinimumRows || m * n * k < packedMinimumWork || narrow {
      multiplyDirect(product)
    } else {
      multiplyPacked(product)
    }
  }

  /// How many threads large products may use.
  ///
  /// Defaults to the `NNV_THREADS` environment variable when it holds a positive integer, and
  /// otherwise to two or the number of active processors, whichever is smaller. Products too
  /// small to repay the cost of waking a thread always run on the calling thread. Values below
  /// one are stored as one. Reading and writing are thread-safe; a change applies to products
  /// that start afterwards.
  public static var threadCount: Int {
    get { threadSetting.value }
    set { threadSetting.value = max(1, newValue) }
  }

  // MARK: - Routing thresholds

  /// Products with fewer rows than this run direct: packing pads A to eight rows anyway, and the
  /// vector-times-matrix loops reach the memory bandwidth that bounds such products.
  static let packedMinimumRows = 8

  /// Products with fewer multiply-adds (m·n·k) than this run direct; below it, packing costs
  /// more than it saves (measured crossover: 20³ to 28³ depending on shape and transposes).
  static let packedMinimumWork = 24 * 24 * 24

  /// Whether a product is narrow: few columns, a long depth and contiguous rows of A.
  ///
  /// A narrow product runs direct, as dot products along A's rows: the packed kernel's
  /// 32-column tiles would be mostly padding (measured: 256×784 · 784×10 takes 90 µs as dot
  /// products and 160 µs packed; they break even at 16 columns). With a short depth,
  /// combinations of B's rows are faster than dot products (they break even at a depth of 32
  /// to 64).
  static func isNarrow(n: Int, k: Int, aColStride: Int) -> Bool {
    n < 16 && k >= 48 && aColStride == 1
  }

  /// The smallest number of multiply-adds per thread for which splitting a product pays (about
  /// 5 µs of work; measured: 80³ breaks even on two threads, 96³ runs about 20% faster).
  static let parallelMinimumWorkPerThread = 64 * 64 * 64

  // MARK: - Products

  /// One product's sizes and operands, as passed to `multiply`.
  ///
  /// Unchecked `Sendable` because the threads of a product share it: they only read A and B,
  /// and each writes its own disjoint band of C.
  struct Product: @unchecked Sendable {
    var m: Int
    var n: Int
    var k: Int
    var a: UnsafePointer<Float>
    var aRowStride: Int
    var aColStride: Int
    var b: UnsafePointer<Float>
    var bRowStride: Int
    var bColStride: Int
    var c: UnsafeMutablePointer<Float>
    var ldc: Int
    var accumulate: Bool

    /// The part of the product that computes rows `range` of C.
    func rows(_ range: Range<Int>) -> Product {
      var part = self
      part.m = range.count
      part.a = a + range.lowerBound * aRowStride
      part.c = c + range.lowerBound * ldc
      return part
    }

    /// The part of the product that computes columns `range` of C.
    func columns(_ range: Range<Int>) -> Product {
      var part = self
      part.n = range.count
      part.b = b + range.lowerBound * bColStride
      part.c = c + range.lowerBound
      return part
    }
  }

  /// Runs a large product through the packed kernels, on several threads when it is big enough.
  ///
  /// The threads split C into bands of whole tiles, by columns when C is at least as wide as it
  /// is tall and by rows otherwise; each thread packs what its band needs into its own
  /// workspace, so the threads never wait for one another.
  static func multiplyPacked(_ product: Product) {
    let work = product.m * product.n * product.k
    let splitColumns = product.n >= product.m
    let extent = splitColumns ? product.n : product.m
    let unit = splitColumns ? tileColumns : tileRows
    let parts = min(threadCount, work / parallelMinimumWorkPerThread, extent / unit)
    guard parts > 1 else {
      let workspace = Workspace.pool.take()
      multiplyBlocked(product, workspace: workspace)
      Workspace.pool.give(workspace)
      return
    }
    // Bands of whole tiles, as even as possible.
    let units = (extent + unit - 1) / unit
    WorkerPool.shared.run(parts: parts) { part in
      let start = min(extent, units * part / parts * unit)
      let end = min(extent, units * (part + 1) / parts * unit)
      guard start < end else { return }
      let band = splitColumns ? product.columns(start..<end) : product.rows(start..<end)
      let workspace = Workspace.pool.take()
      multiplyBlocked(band, workspace: workspace)
      Workspace.pool.give(workspace)
    }
  }

  /// The blocked product on the calling thread: loops over blocks of B's columns, of the depth
  /// and of A's rows, packs each block once and sweeps the micro-kernel over its tiles.
  static func multiplyBlocked(_ product: Product, workspace: Workspace) {
    let m = product.m
    let n = product.n
    let k = product.k
    workspace.reserve(
      rowBlock: min(m, rowBlock), depthBlock: min(k, depthBlock), columnBlock: min(n, columnBlock))
    // Row-major A is packed as copied rows; any other A as columns of eight (see Packing).
    let rowLayout = product.aColStride == 1
    for jc in stride(from: 0, to: n, by: columnBlock) {
      let columns = jc..<min(n, jc + columnBlock)
      for pc in stride(from: 0, to: k, by: depthBlock) {
        let depth = pc..<min(k, pc + depthBlock)
        packB(product, rows: depth, columns: columns, into: workspace.packedB)
        for ic in stride(from: 0, to: m, by: rowBlock) {
          let rows = ic..<min(m, ic + rowBlock)
          if rowLayout {
            packRowsOfA(product, rows: rows, depth: depth, into: workspace.packedA)
          } else {
            packColumnsOfA(product, rows: rows, depth: depth, into: workspace.packedA)
          }
          // The first depth block writes C, the others add to it.
          multiplyPackedBlocks(
            product, rows: rows, columns: columns, depth: depth.count, rowLayout: rowLayout,
            overwrite: pc == 0 && !product.accumulate, workspace: workspace)
        }
      }
    }
  }

  /// Runs the micro-kernel over every tile of the block of C at `rows` and `columns`, from the
  /// blocks of A and B packed in `workspace` with depth `depth`.
  ///
  /// Tiles that stick out of C (at its right and bottom edges) are computed whole into the
  /// workspace's edge tile, whose valid part is then copied or added to C.
  private static func multiplyPackedBlocks(
    _ product: Product, rows: Range<Int>, columns: Range<Int>, depth: Int, rowLayout: Bool,
    overwrite: Bool, workspace: Workspace
  ) {
    let ldc = product.ldc
    for jr in stride(from: 0, to: columns.count, by: tileColumns) {
      let nr = min(tileColumns, columns.count - jr)
      let stripB = UnsafePointer(workspace.packedB + jr * depth)
      for ir in stride(from: 0, to: rows.count, by: tileRows) {
        let mr = min(tileRows, rows.count - ir)
        let stripA = UnsafePointer(workspace.packedA + ir * packedRowStride)
        let tile = product.c + (rows.lowerBound + ir) * ldc + columns.lowerBound + jr
        if mr == tileRows && nr == tileColumns {
          microKernel(
            depth: depth, a: stripA, rowLayout: rowLayout, b: stripB,
            c: tile, ldc: ldc, overwrite: overwrite)
          continue
        }
        let scratch = workspace.edgeTile
        microKernel(
          depth: depth, a: stripA, rowLayout: rowLayout, b: stripB,
          c: scratch, ldc: tileColumns, overwrite: true)
        for r in 0..<mr {
          let source = scratch + r * tileColumns
          let target = tile + r * ldc
          if overwrite {
            target.update(from: source, count: nr)
          } else {
            for j in 0..<nr { target[j] += source[j] }
          }
        }
      }
    }
  }

  // MARK: - Thread setting

  /// The value behind `threadCount`, guarded by a lock.
  private final class ThreadSetting: @unchecked Sendable {
    private let lock = NSLock()
    private var storedValue: Int

    init() {
      let environment = ProcessInfo.processInfo.environment["NNV_THREADS"]
      if let requested = environment.flatMap({ Int($0) }), requested > 0 {
        storedValue = requested
      } else {
        storedValue = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
      }
    }

    var value: Int {
      get { lock.withLock { storedValue } }
      set { lock.withLock { storedValue = newValue } }
    }
  }

  private static let threadSetting = ThreadSetting()
}
