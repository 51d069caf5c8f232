import NNVCore
import Testing

/// Checks `MatrixMultiply.multiply` against a Double-precision reference on shapes that exercise
/// every route (direct, vector-times-matrix, packed, threaded), every edge of the blocking, all
/// four transpose combinations and both accumulate modes.
///
/// Serialized because one test changes the process-wide `threadCount`.
@Suite(.serialized) struct MatrixMultiplyTests {
  /// How the operands are laid out in memory.
  struct Layout: CustomStringConvertible {
    var transposeA = false
    var transposeB = false
    /// Extra elements at the end of every stored row of A, B and C (a sub-matrix view).
    var padding = 0

    var description: String {
      "A\(transposeA ? "ᵀ" : "")·B\(transposeB ? "ᵀ" : "") padding \(padding)"
    }
  }

  /// A small deterministic generator (64-bit LCG), so failures reproduce.
  struct Values {
    var state: UInt64

    mutating func next() -> Float {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Float(state >> 40) * 0x1p-24 * 2 - 1
    }

    mutating func array(_ count: Int) -> [Float] { (0..<count).map { _ in next() } }
  }

  /// Multiplies random matrices of the given shape and layout with `MatrixMultiply` and compares
  /// every element of C (and C's padding) with the reference.
  func check(
    m: Int, n: Int, k: Int, layout: Layout = Layout(), accumulate: Bool,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var values = Values(state: UInt64(m * 1_000_003 + n * 1_009 + k))
    // Stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k).
    let aStoredColumns = (layout.transposeA ? m : k) + layout.padding
    let bStoredColumns = (layout.transposeB ? k : n) + layout.padding
    let a = values.array(max(1, (layout.transposeA ? k : m) * aStoredColumns))
    let b = values.array(max(1, (layout.transposeB ? n : k) * bStoredColumns))
    let ldc = n + layout.padding
    let initialC = values.array(max(1, m * ldc))
    let (aRowStride, aColStride) = layout.transposeA ? (1, aStoredColumns) : (aStoredColumns, 1)
    let (bRowStride, bColStride) = layout.transposeB ? (1, bStoredColumns) : (bStoredColumns, 1)

    var c = initialC
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          guard let a0 = pa.baseAddress, let b0 = pb.baseAddress, let c0 = pc.baseAddress else {
            return
          }
          MatrixMultiply.multiply(
            m: m, n: n, k: k,
            a: a0, aRowStride: aRowStride, aColStride: aColStride,
            b: b0, bRowStride: bRowStride, bColStride: bColStride,
            c: c0, ldc: ldc, accumulate: accumulate)
        }
      }
    }

    var failures = 0
    for i in 0..<m {
      for j in 0..<ldc {
        let index = i * ldc + j
        guard j < n else {
          // Padding between rows of C is never written.
          if c[index] != initialC[index] { failures += 1 }
          continue
        }
        var sum = accumulate ? Double(initialC[index]) : 0
        var magnitude = accumulate ? abs(Double(initialC[index])) : 0
        for p in 0..<k {
          let product =
            Double(a[i * aRowStride + p * aColStride]) * Double(b[p * bRowStride + j * bColStride])
          sum += product
          magnitude += abs(product)
        }
        // Float summation error is at most about k · ε · Σ|aᵢₚ · bₚⱼ|; allow a margin of 2.
        let tolerance = 2 * Double(k + 1) * Double(Float.ulpOfOne) * magnitude + 1e-30
        if abs(Double(c[index]) - sum) > tolerance { failures += 1 }
      }
    }
    #expect(
      failures == 0,
      "\(failures) wrong elements for \(m)×\(k) · \(k)×\(n), \(layout), accumulate \(accumulate)",
      sourceLocation: sourceLocation)
  }

  /// Every transpose combination, with and without accumulation.
  func checkAllLayouts(m: Int, n: Int, k: Int, padding: Int = 0) {
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        let layout = Layout(transposeA: transposeA, transposeB: transposeB, padding: padding)
        for accumulate in [false, true] {
          check(m: m, n: n, k: k, layout: layout, accumulate: accumulate)
        }
      }
    }
  }

  @Test func emptyAndDegenerateShapes() {
    for (m, n, k) in [(0, 0, 0), (0, 5, 3), (4, 0, 3), (1, 1, 1), (1, 1, 5), (5, 1, 1), (1, 7, 1)] {
      checkAllLayouts(m: m, n: n, k: k)
    }
  }

  @Test func zeroDepthClearsOrKeepsC() {
    let initial: [Float] = [1, 2, 3, 4, 5, 6]
    let unused: [Float] = [0]
    for accumulate in [false, true] {
      var c = initial
      unused.withUnsafeBufferPointer { operand in
        c.withUnsafeMutableBufferPointer { pc in
          guard let x = operand.baseAddress, let c0 = pc.baseAddress else { return }
          MatrixMultiply.multiply(
            m: 2, n: 3, k: 0, a: x, aRowStride: 0, aColStride: 1, b: x, bRowStride: 3,
            bColStride: 1, c: c0, ldc: 3, accumulate: accumulate)
        }
      }
      #expect(c == (accumulate ? initial : [0, 0, 0, 0, 0, 0]))
    }
  }

  @Test func smallShapesOfTinyNetworks() {
    for (m, n, k) in [(200, 8, 2), (32, 3, 16), (32, 16, 16), (7, 13, 5), (13, 7, 67), (3, 70, 9)] {
      checkAllLayouts(m: m, n: n, k: k)
    }
  }

  @Test func fewRowsTimesLargeMatrix() {
    // Single-sample inference and its gradient: vector times matrix, and times a transpose.
    check(m: 1, n: 128, k: 784, accumulate: false)
    check(m: 1, n: 784, k: 128, layout: Layout(transposeB: true), accumulate: false)
    check(m: 1, n: 128, k: 784, layout: Layout(transposeA: true), accumulate: true)
    checkAllLayouts(m: 1, n: 131, k: 67)
    checkAllLayouts(m: 7, n: 97, k: 131)
  }

  @Test func narrowProducts() {
    // Fewer than 16 columns and a depth of at least 48: dot products along A's rows instead of
    // 32-column tiles; and either side of both limits.
    let shapes = [
      (300, 1, 200), (131, 7, 67), (64, 15, 100), (40, 16, 50), (3, 5, 300), (100, 10, 47),
      (100, 10, 48),
    ]
    for (m, n, k) in shapes {
      checkAllLayouts(m: m, n: n, k: k)
    }
  }

  @Test func shapesAroundThePackedThresholdAndTiles() {
    // Crosses the direct/packed switch (8 rows, 24³ multiply-adds) and the 8×32 tile edges.
    let shapes = [
      (8, 32, 250), (9, 33, 240), (23, 24, 25), (24, 24, 24), (39, 40, 41), (67, 13, 131),
    ]
    for (m, n, k) in shapes {
      checkAllLayouts(m: m, n: n, k: k)
    }
  }

  @Test func shapesAroundTheCacheBlocks() {
    // Crosses the row block (96), the depth block (256) and the column block (1024).
    for (m, n, k) in [(97, 31, 257), (96, 64, 256), (17, 1025, 9), (8, 65, 513)] {
      checkAllLayouts(m: m, n: n, k: k)
    }
  }

  @Test func stridedSubmatrices() {
    for (m, n, k) in [(5, 6, 7), (13, 67, 29), (70, 45, 33)] {
      checkAllLayouts(m: m, n: n, k: k, padding: 3)
    }
  }

  @Test func oneAndTwoThreads() {
    let saved = MatrixMultiply.threadCount
    defer { MatrixMultiply.threadCount = saved }
    for threads in [1, 2] {
      MatrixMultiply.threadCount = threads
      #expect(MatrixMultiply.threadCount == threads)
      // Large enough to be split (by columns, then by rows), with ragged edges; and either
      // side of the size where two threads start to pay (2 · 64³ multiply-adds).
      checkAllLayouts(m: 131, n: 139, k: 133)
      check(m: 300, n: 40, k: 200, accumulate: false)
      check(m: 80, n: 80, k: 81, accumulate: false)
      check(m: 80, n: 80, k: 82, accumulate: true)
      check(m: 128, n: 128, k: 128, accumulate: true)
    }
    MatrixMultiply.threadCount = 0
    #expect(MatrixMultiply.threadCount == 1)
  }

  @Test func concurrentCallers() async {
    // Several threads multiplying at once share the helper threads (or run alone) correctly.
    let saved = MatrixMultiply.threadCount
    defer { MatrixMultiply.threadCount = saved }
    MatrixMultiply.threadCount = 2
    await withTaskGroup(of: Void.self) { group in
      for caller in 0..<4 {
        group.addTask {
          for repetition in 0..<3 {
            check(m: 130 + caller, n: 140 + repetition, k: 120, accumulate: caller % 2 == 0)
          }
        }
      }
    }
  }
}
