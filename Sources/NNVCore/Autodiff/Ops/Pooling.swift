/// Max and average pooling on variables; forward and backward side by side.
///
/// Backward closures capture values and node indices, never `Variable`s (see Elementwise.swift);
/// they poll `Cancellation` between groups of planes, so a long backward pass stops on a Ctrl-C.
extension Variable {
  /// The maximum of every K×K window of every channel, windows S apart (S = K by default).
  ///
  /// Windows that would cross the bottom or right edge are left out: `[N, C, H, W]` becomes
  /// `[N, C, (H − K) / S + 1, (W − K) / S + 1]`, rounded down. The gradient flows to the input
  /// value that was the maximum (the first one, for ties).
  ///
  /// - Throws: `TensorError` for an input that is not `[N, C, H, W]`, a size or stride below 1
  ///   or a window larger than the image; `CancellationError` when the running work is
  ///   cancelled.
  public static func maxPool2D(_ x: Variable, size: Int, stride: Int? = nil) throws -> Variable {
    let plan = try PoolingKernel.Plan(input: x.shape, kernel: size, stride: stride ?? size)
    let (value, sources) = try PoolingKernel.maxForward(plan, input: x.value)
    guard let tape = x.tape, x.node >= 0 else { return Variable(value) }
    let (node, shape) = (x.node, x.shape)
    return tape.result(value) { g, grads in
      grads.add(
        try PoolingKernel.maxBackward(plan, gradient: g, sources: sources, inputShape: shape),
        to: node)
    }
  }

  /// The mean of every K×K window of every channel, windows S apart (S = K by default), with
  /// the same output size as `maxPool2D`. The gradient is shared equally by the window.
  ///
  /// - Throws: as `maxPool2D`.
  public static func averagePool2D(_ x: Variable, size: Int, stride: Int? = nil) throws
    -> Variable
  {
    let plan = try PoolingKernel.Plan(input: x.shape, kernel: size, stride: stride ?? size)
    let value = try PoolingKernel.averageForward(plan, input: x.value)
    guard let tape = x.tape, x.node >= 0 else { return Variable(value) }
    let (node, shape) = (x.node, x.shape)
    return tape.result(value) { g, grads in
      grads.add(
        try PoolingKernel.averageBackward(plan, gradient: g, inputShape: shape), to: node)
    }
  }
}
