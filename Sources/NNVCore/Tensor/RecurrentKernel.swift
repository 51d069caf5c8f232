// Recurrent layers run as one fused operation per layer, not as a graph of per-step ops.
//
// Built from the autodiff's small ops, a sequence of T steps would record a dozen tape nodes
// per step (two products, a sum, several activations and element-wise products), each with its
// own output tensor and backward closure: for the character models of the lessons (16 to 64
// units, 32 to 100 steps) that bookkeeping costs more than the arithmetic. So the layer is one
// tape node with a hand-written forward pass and backward pass through time:
//
// - Everything is time-major inside: row `t·B + b` of a buffer is step t of sequence b, so one
//   step of the whole batch is a contiguous `[B, width]` block.
// - The input projections of all steps are one large product, `[T·B, F] · [F, G·H]`, into the
//   gate buffer (started from the bias); each step then adds `h_{t−1} · U` into its block with
//   one `[B, H] · [H, G·H]` product. Both go through the packed `MatrixMultiply` kernels.
// - The forward pass keeps, in flat `Float` buffers (`RecurrentRecord`), what the backward pass
//   needs: the inputs, the activated gates, the hidden states (and an LSTM's cells).
// - The backward pass walks the steps in reverse, computing each step's gradient with respect
//   to the gate pre-activations and one product `dA_t · Uᵀ` for the previous state; then the
//   weight gradients come from two large products over all steps at once, `Xᵀ · dA` and
//   `Hᵀ · dA`, and the input gradient from `dA · Wᵀ`.

/// The forward and backward passes of recurrent layers over flat, time-major buffers (see the
/// comment at the top of this file).
enum RecurrentKernel {
  /// Runs `plan`'s cell over `input` `[B, T, F]` from a zero state, keeping every step.
  ///
  /// - Throws: `CancellationError` between steps when the running work is cancelled.
  static func forward(
    _ plan: RecurrentPlan, input: Tensor, weights: RecurrentWeights
  ) throws -> RecurrentRecord {
    let record = RecurrentRecord(plan)
    let (batch, steps, features, columns) = (plan.batch, plan.steps, plan.features, plan.columns)
    let inputs = record.inputs.pointer
    input.scalars.withUnsafeBufferPointer { x in
      guard let x = x.baseAddress else { return }
      for b in 0..<batch {
        for t in 0..<steps {
          (inputs + (t * batch + b) * features).update(
            from: x + (b * steps + t) * features, count: features)
        }
      }
    }
    // The input projections of every step at once, added to the bias.
    let gates = record.gates.pointer
    if let bias = weights.bias?.pointer {
      for row in 0..<(steps * batch) { (gates + row * columns).update(from: bias, count: columns) }
    }
    MatrixMultiply.multiplyUnpacked(
      m: steps * batch, n: columns, k: features, a: inputs, lda: features,
      b: weights.input.pointer, ldb: columns, c: gates, ldc: columns,
      accumulate: weights.bias != nil)
    // A Ctrl-C is heard within about a millisecond of work, however long the sequence.
    var poller = Cancellation.Poller()
    let work = Shape.product(batch * columns, plan.units + 8) ?? Int.max
    for t in 0..<steps {
      try poller.advance(by: work)
      switch plan.cell {
      case .rnn(let nonlinearity): elmanStep(t, record, weights, nonlinearity)
      case .lstm: lstmStep(t, record, weights)
      case .gru: gruStep(t, record, weights)
      }
    }
    return record
  }

  /// The layer's output from a finished pass: every step's hidden state `[B, T, H]`, or the
  /// last one's `[B, H]`.
  static func output(_ record: RecurrentRecord) -> Tensor {
    let plan = record.plan
    let states = UnsafePointer(record.states.pointer)
    if plan.returnsSequences {
      return RecurrentRecord.batchMajor(states, skip: 1, plan: plan, width: plan.units)
    }
    let count = plan.batch * plan.units
    return Tensor(shape: [plan.batch, plan.units]) { out in
      out.baseAddress?.update(from: states + plan.steps * count, count: count)
    }
  }

  /// Adds `h_{t−1} · U` to the `[B, width]` block at `target` (nothing at step 0, where the
  /// state is zero).
  static func addRecurrentProduct(
    _ t: Int, _ record: RecurrentRecord, _ weights: RecurrentWeights,
    into target: UnsafeMutablePointer<Float>
  ) {
    let plan = record.plan
    guard t > 0 else { return }
    MatrixMultiply.multiplyUnpacked(
      m: plan.batch, n: plan.columns, k: plan.units,
      a: record.states.pointer + t * plan.batch * plan.units, lda: plan.units,
      b: weights.recurrent.pointer, ldb: plan.columns, c: target, ldc: plan.columns,
      accumulate: true)
  }

  /// One step of an Elman RNN: `h_t = φ(a_t)`, keeping `a_t`.
  static func elmanStep(
    _ t: Int, _ record: RecurrentRecord, _ weights: RecurrentWeights,
    _ nonlinearity: RecurrentNonlinearity
  ) {
    let plan = record.plan
    let count = plan.batch * plan.units
    let a = record.gates.pointer + t * count
    addRecurrentProduct(t, record, weights, into: a)
    let h = record.states.pointer + (t + 1) * count
    switch nonlinearity {
    case .tanh:
      VectorMath.tanh(
        UnsafeBufferPointer(start: a, count: count),
        into: UnsafeMutableBufferPointer(start: h, count: count))
    case .relu:
      for i in 0..<count { h[i] = a[i] > 0 ? a[i] : 0 }
    }
  }

  /// One LSTM step: the gates through their activations (in place), then the cell and the
  /// hidden state.
  static func lstmStep(_ t: Int, _ record: RecurrentRecord, _ weights: RecurrentWeights) {
    let plan = record.plan
    let (batch, units, columns) = (plan.batch, plan.units, plan.columns)
    let block = record.gates.pointer + t * batch * columns
    addRecurrentProduct(t, record, weights, into: block)
    guard let cells = record.cells?.pointer, let cellTanh = record.cellTanh?.pointer else {
      return
    }
    for b in 0..<batch {
      let gate = block + b * columns
      activate(gate, count: 2 * units, .sigmoid)  // i, f
      activate(gate + 2 * units, count: units, .tanh)  // g
      activate(gate + 3 * units, count: units, .sigmoid)  // o
      let row = t * batch + b
      let c = cells + (row + batch) * units
      let tc = cellTanh + row * units
      lstmCellRow(gate: gate, units: units, cPrevious: cells + row * units, c: c)
      activate(c, count: units, .tanh, into: tc)
      lstmHiddenRow(
        o: gate + 3 * units, cellTanh: tc, units: units,
        h: record.states.pointer + (row + batch) * units)
    }
  }

  /// One GRU step: `h_{t−1}·U + c` into the recurrent buffer, then the gates r, z, n (in
  /// place of the input projections) and the hidden state.
  static func gruStep(_ t: Int, _ record: RecurrentRecord, _ weights: RecurrentWeights) {
    let plan = record.plan
    let (batch, units, columns) = (plan.batch, plan.units, plan.columns)
    guard let recurrent = record.recurrent?.pointer else { return }
    let block = record.gates.pointer + t * batch * columns
    let products = recurrent + t * batch * columns
    if let bias = weights.recurrentBias?.pointer {
      for b in 0..<batch { (products + b * columns).update(from: bias, count: columns) }
    }
    addRecurrentProduct(t, record, weights, into: products)
    for b in 0..<batch {
      let gate = block + b * columns
      let product = products + b * columns
      for j in 0..<(2 * units) { gate[j] += product[j] }
      activate(gate, count: 2 * units, .sigmoid)  // r, z
      for j in 0..<units { gate[2 * units + j] += gate[j] * product[2 * units + j] }
      activate(gate + 2 * units, count: units, .tanh)  // n
      let row = t * batch + b
      gruHiddenRow(
        gate: gate, units: units, hPrevious: record.states.pointer + row * units,
        h: record.states.pointer + (row + batch) * units)
    }
  }

  /// The gates' activations, in place or `into` another buffer, by the vectorized functions
  /// the activation layers use.
  enum GateActivation { case sigmoid, tanh }

  static func activate(
    _ values: UnsafeMutablePointer<Float>, count: Int, _ activation: GateActivation,
    into target: UnsafeMutablePointer<Float>? = nil
  ) {
    let input = UnsafeBufferPointer(start: UnsafePointer(values), count: count)
    let output = UnsafeMutableBufferPointer(start: target ?? values, count: count)
    switch activation {
    case .sigmoid: VectorMath.sigmoid(input, into: output)
    case .tanh: VectorMath.tanh(input, into: output)
    }
  }
}
