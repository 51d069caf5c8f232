import Synchronization

// Convolutions are written by hand, like the matrix multiply they feed, so the core stays pure
// Swift with no system library and trains convolutional networks at the speed of PyTorch's
// oneDNN kernels on one and two cores. Each chunk of output positions (see `ConvolutionPlan`) is
// one matrix product on the packed, cache-blocked multiply: the input under the kernel at every
// position is copied into a patch matrix ("im2col", `fillPatches`), the filters multiply it, and
// the product is written out with the bias (`scatterOutputs`). Backward, the same patches give
// the weight gradient as dot products of rows (`addRowProducts`), the filters' transpose gives
// the patch gradient, and "col2im" (`addPatches`) adds it back onto the input gradient.
//
// The patch matrix of a chunk has C·K·K rows and one column per output position, so a layer of
// F filters is an [F, C·K·K] · [C·K·K, positions] product: wide and short. Chunks are small
// enough for their patches to stay in the core's cache between the copy and the product, and
// chunks of whole images run side by side on the multiply's threads, so the copies before and
// after the products are shared between threads too.

/// The arithmetic of 2-D convolutions over batches `[N, C, H, W]`.
enum ConvolutionKernel {
  /// Pointers shared by the threads of one convolution; each thread writes its own disjoint
  /// part of every buffer, or its own buffer.
  struct Shared: @unchecked Sendable {
    /// The images `[N, C, H, W]`.
    let input: UnsafePointer<Float>
    /// The filters `[F, C·K·K]`.
    let weight: UnsafePointer<Float>
    /// The bias (forward) or the output's gradient (backward).
    let extra: UnsafePointer<Float>
    /// The output (forward) or the input's gradient (backward).
    let output: UnsafeMutablePointer<Float>
    /// Every thread's working space.
    let scratch: UnsafeMutablePointer<Float>
    /// The patches of all columns, when they are kept between the passes.
    let patches: UnsafeMutablePointer<Float>?
    /// The backward pass's weight and bias gradient sums.
    var sums: UnsafeMutablePointer<Float>? = nil
  }

  /// The output of a convolution, and the patches of every column if `keepPatches` (kept for
  /// the backward pass when they fit in `keptPatchLimit` values).
  ///
  /// - Throws: `CancellationError` between chunks when the running work is cancelled.
  static func forward(
    _ plan: ConvolutionPlan, input: Tensor, weight: Tensor, bias: Tensor, keepPatches: Bool
  ) throws -> (output: Tensor, patches: [Float]?) {
    let kept = keepPatches ? Shape.product(plan.totalColumns, plan.patchSize) : nil
    var patches = kept.flatMap { $0 <= keptPatchLimit ? [Float](unsafeCount: $0) : nil }
    // Per thread: the chunk's patches (unless kept) and its filter outputs [F, columns].
    let patchSpace = patches == nil ? plan.chunkColumns * plan.patchSize : 0
    let perChunk = patchSpace + plan.chunkColumns * plan.filters
    var scratch = [Float](unsafeCount: plan.parallelChunks * perChunk)
    var output = [Float](unsafeCount: plan.outputShape.reduce(1, *))
    try input.scalars.withUnsafeBufferPointer { x in
      try weight.scalars.withUnsafeBufferPointer { w in
        try bias.scalars.withUnsafeBufferPointer { b in
          try output.withUnsafeMutableBufferPointer { out in
            try scratch.withUnsafeMutableBufferPointer { work in
              try withOptionalPointer(&patches) { kept in
                guard let x = x.baseAddress, let w = w.baseAddress, let b = b.baseAddress,
                  let out = out.baseAddress, let work = work.baseAddress
                else { return }
                let shared = Shared(
                  input: x, weight: w, extra: b, output: out, scratch: work, patches: kept)
                try runChunks(plan, poll: Cancellation.check) { chunk, part in
                  let scratch = shared.scratch + part * perChunk
                  forwardChunk(
                    plan, chunk: chunk, shared, scratch: scratch, product: scratch + patchSpace)
                }
              }
            }
          }
        }
      }
    }
    return (Tensor(uncheckedShape: plan.outputShape, scalars: output), patches)
  }

  /// Patch values kept between the forward and the backward pass at most: 16 MiB. Beyond it
  /// the backward pass computes the patches again, chunk by chunk.
  static let keptPatchLimit = 1 << 22

  /// One chunk forward: patches (into `scratch` unless kept), the product with the filters
  /// (into `product`), the outputs with their bias.
  private static func forwardChunk(
    _ plan: ConvolutionPlan, chunk: Int, _ shared: Shared, scratch: UnsafeMutablePointer<Float>,
    product: UnsafeMutablePointer<Float>
  ) {
    let range = plan.chunk(chunk)
    let patches = shared.patches.map { $0 + range.lowerBound * plan.patchSize } ?? scratch
    fillPatches(plan, columns: range, input: shared.input, into: patches)
    MatrixMultiply.multiply(
      m: plan.filters, n: range.count, k: plan.patchSize,
      a: shared.weight, aRowStride: plan.patchSize, aColStride: 1,
      b: patches, bRowStride: range.count, bColStride: 1,
      c: product, ldc: range.count, accumulate: false)
    scatterOutputs(
      plan, columns: range, product: product, bias: shared.extra, into: shared.output)
  }

  /// Runs `body(chunk, part)` for every chunk: one after another, or in groups of
  /// `plan.chunksPerGroup` that `plan.parallelChunks` threads claim one chunk at a time; `part`
  /// (below `parallelChunks`) names the thread's scratch. Calls `poll` before each group, on
  /// the calling thread (the forward pass polls `Cancellation` there).
  static func runChunks(
    _ plan: ConvolutionPlan, poll: () throws -> Void,
    _ body: @escaping @Sendable (_ chunk: Int, _ part: Int) -> Void
  ) rethrows {
    let group = plan.chunksPerGroup
    for first in stride(from: 0, to: plan.chunkCount, by: group) {
      try poll()
      let end = Swift.min(plan.chunkCount, first + group)
      let parts = Swift.min(plan.parallelChunks, end - first)
      guard parts > 1 else {
        for chunk in first..<end { body(chunk, 0) }
        continue
      }
      let counter = ChunkCounter(first: first)
      MatrixMultiply.WorkerPool.shared.run(parts: parts) { part in
        while true {
          let chunk = counter.claim()
          guard chunk < end else { return }
          body(chunk, part)
        }
      }
    }
  }

  /// Hands out chunk numbers, each once, to the threads of a group.
  final class ChunkCounter: Sendable {
    private let next: Atomic<Int>

    init(first: Int) { next = Atomic(first) }

    /// The next unclaimed chunk (past the group's end when all are claimed).
    func claim() -> Int { next.add(1, ordering: .relaxed).oldValue }
  }

  /// Calls `body` with the base address of `array`, or nil when there is no array.
  static func withOptionalPointer<R>(
    _ array: inout [Float]?, _ body: (UnsafeMutablePointer<Float>?) throws -> R
  ) rethrows -> R {
    guard var values = array else { return try body(nil) }
    // Moved out and back, so the buffer stays uniquely referenced and is not copied.
    array = nil
    defer { array = values }
    return try values.withUnsafeMutableBufferPointer { try body($0.baseAddress) }
  }

  /// Calls `body` with the base address of `array` for reading only (shared storage is not
  /// copied), or nil when there is no array.
  static func withOptionalPointer<R>(
    _ array: [Float]?, _ body: (UnsafeMutablePointer<Float>?) throws -> R
  ) rethrows -> R {
    guard let array else { return try body(nil) }
    return try array.withUnsafeBufferPointer { buffer in
      // `Shared.patches` is mutable for the forward pass; the backward pass only reads it.
      try body(buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) })
    }
  }
}

extension Array where Element: BitwiseCopyable {
  /// An array of `count` values that are not set: for buffers the caller fills before reading.
  init(unsafeCount count: Int) {
    self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }
}
