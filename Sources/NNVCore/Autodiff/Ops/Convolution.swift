/// 2-D convolution on variables; forward and backward side by side.
///
/// Backward closures capture values and node indices, never `Variable`s (see Elementwise.swift).
/// The arithmetic is in `ConvolutionKernel` (im2col feeding the packed matrix multiply); both
/// passes poll `Cancellation` between groups of chunks, so a Ctrl-C stops a long one.
extension Variable {
  /// The 2-D convolution of a batch of images with a bank of filters, plus a bias per filter.
  ///
  /// `out[n, f, i, j] = bias[f] + Σ_{c, u, v} weight[f, c, u, v] · x[n, c, i·S + u − p, j·S + v − p]`
  /// with `p` the padding before the first row or column (0 for `valid`) and zeros read outside
  /// the image. As in PyTorch and Keras, this is a cross-correlation: the kernel is not flipped.
  ///
  /// - Parameters:
  ///   - x: images `[N, C, H, W]`.
  ///   - weight: filters `[F, C, K, K]`.
  ///   - bias: `[F]`.
  ///   - stride: the step S between kernel positions, at least 1.
  ///   - padding: `valid` (`(H − K) / S + 1` outputs) or `same` (`⌈H / S⌉` outputs).
  /// - Returns: `[N, F, output height, output width]`.
  /// - Throws: `TensorError` when the shapes do not fit together or the kernel does not fit,
  ///   `LimitError` for an output over the elements-per-tensor limit, `CancellationError`
  ///   between chunks of work when the running work is cancelled.
  public static func conv2D(
    _ x: Variable, _ weight: Variable, _ bias: Variable, stride: Int = 1,
    padding: Padding = .valid
  ) throws -> Variable {
    let plan = try ConvolutionPlan(
      input: x.shape, weight: weight.shape, bias: bias.shape, stride: stride, padding: padding)
    let tape = tape(of: x, weight, bias)
    let wanted = ConvolutionKernel.Wanted(
      input: tape != nil && x.node >= 0, weight: tape != nil && weight.node >= 0,
      bias: tape != nil && bias.node >= 0)
    let (value, patches) = try ConvolutionKernel.forward(
      plan, input: x.value, weight: weight.value, bias: bias.value, keepPatches: wanted.weight)
    guard let tape else { return Variable(value) }
    let (xNode, weightNode, biasNode) = (x.node, weight.node, bias.node)
    // The input is only read again when the patches were not kept (or were not needed).
    let input = wanted.weight && patches == nil ? x.value : Tensor.zeros([0])
    let (inputShape, weightValue) = (x.shape, weight.value)
    return tape.result(value) { g, grads in
      let gradients = try ConvolutionKernel.backward(
        plan, gradient: g, input: input, inputShape: inputShape, weight: weightValue,
        patches: patches, wanted: wanted)
      if let dx = gradients.input { grads.add(dx, to: xNode) }
      if let dw = gradients.weight { grads.add(dw, to: weightNode) }
      if let db = gradients.bias { grads.add(db, to: biasNode) }
    }
  }
}
