/// An element-wise activation and its derivative sampled over an interval, for plots and
/// lessons.
///
/// The values are what a layer with the activation computes, and the slopes what its backward
/// pass gives (automatic differentiation through a tape), so the plotted derivative is the one
/// training uses, with the same convention at a corner (ReLU's slope at 0 is 0).
public struct ActivationCurve: Sendable, Equatable {
  /// The interval drawn when none is given.
  public static let defaultInterval: ClosedRange<Float> = -4...4
  /// The number of points drawn when none is given: every 0.05 over -4…4, 0 included.
  public static let defaultCount = 161
  /// The most points a curve may have.
  public static let maximumCount = 100_000

  /// Why an activation has no curve.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    /// Softmax maps a whole vector to probabilities: one number alone has no curve.
    case notElementwise(Activation)
    /// The interval is not finite or empty.
    case badInterval

    public var description: String {
      switch self {
      case .notElementwise(let activation):
        "\(activation.name) works on a whole vector, not on one number at a time"
      case .badInterval: "the interval of an activation curve must be finite and not empty"
      }
    }
  }

  public let activation: Activation
  /// The inputs, evenly spaced from the interval's start to its end.
  public let inputs: [Float]
  /// The activation at each input.
  public let values: [Float]
  /// The derivative at each input, from the activation's backward pass.
  public let slopes: [Float]

  /// Samples `activation` at `count` points (2 to `maximumCount`) evenly spread over
  /// `interval`, its ends included.
  ///
  /// - Throws: `Problem` for softmax or an interval that is not finite.
  public init(
    _ activation: Activation, over interval: ClosedRange<Float> = defaultInterval,
    count: Int = defaultCount
  ) throws(Problem) {
    guard activation != .softmax else { throw .notElementwise(activation) }
    guard interval.lowerBound.isFinite, interval.upperBound.isFinite,
      interval.upperBound > interval.lowerBound
    else { throw .badInterval }
    let n = Swift.min(Swift.max(count, 2), Self.maximumCount)
    let width = interval.upperBound - interval.lowerBound
    // Computed from the index, not accumulated, so the middle of -4…4 is exactly 0.
    let inputs = (0..<n).map { i in interval.lowerBound + width * Float(i) / Float(n - 1) }
    let tape = Tape()
    let x = tape.variable(Tensor(inputs))
    let y = activation.apply(x)
    // The gradient of the sum of the outputs: for an element-wise function, each output's
    // derivative with respect to its own input.
    let gradients = tape.gradients(of: y)
    self.activation = activation
    self.inputs = inputs
    self.values = y.value.scalars
    self.slopes = gradients[x].scalars
  }
}
