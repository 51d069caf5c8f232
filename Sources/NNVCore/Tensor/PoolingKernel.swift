/// Max and average pooling over batches `[N, C, H, W]`: a K×K window moved by S, no padding,
/// windows that would cross the bottom or right edge left out (the output size is
/// `(H − K) / S + 1`, rounded down).
///
/// Written as plain loops over each channel of each image: pooling reads every input value
/// about once and does no arithmetic worth a matrix product.
enum PoolingKernel {
  /// The sizes of one pooling over a batch, checked.
  struct Plan: Sendable {
    let batch: Int
    let channels: Int
    let height: Int
    let width: Int
    let rows: WindowAxis
    let columns: WindowAxis

    /// - Throws: `TensorError` for an input that is not `[N, C, H, W]`, a size or stride below
    ///   1 or a window larger than the image.
    init(input: [Int], kernel: Int, stride: Int) throws {
      guard input.count == 4, input[0] >= 0, input.dropFirst().allSatisfy({ $0 >= 1 }) else {
        throw TensorError.shapeMismatch(
          "pooling takes images [n, channels, height, width], not \(Tensor.describe(input))")
      }
      guard kernel >= 1, stride >= 1 else {
        throw TensorError.invalidShape(
          "a pooling window and its stride are at least 1, not \(kernel) and \(stride)")
      }
      guard let rows = WindowAxis(input: input[2], kernel: kernel, stride: stride, padding: .valid),
        let columns = WindowAxis(input: input[3], kernel: kernel, stride: stride, padding: .valid)
      else {
        throw TensorError.invalidShape(
          "a \(kernel)×\(kernel) pooling window does not fit images of \(input[2])×\(input[3])")
      }
      // Max pooling records each output's source as an Int32 index into the input.
      guard let count = Shape.checkedProduct(input), count <= Int(Int32.max) else {
        throw TensorError.invalidShape("pooling takes at most \(Int32.max) input values")
      }
      (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
      (self.rows, self.columns) = (rows, columns)
    }

    var outputShape: [Int] { [batch, channels, rows.output, columns.output] }
    var planes: Int { batch * channels }
    var kernel: Int { rows.kernel }
    var stride: Int { rows.stride }
  }

  /// Pointers shared by the threads of one pooling; each writes its own planes.
  struct Shared: @unchecked Sendable {
    let input: UnsafePointer<Float>
    let output: UnsafeMutablePointer<Float>
    let sources: UnsafeMutablePointer<Int32>?
  }

  /// Runs `body(planes)` over all planes, in groups of about a million input values with a
  /// call of `poll` before each (on the calling thread), a group split between the matrix
  /// multiply's threads when it is large enough to repay waking them.
  static func forEachPlanes(
    _ plan: Plan, poll: () throws -> Void, _ body: @escaping @Sendable (Range<Int>) -> Void
  ) rethrows {
    let planeSize = plan.height * plan.width
    let group = Swift.max(1, (1 << 20) / planeSize)
    for first in stride(from: 0, to: plan.planes, by: group) {
      try poll()
      let end = Swift.min(plan.planes, first + group)
      let count = end - first
      let parts = count * planeSize >= 1 << 15 ? Swift.min(MatrixMultiply.threadCount, count) : 1
      guard parts > 1 else {
        body(first..<end)
        continue
      }
      // Pieces claimed one by one: a thread slow to start leaves its share to the others.
      let pieces = Swift.min(count, parts * 4)
      let counter = ConvolutionKernel.ChunkCounter(first: 0)
      MatrixMultiply.WorkerPool.shared.run(parts: parts) { _ in
        while true {
          let piece = counter.claim()
          guard piece < pieces else { return }
          body((first + count * piece / pieces)..<(first + count * (piece + 1) / pieces))
        }
      }
    }
  }

  /// The maximum of every window, and the index of the input value it came from.
  ///
  /// Ties go to the first value in reading order, and a NaN in a window wins (as in PyTorch),
  /// so a network whose values have become NaN says so.
  static func maxForward(_ plan: Plan, input: Tensor) throws -> (Tensor, [Int32]) {
    let planeOutputs = plan.rows.output * plan.columns.output
    var output = [Float](unsafeCount: plan.planes * planeOutputs)
    var sources = [Int32](unsafeCount: output.count)
    try input.scalars.withUnsafeBufferPointer { x in
      try output.withUnsafeMutableBufferPointer { out in
        try sources.withUnsafeMutableBufferPointer { from in
          guard let x = x.baseAddress, let out = out.baseAddress, let from = from.baseAddress
          else { return }
          let shared = Shared(input: x, output: out, sources: from)
          try forEachPlanes(plan, poll: Cancellation.check) { planes in
            guard let sources = shared.sources else { return }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 16) { values in
              withUnsafeTemporaryAllocation(of: Int32.self, capacity: 16) { indices in
                guard let values = values.baseAddress, let indices = indices.baseAddress
                else { return }
                for plane in planes {
                  maxPlane(
                    plan, input: shared.input, plane: plane,
                    into: shared.output + plane * planeOutputs,
                    sources: sources + plane * planeOutputs,
                    spill: Windows.Spill(values: values, indices: indices))
                }
              }
            }
          }
        }
      }
    }
    return (Tensor(uncheckedShape: plan.outputShape, scalars: output), sources)
  }

  /// The input gradient of max pooling: each output's gradient goes to the value it came from.
  ///
  /// - Throws: `CancellationError` between groups of planes when the running work is
  ///   cancelled.
  static func maxBackward(_ plan: Plan, gradient: Tensor, sources: [Int32], inputShape: [Int])
    throws -> Tensor
  {
    let planeOutputs = plan.rows.output * plan.columns.output
    var result = Tensor.zeros(inputShape)
    try result.scalars.withUnsafeMutableBufferPointer { dx in
      try gradient.scalars.withUnsafeBufferPointer { g in
        try sources.withUnsafeBufferPointer { from in
          guard let dx = dx.baseAddress, let g = g.baseAddress,
            let from = from.baseAddress
          else { return }
          // The sources of a plane's outputs lie in that plane: planes can run at once.
          let shared = Shared(
            input: g, output: dx, sources: UnsafeMutablePointer(mutating: from))
          try forEachPlanes(plan, poll: Cancellation.check) { planes in
            guard let sources = shared.sources else { return }
            for o in (planes.lowerBound * planeOutputs)..<(planes.upperBound * planeOutputs) {
              shared.output[Int(sources[o])] += shared.input[o]
            }
          }
        }
      }
    }
    return result
  }

  /// The mean of every window.
  static func averageForward(_ plan: Plan, input: Tensor) throws -> Tensor {
    let (k, s, w) = (plan.kernel, plan.stride, plan.width)
    let (oh, ow) = (plan.rows.output, plan.columns.output)
    let scale = 1 / Float(k * k)
    var output = [Float](unsafeCount: plan.planes * oh * ow)
    try input.scalars.withUnsafeBufferPointer { x in
      try output.withUnsafeMutableBufferPointer { out in
        guard let x = x.baseAddress, let out = out.baseAddress else { return }
        let shared = Shared(input: x, output: out, sources: nil)
        try forEachPlanes(plan, poll: Cancellation.check) { planes in
          for plane in planes {
            for r in 0..<oh {
              for c in 0..<ow {
                let corner = plane * plan.height * w + r * s * w + c * s
                var sum: Float = 0
                for kh in 0..<k {
                  for kw in 0..<k { sum += shared.input[corner + kh * w + kw] }
                }
                shared.output[(plane * oh + r) * ow + c] = sum * scale
              }
            }
          }
        }
      }
    }
    return Tensor(uncheckedShape: plan.outputShape, scalars: output)
  }

  /// The input gradient of average pooling: each output's gradient, divided by K², to every
  /// value of its window.
  ///
  /// - Throws: `CancellationError` between planes when the running work is cancelled.
  static func averageBackward(_ plan: Plan, gradient: Tensor, inputShape: [Int]) throws -> Tensor {
    let (k, s, w) = (plan.kernel, plan.stride, plan.width)
    let (oh, ow) = (plan.rows.output, plan.columns.output)
    let scale = 1 / Float(k * k)
    var result = Tensor.zeros(inputShape)
    var poller = Cancellation.Poller()
    try result.scalars.withUnsafeMutableBufferPointer { dx in
      try gradient.scalars.withUnsafeBufferPointer { g in
        for plane in 0..<plan.planes {
          try poller.advance(by: oh * ow * k * k)
          for r in 0..<oh {
            for c in 0..<ow {
              let corner = plane * plan.height * w + r * s * w + c * s
              let share = g[(plane * oh + r) * ow + c] * scale
              for kh in 0..<k {
                for kw in 0..<k { dx[corner + kh * w + kw] += share }
              }
            }
          }
        }
      }
    }
    return result
  }
}
