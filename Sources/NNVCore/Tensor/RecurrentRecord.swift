import Foundation

/// A block of `Float`s the recurrent kernels address by pointer, returned to a pool when freed.
///
/// The kernels index into several buffers at once, step by step, so they work on raw pointers
/// rather than nested `withUnsafe...` closures over arrays. Only `RecurrentKernel` writes a
/// buffer, and only while it fills it; after that it is read-only, shared with a backward pass.
/// Training allocates the same buffers for every batch: the pool hands the memory of the last
/// batch's to the next, instead of fresh pages that the system must map and clear each time.
final class FloatBuffer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  /// `count` zeros; the count must already be checked against the limits.
  convenience init(zeros count: Int) {
    self.init(uninitialized: count)
    pointer.update(repeating: 0, count: self.count)
  }

  /// `count` values to be written before they are read.
  init(uninitialized count: Int) {
    self.count = Swift.max(count, 0)
    pointer = FloatBuffer.pool.take(self.count)
  }

  /// A copy of `values`.
  convenience init(copying values: [Float]) {
    self.init(uninitialized: values.count)
    values.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { pointer.update(from: base, count: count) }
    }
  }

  deinit { FloatBuffer.pool.give(pointer, count: count) }

  /// The values as an array.
  var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

  static let pool = Pool()

  /// Freed blocks by size, up to `capacity` floats in all; the rest go back to the system.
  final class Pool: @unchecked Sendable {
    // Unchecked Sendable: the lock guards every access to `idle` and `kept`.
    private let lock = NSLock()
    private var idle: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var kept = 0
    /// Floats kept for reuse at most: 16 MiB.
    static let capacity = 1 << 22

    /// A block of `count` floats (at least one), uninitialized.
    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
      let size = Swift.max(count, 1)
      let reused = lock.withLock { () -> UnsafeMutablePointer<Float>? in
        guard let block = idle[size]?.popLast() else { return nil }
        kept -= size
        return block
      }
      return reused ?? UnsafeMutablePointer<Float>.allocate(capacity: size)
    }

    /// Takes back a block from `take`.
    func give(_ block: UnsafeMutablePointer<Float>, count: Int) {
      let size = Swift.max(count, 1)
      let keep = lock.withLock { () -> Bool in
        guard kept + size <= Self.capacity else { return false }
        idle[size, default: []].append(block)
        kept += size
        return true
      }
      if !keep { block.deallocate() }
    }
  }
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
    // The forward pass writes every value before reading it, except the zero initial state
    // and cell, and a GRU's recurrent products at step 0 (only its bias, if any).
    inputs = FloatBuffer(uninitialized: rows * plan.features)
    gates = FloatBuffer(uninitialized: rows * plan.columns)
    recurrent = plan.isGRU ? FloatBuffer(zeros: rows * plan.columns) : nil
    states = FloatBuffer(uninitialized: stateRows * plan.units)
    states.pointer.update(repeating: 0, count: plan.batch * plan.units)
    cells = plan.isLSTM ? FloatBuffer(uninitialized: stateRows * plan.units) : nil
    cells?.pointer.update(repeating: 0, count: plan.batch * plan.units)
    cellTanh = plan.isLSTM ? FloatBuffer(uninitialized: rows * plan.units) : nil
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
