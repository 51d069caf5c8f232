/// The backward pass through time of the recurrent kernels (see RecurrentKernel.swift).
extension RecurrentKernel {
  /// The gradients of a recurrent pass, in the layer's parameter order.
  struct Gradients {
    /// `[B, T, F]`, when asked for.
    var input: Tensor?
    var inputWeight: Tensor
    var recurrentWeight: Tensor
    /// Empty without bias; for a GRU the input bias's, then the recurrent bias's.
    var biases: [Tensor]
  }

  /// The gradients of the pass `record` given the gradient `gradient` of its output.
  ///
  /// - Parameter wantsInput: whether to compute the gradient with respect to the input.
  /// - Throws: `CancellationError` between steps when the running work is cancelled.
  static func backward(
    _ record: RecurrentRecord, gradient: Tensor, weights: RecurrentWeights, wantsInput: Bool
  ) throws -> Gradients {
    let plan = record.plan
    let (batch, steps, units, columns) = (plan.batch, plan.steps, plan.units, plan.columns)
    let rows = steps * batch
    // dA: the gradient with respect to the gate pre-activations of every step; a GRU has a
    // second one for the recurrent products, which the reset gate scales.
    // Every step writes its whole block of both.
    let dA = FloatBuffer(uninitialized: rows * columns)
    let dRecurrent = plan.isGRU ? FloatBuffer(uninitialized: rows * columns) : dA
    let dh = FloatBuffer(zeros: batch * units)
    let dc = FloatBuffer(zeros: plan.isLSTM ? batch * units : 0)
    let transposed = transposedRecurrentWeight(weights, plan: plan)
    // As in the forward pass, a Ctrl-C is heard within about a millisecond of work.
    var poller = Cancellation.Poller()
    let work = Shape.product(batch * columns, units + 8) ?? Int.max
    try gradient.scalars.withUnsafeBufferPointer { g in
      guard let g = g.baseAddress else { return }
      for t in stride(from: steps - 1, through: 0, by: -1) {
        try poller.advance(by: work)
        addOutputGradient(g, step: t, plan: plan, into: dh.pointer)
        let offset = t * batch * columns
        switch plan.cell {
        case .rnn(let nonlinearity):
          elmanBackward(t, record, nonlinearity, dh: dh.pointer, into: dA.pointer + offset)
        case .lstm:
          lstmBackward(t, record, dh: dh.pointer, dc: dc.pointer, into: dA.pointer + offset)
        case .gru:
          gruBackward(
            t, record, dh: dh.pointer, into: dA.pointer + offset,
            recurrent: dRecurrent.pointer + offset)
        }
        // The state before step 0 is the constant zero: no gradient to pass on.
        guard t > 0 else { break }
        MatrixMultiply.multiplyUnpacked(
          m: batch, n: units, k: columns, a: dRecurrent.pointer + offset, lda: columns,
          b: transposed.pointer, ldb: units, c: dh.pointer, ldc: units, accumulate: plan.isGRU)
      }
    }
    return parameterGradients(
      record, dA: dA, dRecurrent: dRecurrent, weights: weights, wantsInput: wantsInput)
  }

  /// Uᵀ, `[G·H, H]` row-major, so each step's `dA_t · Uᵀ` reads its rows in place.
  static func transposedRecurrentWeight(
    _ weights: RecurrentWeights, plan: RecurrentPlan
  ) -> FloatBuffer {
    let (units, columns) = (plan.units, plan.columns)
    let transposed = FloatBuffer(uninitialized: units * columns)
    let (source, target) = (weights.recurrent.pointer, transposed.pointer)
    // In 16 × 16 blocks, so both sides stay in cache.
    for i0 in stride(from: 0, to: units, by: 16) {
      for j0 in stride(from: 0, to: columns, by: 16) {
        for i in i0..<Swift.min(i0 + 16, units) {
          for j in j0..<Swift.min(j0 + 16, columns) {
            target[j * units + i] = source[i * columns + j]
          }
        }
      }
    }
    return transposed
  }

  /// Adds the output's gradient at step `t` to `dh` `[B, H]`: every step's with
  /// `returnsSequences` (the gradient is `[B, T, H]`), else only the last step's (`[B, H]`).
  static func addOutputGradient(
    _ g: UnsafePointer<Float>, step t: Int, plan: RecurrentPlan,
    into dh: UnsafeMutablePointer<Float>
  ) {
    let (batch, steps, units) = (plan.batch, plan.steps, plan.units)
    if plan.returnsSequences {
      for b in 0..<batch {
        let source = g + (b * steps + t) * units
        let target = dh + b * units
        for j in vectorUnits(units) { store(load(target + j) + load(source + j), target + j) }
        for j in tailUnits(units) { target[j] += source[j] }
      }
    } else if t == steps - 1 {
      for i in 0..<(batch * units) { dh[i] += g[i] }
    }
  }

  /// The weight, bias and input gradients from the gate gradients of every step: each one
  /// large product over all steps.
  static func parameterGradients(
    _ record: RecurrentRecord, dA: FloatBuffer, dRecurrent: FloatBuffer,
    weights: RecurrentWeights, wantsInput: Bool
  ) -> Gradients {
    let plan = record.plan
    let (batch, steps, features, units, columns) = (
      plan.batch, plan.steps, plan.features, plan.units, plan.columns
    )
    let rows = steps * batch
    // Σ_t x_tᵀ · dA_t: the inputs read transposed.
    let inputWeight = Tensor(shape: [features, columns]) { out in
      guard let c = out.baseAddress else { return }
      if record.sparseInputs {
        c.update(repeating: 0, count: features * columns)
        sparseTransposedProduct(
          rows: rows, features: features, columns: columns, x: record.inputs.pointer,
          d: dA.pointer, g: c)
      } else {
        MatrixMultiply.multiplyUnpacked(
          m: features, n: columns, k: rows, a: record.inputs.pointer, lda: features,
          transposedA: true, b: dA.pointer, ldb: columns, c: c, ldc: columns, accumulate: false)
      }
    }
    // Σ_{t ≥ 1} h_{t−1}ᵀ · dA_t (the state before step 0 is zero).
    let recurrentWeight = Tensor(shape: [units, columns]) { out in
      guard let c = out.baseAddress else { return }
      let skipped = batch  // step 0's rows
      MatrixMultiply.multiplyUnpacked(
        m: units, n: columns, k: rows - skipped, a: record.states.pointer + skipped * units,
        lda: units, transposedA: true, b: dRecurrent.pointer + skipped * columns, ldb: columns,
        c: c, ldc: columns, accumulate: false)
    }
    var biases: [Tensor] = []
    if plan.hasBias {
      biases.append(columnSums(dA.pointer, rows: rows, columns: columns))
      if plan.isGRU { biases.append(columnSums(dRecurrent.pointer, rows: rows, columns: columns)) }
    }
    let input = wantsInput ? inputGradient(record, dA: dA, weights: weights) : nil
    return Gradients(
      input: input, inputWeight: inputWeight, recurrentWeight: recurrentWeight, biases: biases)
  }

  /// `dA · Wᵀ`, time-major, returned batch-major `[B, T, F]`.
  static func inputGradient(
    _ record: RecurrentRecord, dA: FloatBuffer, weights: RecurrentWeights
  ) -> Tensor {
    let plan = record.plan
    let (features, columns) = (plan.features, plan.columns)
    let rows = plan.steps * plan.batch
    let timeMajor = FloatBuffer(uninitialized: rows * features)
    MatrixMultiply.multiply(
      m: rows, n: features, k: columns, a: dA.pointer, aRowStride: columns, aColStride: 1,
      b: weights.input.pointer, bRowStride: 1, bColStride: columns, c: timeMajor.pointer,
      ldc: features, accumulate: false)
    return RecurrentRecord.batchMajor(
      UnsafePointer(timeMajor.pointer), skip: 0, plan: plan, width: features)
  }

  /// The sums of each column of a `[rows, columns]` buffer.
  static func columnSums(
    _ values: UnsafePointer<Float>, rows: Int, columns: Int
  ) -> Tensor {
    Tensor(shape: [columns]) { out in
      for j in 0..<columns { out[j] = 0 }
      for r in 0..<rows {
        let row = values + r * columns
        for j in 0..<columns { out[j] += row[j] }
      }
    }
  }
}

/// The backward pass of one step of each cell: from `dh` (and an LSTM's `dc`), the gradient
/// with respect to the step's gate pre-activations.
extension RecurrentKernel {
  /// `dA = dh ⊙ φ'`: `1 − h²` for tanh, `h > 0` for relu.
  static func elmanBackward(
    _ t: Int, _ record: RecurrentRecord, _ nonlinearity: RecurrentNonlinearity,
    dh: UnsafeMutablePointer<Float>, into dA: UnsafeMutablePointer<Float>
  ) {
    let count = record.plan.batch * record.plan.units
    let h = record.states.pointer + (t + 1) * count
    switch nonlinearity {
    case .tanh:
      for i in vectorUnits(count) {
        let hv = load(h + i)
        store(load(dh + i) * (1 - hv * hv), dA + i)
      }
      for i in tailUnits(count) { dA[i] = dh[i] * (1 - h[i] * h[i]) }
    case .relu:
      for i in vectorUnits(count) {
        store(load(dh + i).replacing(with: 0, where: load(h + i) .<= 0), dA + i)
      }
      for i in tailUnits(count) { dA[i] = h[i] > 0 ? dh[i] : 0 }
    }
  }

  /// Through `h = o ⊙ tanh(c)` and `c = f ⊙ c_{t−1} + i ⊙ g`; leaves `dc` for step t − 1.
  static func lstmBackward(
    _ t: Int, _ record: RecurrentRecord, dh: UnsafeMutablePointer<Float>,
    dc: UnsafeMutablePointer<Float>, into dA: UnsafeMutablePointer<Float>
  ) {
    let plan = record.plan
    let (batch, units, columns) = (plan.batch, plan.units, plan.columns)
    guard let cells = record.cells?.pointer, let cellTanh = record.cellTanh?.pointer else {
      return
    }
    for b in 0..<batch {
      let row = t * batch + b
      lstmBackwardRow(
        LSTMBackwardRow(
          gate: record.gates.pointer + row * columns, cPrevious: cells + row * units,
          cellTanh: cellTanh + row * units, dh: dh + b * units, dc: dc + b * units,
          d: dA + b * columns), units: units)
    }
  }

  /// Through `h = (1 − z) ⊙ n + z ⊙ h_{t−1}`, `n = tanh(a_n + r ⊙ p_n)`: the input side's
  /// gradient into `dA`, the recurrent products' into `recurrent` (its n block scaled by r),
  /// and `dh ⊙ z` left in `dh` (the direct path to `h_{t−1}`).
  static func gruBackward(
    _ t: Int, _ record: RecurrentRecord, dh: UnsafeMutablePointer<Float>,
    into dA: UnsafeMutablePointer<Float>, recurrent dP: UnsafeMutablePointer<Float>
  ) {
    let plan = record.plan
    let (batch, units, columns) = (plan.batch, plan.units, plan.columns)
    guard let products = record.recurrent?.pointer else { return }
    for b in 0..<batch {
      let row = t * batch + b
      gruBackwardRow(
        GRUBackwardRow(
          gate: record.gates.pointer + row * columns, product: products + row * columns,
          hPrevious: record.states.pointer + row * units, dh: dh + b * units,
          dx: dA + b * columns, dp: dP + b * columns), units: units)
    }
  }
}
