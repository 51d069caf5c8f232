/// The backward pass of a convolution: gradients of its input, filters and bias.
extension ConvolutionKernel {
  /// Which gradients a backward pass computes; the others stay nil.
  struct Wanted: Sendable {
    var input: Bool
    var weight: Bool
    var bias: Bool
  }

  /// The gradients of a convolution's input `[N, C, H, W]`, weight `[F, C, K, K]` and bias
  /// `[F]`, given the gradient of its output.
  ///
  /// - Parameters:
  ///   - input: the forward pass's input; only read when the weight gradient is wanted and the
  ///     patches were not kept (it may be empty otherwise).
  ///   - patches: the forward pass's patches, if it kept them; otherwise they are computed
  ///     again from `input`, chunk by chunk, when the weight gradient is wanted.
  /// - Throws: `CancellationError` between groups of chunks when the running work is
  ///   cancelled.
  static func backward(
    _ plan: ConvolutionPlan, gradient: Tensor, input: Tensor, inputShape: [Int], weight: Tensor,
    patches: [Float]?, wanted: Wanted
  ) throws -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
    let (f, depth, columns) = (plan.filters, plan.patchSize, plan.chunkColumns)
    // Per thread: the output gradient as rows [F, columns], the patches [depth, columns] when
    // they must be computed again, and the patches' gradient [depth, columns].
    let patchSpace = wanted.weight && patches == nil ? columns * depth : 0
    let layout = (patches: columns * f, gradient: columns * f + patchSpace)
    let perChunk = layout.gradient + (wanted.input ? columns * depth : 0)
    var scratch = [Float](unsafeCount: plan.parallelChunks * perChunk)
    // Per chunk of a group: weight [F, depth] and bias [F] gradients, summed over the chunks
    // at its place in every group, so the sums do not depend on which thread ran which chunk.
    let perSlot = f * depth + f
    let slots = plan.chunksPerGroup
    var partials = [Float](repeating: 0, count: slots * perSlot)
    let inputCount = plan.batch * plan.channels * plan.height * plan.width
    var inputGradient = [Float](repeating: 0, count: wanted.input ? inputCount : 0)
    try input.scalars.withUnsafeBufferPointer { x in
      try weight.scalars.withUnsafeBufferPointer { w in
        try gradient.scalars.withUnsafeBufferPointer { g in
          try inputGradient.withUnsafeMutableBufferPointer { dx in
            try scratch.withUnsafeMutableBufferPointer { work in
              try partials.withUnsafeMutableBufferPointer { sums in
                try withOptionalPointer(patches) { kept in
                  guard let w = w.baseAddress, let g = g.baseAddress,
                    let work = work.baseAddress, let sums = sums.baseAddress
                  else { return }
                  // An input or input gradient that is not used may be empty, without an
                  // address; it is not read or written then.
                  let shared = Shared(
                    input: x.baseAddress ?? g, weight: w, extra: g, output: dx.baseAddress ?? sums,
                    scratch: work, patches: kept, sums: sums)
                  try runChunks(plan, poll: Cancellation.check) { chunk, part in
                    let scratch = shared.scratch + part * perChunk
                    backwardChunk(
                      plan, chunk: chunk, shared, wanted: wanted,
                      scratch: (scratch, scratch + layout.patches, scratch + layout.gradient),
                      sums: (shared.sums ?? shared.scratch) + chunk % slots * perSlot)
                  }
                }
              }
            }
          }
        }
      }
    }
    // The slots' sums, added in a fixed order.
    var sums = [Float](repeating: 0, count: perSlot)
    for slot in 0..<slots {
      for i in 0..<perSlot { sums[i] += partials[slot * perSlot + i] }
    }
    return (
      wanted.input ? Tensor(uncheckedShape: inputShape, scalars: inputGradient) : nil,
      wanted.weight
        ? Tensor(uncheckedShape: weight.shape, scalars: Array(sums[..<(f * depth)])) : nil,
      wanted.bias ? Tensor(uncheckedShape: [f], scalars: Array(sums[(f * depth)...])) : nil
    )
  }

  /// One chunk backward: adds its weight and bias gradients into `sums` and its input gradient
  /// into `shared.output`, working in the thread's scratch: gradient rows, patches (when not
  /// kept) and the patches' gradient.
  private static func backwardChunk(
    _ plan: ConvolutionPlan, chunk: Int, _ shared: Shared, wanted: Wanted,
    scratch: (
      UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>
    ),
    sums: UnsafeMutablePointer<Float>
  ) {
    let range = plan.chunk(chunk)
    let (f, depth, length) = (plan.filters, plan.patchSize, range.count)
    let (rows, patchBuffer, patchGradient) = scratch
    gatherGradients(
      plan, columns: range, gradient: shared.extra, into: rows,
      biasGradient: wanted.bias ? sums + f * depth : nil)
    if wanted.weight {
      let patches: UnsafePointer<Float>
      if let kept = shared.patches {
        patches = UnsafePointer(kept + range.lowerBound * depth)
      } else {
        fillPatches(plan, columns: range, input: shared.input, into: patchBuffer)
        patches = UnsafePointer(patchBuffer)
      }
      // dW [F, depth] += rows [F, length] · patchesᵀ [length, depth]
      addRowProducts(
        m: f, n: depth, k: length, a: rows, lda: length, b: patches, ldb: length, c: sums,
        ldc: depth)
    }
    if wanted.input {
      // dPatches [depth, length] = weightᵀ [depth, F] · rows [F, length]
      MatrixMultiply.multiply(
        m: depth, n: length, k: f, a: shared.weight, aRowStride: 1, aColStride: depth,
        b: rows, bRowStride: length, bColStride: 1, c: patchGradient, ldc: length,
        accumulate: false)
      addPatches(plan, columns: range, patches: patchGradient, into: shared.output)
    }
  }
}
