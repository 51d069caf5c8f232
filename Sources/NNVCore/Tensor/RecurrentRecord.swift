/// A block of `Float`s the recurrent kernels address by pointer, freed with its owner.
///
/// The kernels index into several buffers at once, step by step, so they work on raw pointers
/// rather than nested `withUnsafe...` closures over arrays. Only `RecurrentKernel` writes a
/// buffer, and only while it fills it; after that it is read-only, shared with a backward pass.
final class FloatBuffer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  /// `count` zeros; the count must already be checked against the limits.
  init(zeros count: Int) {
    self.count = Swift.max(count, 0)
    pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(self.count, 1))
    pointer.initialize(repeating: 0, count: self.count)
  }

  /// A copy of `values`.
  init(copying values: [Float]) {
    count = values.count
    pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
    values.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
    }
  }

  deinit { pointer.deallocate() }

  /// The values as an array.
  var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// The weights of a recurrent layer, copied once per pass into buffers the kernels address.
final class RecurrentWeights: @unchecked Sendable {
  /// `[F, G·H]`.
  let input: FloatBuffer
  /// `[H, G·H]`.
  let recurrent: FloatBuffer
  /// `[G·H]`: the bias of rnn and lstm, the input bias of a GRU; nil without bias.
  let bias: FloatBuffer?
  /// GRU only, `[G·H]`: the recurrent bias.
  let recurrentBias: FloatBuffer?

  init(input: Tensor, recurrent: Tensor, biases: [Tensor]) {
    self.input = FloatBuffer(copying: input.scalars)
    self.recurrent = FloatBuffer(copying: recurrent.scalars)
    bias = biases.first.map { FloatBuffer(copying: $0.scalars) }
    recurrentBias = biases.count > 1 ? FloatBuffer(copying: biases[1].scalars) : nil
  }
}

/// What one forward pass of a recurrent layer keeps for its backward pass and for inspection,
/// in time-major order: row `t·B + b` is step t of sequence b.
final class RecurrentRecord: @unchecked Sendable {
  let plan: RecurrentPlan
  /// The inputs, `[T, B, F]`.
  let inputs: FloatBuffer
  /// `[T, B, G·H]`: for rnn the pre-activations, for lstm and gru the gates after their
  /// activations (i, f, g, o or r, z, n).
  let gates: FloatBuffer
  /// GRU only, `[T, B, G·H]`: `h_{t−1}·U + c`, whose n block the reset gate multiplies.
  let recurrent: FloatBuffer?
  /// `[T + 1, B, H]`: the zero initial state, then every step's hidden state.
  let states: FloatBuffer
  /// LSTM only, `[T + 1, B, H]`: the zero initial cell, then every step's cell state.
  let cells: FloatBuffer?
  /// LSTM only, `[T, B, H]`: tanh of every step's cell state.
  let cellTanh: FloatBuffer?

  init(_ plan: RecurrentPlan) {
    self.plan = plan
    let (rows, stateRows) = (plan.steps * plan.batch, (plan.steps + 1) * plan.batch)
    inputs = FloatBuffer(zeros: rows * plan.features)
    gates = FloatBuffer(zeros: rows * plan.columns)
    recurrent = plan.isGRU ? FloatBuffer(zeros: rows * plan.columns) : nil
    states = FloatBuffer(zeros: stateRows * plan.units)
    cells = plan.isLSTM ? FloatBuffer(zeros: stateRows * plan.units) : nil
    cellTanh = plan.isLSTM ? FloatBuffer(zeros: rows * plan.units) : nil
  }

  /// Rows `[1, T]` of a time-major `[T(+1), B, width]` buffer as a batch-major tensor
  /// `[B, T, width]`; `skip` is the number of leading steps to leave out (1 for states).
  static func batchMajor(
    _ buffer: UnsafePointer<Float>, skip: Int, plan: RecurrentPlan, width: Int,
    columns: Range<Int>? = nil
  ) -> Tensor {
    let (batch, steps) = (plan.batch, plan.steps)
    let part = columns ?? 0..<width
    return Tensor(shape: [batch, steps, part.count]) { out in
      guard let target = out.baseAddress else { return }
      for t in 0..<steps {
        for b in 0..<batch {
          let source = buffer + ((t + skip) * batch + b) * width + part.lowerBound
          (target + (b * steps + t) * part.count).update(from: source, count: part.count)
        }
      }
    }
  }
}
