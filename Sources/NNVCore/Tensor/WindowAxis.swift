/// How a convolution treats the border of its input.
public enum Padding: String, Sendable, CaseIterable, Codable {
  /// No padding: the kernel only visits positions where it fits entirely, so an input of size
  /// H gives `(H − K) / S + 1` outputs.
  case valid
  /// Zero padding so that an input of size H gives `⌈H / S⌉` outputs (H itself at stride 1).
  ///
  /// The padding is split as PyTorch and TensorFlow split it: the smaller half before the first
  /// element, the larger after the last; for stride 1 and an odd kernel K, `(K − 1) / 2` on
  /// each side.
  case same
}

/// Where a sliding window (a convolution kernel or a pooling window) lands along one axis of
/// an image: the sizes along that axis and the zero padding before its first element.
///
/// Output position `o` covers input positions `o · stride − padBefore` up to
/// `o · stride − padBefore + kernel − 1`; those outside `0..<input` read zeros.
public struct WindowAxis: Sendable, Equatable {
  /// The input's size along the axis.
  public let input: Int
  /// The window's size along the axis.
  public let kernel: Int
  /// The distance between consecutive windows.
  public let stride: Int
  /// Zeros before the first input element.
  public let padBefore: Int
  /// The number of window positions: the output's size along the axis.
  public let output: Int

  /// The window along an axis, or nil when it does not fit: a size or stride below 1, a
  /// kernel longer than the input without padding, or sizes so large the arithmetic overflows.
  public init?(input: Int, kernel: Int, stride: Int, padding: Padding) {
    guard input >= 1, kernel >= 1, stride >= 1 else { return nil }
    switch padding {
    case .valid:
      guard kernel <= input else { return nil }
      output = (input - kernel) / stride + 1
      padBefore = 0
    case .same:
      let count = input / stride + (input % stride == 0 ? 0 : 1)
      // (count − 1) · stride < input, so only an absurd kernel can overflow the reach.
      guard let reach = Shape.sum((count - 1) * stride, kernel) else { return nil }
      output = count
      padBefore = Swift.max(reach - input, 0) / 2
    }
    self.input = input
    self.kernel = kernel
    self.stride = stride
  }

  /// Zeros after the last input element that the last window reaches.
  public var padAfter: Int {
    Swift.max(0, (output - 1) * stride + kernel - input - padBefore)
  }

  /// The output positions whose window element `offset` (0..<kernel) lands inside the input:
  /// `o` with `0 ≤ o · stride − padBefore + offset < input`.
  func validOutputs(offset: Int) -> Range<Int> {
    let shift = offset - padBefore  // input position of output 0's element `offset`
    // Smallest o with o · stride + shift ≥ 0.
    let first = shift >= 0 ? 0 : (-shift + stride - 1) / stride
    // Smallest o with o · stride + shift ≥ input.
    let end = input - shift <= 0 ? 0 : (input - shift + stride - 1) / stride
    let lower = Swift.min(first, output)
    return lower..<Swift.max(lower, Swift.min(end, output))
  }
}
