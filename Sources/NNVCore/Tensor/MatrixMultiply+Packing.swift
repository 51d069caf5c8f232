import Foundation

/// Packing: copying blocks of A and B into the contiguous, zero-padded layouts the micro-kernel
/// reads, and the reusable buffers that hold them.
extension MatrixMultiply {
  /// Rows of A packed at a time (MC); a multiple of `tileRows`.
  static let rowBlock = 96
  /// Depth packed at a time (KC).
  static let depthBlock = 256
  /// Columns of B packed at a time (NC); a multiple of `tileColumns`.
  static let columnBlock = 1024
  /// Distance between consecutive packed rows of A in the row layout: the depth block plus one
  /// cache line, so that the eight rows of a strip fall in different cache sets.
  static let packedRowStride = depthBlock + 16

  // MARK: - Packing A

  /// Packs rows `rows` of a row-major A (`aColStride == 1`), depth `depth`, as copied rows.
  ///
  /// Strip s (rows 8s..<8s+8 of the block) starts at `destination + 8 * s * packedRowStride`;
  /// its row r holds the depth contiguously at offset `r * packedRowStride`. Rows past the end of
  /// A are zero. Copying whole rows is a plain vector copy, much cheaper than interleaving.
  static func packRowsOfA(
    _ product: Product, rows: Range<Int>, depth: Range<Int>,
    into destination: UnsafeMutablePointer<Float>
  ) {
    let kc = depth.count
    let vectorEnd = kc - kc % 16
    for strip in stride(from: 0, to: rows.count, by: tileRows) {
      let stripStart = destination + strip * packedRowStride
      for r in 0..<tileRows {
        let target = stripStart + r * packedRowStride
        let i = rows.lowerBound + strip + r
        guard i < rows.upperBound else {
          target.update(repeating: 0, count: kc)
          continue
        }
        let source = product.a + i * product.aRowStride + depth.lowerBound
        for p in stride(from: 0, to: vectorEnd, by: 16) {
          store16(load16(source + p), to: target + p)
        }
        for p in vectorEnd..<kc { target[p] = source[p] }
      }
    }
  }

  /// Packs rows `rows` of A with any strides, depth `depth`, as columns of eight.
  ///
  /// Strip s starts at `destination + 8 * s * packedRowStride` (as in the row layout) and holds,
  /// for each step p of the depth, the strip's eight values of A's column p at offset `8 * p`.
  /// Rows past the end of A are zero. For a transposed A (`aRowStride == 1`) each step is a
  /// vector copy.
  static func packColumnsOfA(
    _ product: Product, rows: Range<Int>, depth: Range<Int>,
    into destination: UnsafeMutablePointer<Float>
  ) {
    let rowStride = product.aRowStride
    let colStride = product.aColStride
    for strip in stride(from: 0, to: rows.count, by: tileRows) {
      var target = destination + strip * packedRowStride
      let firstRow = rows.lowerBound + strip
      let mr = min(tileRows, rows.upperBound - firstRow)
      var source = product.a + firstRow * rowStride + depth.lowerBound * colStride
      if mr == tileRows && rowStride == 1 {
        for _ in depth {
          store8(load8(source), to: target)
          source += colStride
          target += tileRows
        }
      } else {
        for _ in depth {
          for r in 0..<mr { target[r] = source[r * rowStride] }
          for r in mr..<tileRows { target[r] = 0 }
          source += colStride
          target += tileRows
        }
      }
    }
  }

  // MARK: - Packing B

  /// Packs rows `rows` (the depth) and columns `columns` of B as strips of 32 columns.
  ///
  /// Strip s (columns 32s..<32s+32 of the block) starts at `destination + 32 * s * kc` and holds,
  /// for each step p, the strip's 32 values of B's row p at offset `32 * p`. Columns past the
  /// end of B are zero. A row-major B is copied a vector at a time; a transposed B
  /// (`bRowStride == 1`) is transposed in cache-sized pieces.
  static func packB(
    _ product: Product, rows: Range<Int>, columns: Range<Int>,
    into destination: UnsafeMutablePointer<Float>
  ) {
    let kc = rows.count
    let rowStride = product.bRowStride
    let colStride = product.bColStride
    for strip in stride(from: 0, to: columns.count, by: tileColumns) {
      let target = destination + strip * kc
      let firstColumn = columns.lowerBound + strip
      let nr = min(tileColumns, columns.upperBound - firstColumn)
      let source = product.b + rows.lowerBound * rowStride + firstColumn * colStride
      if colStride == 1 && nr == tileColumns {
        var from = source
        var to = target
        for _ in 0..<kc {
          store16(load16(from), to: to)
          store16(load16(from + 16), to: to + 16)
          from += rowStride
          to += tileColumns
        }
      } else if rowStride == 1 {
        // Each column of the strip is contiguous in memory: read along it, write across the
        // strip, a block of depth at a time so the strip's written lines stay in L1.
        if nr < tileColumns { target.update(repeating: 0, count: kc * tileColumns) }
        for p0 in stride(from: 0, to: kc, by: 64) {
          let p1 = min(kc, p0 + 64)
          for j in 0..<nr {
            let column = source + j * colStride
            for p in p0..<p1 { target[p * tileColumns + j] = column[p] }
          }
        }
      } else {
        for p in 0..<kc {
          let row = source + p * rowStride
          let to = target + p * tileColumns
          for j in 0..<nr { to[j] = row[j * colStride] }
          for j in nr..<tileColumns { to[j] = 0 }
        }
      }
    }
  }

  // MARK: - Workspace

  /// The buffers of one thread's blocked product: packed A, packed B and an edge tile.
  ///
  /// Buffers are 64-byte aligned and grow on demand; a pool keeps them between calls, because
  /// allocating a megabyte-sized buffer per call costs page faults on every call.
  final class Workspace: @unchecked Sendable {
    // Unchecked Sendable: a workspace belongs to one thread at a time, handed over by the pool's
    // lock.

    /// Workspaces not in use, shared by all threads.
    static let pool = Pool()

    /// Packed A: `rowBlock` rows (rounded up to whole strips) of `packedRowStride` floats.
    private(set) var packedA: UnsafeMutablePointer<Float>
    /// Packed B: the depth block times `columnBlock` columns (rounded up to whole strips).
    private(set) var packedB: UnsafeMutablePointer<Float>
    /// One 8×32 tile, for edge tiles.
    let edgeTile: UnsafeMutablePointer<Float>
    private var capacityA = 0
    private var capacityB = 0

    init() {
      edgeTile = Workspace.allocate(tileRows * tileColumns)
      packedA = edgeTile
      packedB = edgeTile
    }

    deinit {
      if capacityA > 0 { packedA.deallocate() }
      if capacityB > 0 { packedB.deallocate() }
      edgeTile.deallocate()
    }

    /// Grows the buffers, if needed, to hold blocks of the given sizes.
    func reserve(rowBlock mc: Int, depthBlock kc: Int, columnBlock nc: Int) {
      let neededA = roundUp(mc, to: tileRows) * packedRowStride
      if neededA > capacityA {
        if capacityA > 0 { packedA.deallocate() }
        packedA = Workspace.allocate(neededA)
        capacityA = neededA
      }
      let neededB = kc * roundUp(nc, to: tileColumns)
      if neededB > capacityB {
        if capacityB > 0 { packedB.deallocate() }
        packedB = Workspace.allocate(neededB)
        capacityB = neededB
      }
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
      UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        .bindMemory(to: Float.self, capacity: count)
    }

    private func roundUp(_ value: Int, to multiple: Int) -> Int {
      (value + multiple - 1) / multiple * multiple
    }

    /// A lock-protected stack of idle workspaces.
    final class Pool: @unchecked Sendable {
      // Unchecked Sendable: `idle` is only touched under `lock`.
      private let lock = NSLock()
      private var idle: [Workspace] = []
      /// More idle workspaces than this are freed (one per thread of two concurrent products).
      private let limit = 4

      /// An idle workspace, or a new one.
      func take() -> Workspace {
        lock.withLock { idle.popLast() } ?? Workspace()
      }

      /// Returns a workspace taken with `take`.
      func give(_ workspace: Workspace) {
        lock.withLock {
          if idle.count < limit { idle.append(workspace) }
        }
      }
    }
  }
}
