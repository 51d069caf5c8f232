/// The element-wise formulas of a step of an LSTM and a GRU, sixteen units at a time.
///
/// Between the products, a step combines gates, cells and states unit by unit. The buffers are
/// raw pointers the compiler cannot prove apart, so plain loops over them stay scalar; these
/// load sixteen units of a sequence once, carry them through the formulas in registers and
/// store them once. Units past the last multiple of sixteen take the same formulas one by one
/// (a loop that may stop inside a vector compiles to slow lane-by-lane code for all of them).
/// The sigmoids and tanhs of the forward pass go through `VectorMath`'s loops: inlined into one
/// block with the rest, they compiled to slower code.
extension RecurrentKernel {
  /// The units handled sixteen at a time: `0..<units` rounded down to a multiple of 16.
  @inline(__always)
  static func vectorUnits(_ units: Int) -> StrideTo<Int> {
    stride(from: 0, to: units - units % 16, by: 16)
  }

  /// The units after the last whole vector.
  @inline(__always)
  static func tailUnits(_ units: Int) -> Range<Int> { (units - units % 16)..<units }

  @inline(__always)
  static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> { MatrixMultiply.load16(p) }

  @inline(__always)
  static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    MatrixMultiply.load16(p)
  }

  @inline(__always)
  static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    MatrixMultiply.store16(v, to: p)
  }

  /// One sequence's LSTM cell: `c = f ⊙ c_{t−1} + i ⊙ g` from the activated gates (i, f, g, o).
  static func lstmCellRow(
    gate: UnsafePointer<Float>, units: Int, cPrevious: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>
  ) {
    let (f, g) = (gate + units, gate + 2 * units)
    for j in vectorUnits(units) {
      store(load(f + j) * load(cPrevious + j) + load(gate + j) * load(g + j), c + j)
    }
    for j in tailUnits(units) { c[j] = f[j] * cPrevious[j] + gate[j] * g[j] }
  }

  /// One sequence's LSTM state: `h = o ⊙ tanh c`.
  static func lstmHiddenRow(
    o: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, units: Int,
    h: UnsafeMutablePointer<Float>
  ) {
    for j in vectorUnits(units) { store(load(o + j) * load(cellTanh + j), h + j) }
    for j in tailUnits(units) { h[j] = o[j] * cellTanh[j] }
  }

  /// One sequence's GRU state from its activated gates (r, z, n):
  /// `h = (1 − z) ⊙ n + z ⊙ h_{t−1}`.
  static func gruHiddenRow(
    gate: UnsafePointer<Float>, units: Int, hPrevious: UnsafePointer<Float>,
    h: UnsafeMutablePointer<Float>
  ) {
    let (z, n) = (gate + units, gate + 2 * units)
    for j in vectorUnits(units) {
      let zv = load(z + j)
      store((1 - zv) * load(n + j) + zv * load(hPrevious + j), h + j)
    }
    for j in tailUnits(units) { h[j] = (1 - z[j]) * n[j] + z[j] * hPrevious[j] }
  }

  /// The pointers of one sequence's LSTM step backward.
  struct LSTMBackwardRow {
    /// The activated gates i, f, g, o.
    let gate: UnsafePointer<Float>
    let cPrevious: UnsafePointer<Float>
    let cellTanh: UnsafePointer<Float>
    let dh: UnsafePointer<Float>
    let dc: UnsafeMutablePointer<Float>
    /// The gates' pre-activation gradients, written.
    let d: UnsafeMutablePointer<Float>
  }

  /// One sequence's LSTM step backward: `dc += dh ⊙ o ⊙ (1 − tanh² c)`, then the gates'
  /// pre-activation gradients `dc ⊙ g ⊙ σ'(i)`, `dc ⊙ c_{t−1} ⊙ σ'(f)`, `dc ⊙ i ⊙ tanh'(g)`,
  /// `dh ⊙ tanh c ⊙ σ'(o)` (with σ' = s(1 − s) and tanh' = 1 − t² of the activated values),
  /// and `dc ⊙ f` left in `dc` for the step before.
  static func lstmBackwardRow(_ row: LSTMBackwardRow, units: Int) {
    let (gate, d, dc) = (row.gate, row.d, row.dc)
    let (f, g, o) = (gate + units, gate + 2 * units, gate + 3 * units)
    for j in vectorUnits(units) {
      let (iv, fv, gv, ov) = (load(gate + j), load(f + j), load(g + j), load(o + j))
      let (tc, dh) = (load(row.cellTanh + j), load(row.dh + j))
      let cell = load(dc + j) + dh * ov * (1 - tc * tc)
      store(cell * gv * iv * (1 - iv), d + j)
      store(cell * load(row.cPrevious + j) * fv * (1 - fv), d + units + j)
      store(cell * iv * (1 - gv * gv), d + 2 * units + j)
      store(dh * tc * ov * (1 - ov), d + 3 * units + j)
      store(cell * fv, dc + j)
    }
    for j in tailUnits(units) {
      let (tc, dh) = (row.cellTanh[j], row.dh[j])
      let cell = dc[j] + dh * o[j] * (1 - tc * tc)
      d[j] = cell * g[j] * gate[j] * (1 - gate[j])
      d[units + j] = cell * row.cPrevious[j] * f[j] * (1 - f[j])
      d[2 * units + j] = cell * gate[j] * (1 - g[j] * g[j])
      d[3 * units + j] = dh * tc * o[j] * (1 - o[j])
      dc[j] = cell * f[j]
    }
  }

  /// The pointers of one sequence's GRU step backward.
  struct GRUBackwardRow {
    /// The activated gates r, z, n.
    let gate: UnsafePointer<Float>
    /// `h_{t−1}·U + c`.
    let product: UnsafePointer<Float>
    let hPrevious: UnsafePointer<Float>
    let dh: UnsafeMutablePointer<Float>
    /// The input side's gradients, written.
    let dx: UnsafeMutablePointer<Float>
    /// The recurrent products' gradients, written.
    let dp: UnsafeMutablePointer<Float>
  }

  /// One sequence's GRU step backward: `dn = dh ⊙ (1 − z) ⊙ (1 − n²)`,
  /// `dz = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z)`, `dr = dn ⊙ p_n ⊙ r(1 − r)`; the input side's
  /// gradients `[dr, dz, dn]` into `dx`, the products' `[dr, dz, dn ⊙ r]` into `dp`, and
  /// `dh ⊙ z` (the direct path to `h_{t−1}`) left in `dh`.
  static func gruBackwardRow(_ row: GRUBackwardRow, units: Int) {
    let (gate, dx, dp, dh) = (row.gate, row.dx, row.dp, row.dh)
    let (z, n, pn) = (gate + units, gate + 2 * units, row.product + 2 * units)
    for j in vectorUnits(units) {
      let (rv, zv, nv, dhv) = (load(gate + j), load(z + j), load(n + j), load(dh + j))
      let dn = dhv * (1 - zv) * (1 - nv * nv)
      let dz = dhv * (load(row.hPrevious + j) - nv) * zv * (1 - zv)
      let dr = dn * load(pn + j) * rv * (1 - rv)
      store(dr, dx + j)
      store(dz, dx + units + j)
      store(dn, dx + 2 * units + j)
      store(dr, dp + j)
      store(dz, dp + units + j)
      store(dn * rv, dp + 2 * units + j)
      store(dhv * zv, dh + j)
    }
    for j in tailUnits(units) {
      let (r, dhj) = (gate[j], dh[j])
      let dn = dhj * (1 - z[j]) * (1 - n[j] * n[j])
      let dz = dhj * (row.hPrevious[j] - n[j]) * z[j] * (1 - z[j])
      let dr = dn * pn[j] * r * (1 - r)
      (dx[j], dx[units + j], dx[2 * units + j]) = (dr, dz, dn)
      (dp[j], dp[units + j], dp[2 * units + j]) = (dr, dz, dn * r)
      dh[j] = dhj * z[j]
    }
  }
}
