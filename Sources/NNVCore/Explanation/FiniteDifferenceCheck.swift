/// One weight's gradient estimated from two losses, next to the gradient backpropagation
/// computed: the chain rule, applied layer by layer, gives the slope the loss really has.
///
/// The central difference (L(w + h) − L(w − h)) / 2h is computed from losses in the model's
/// own precision (single), so it is an estimate: its error is about h²·L‴/6 from the curve's
/// bend plus about ε·|L| / h from rounding the losses (ε ≈ 6·10⁻⁸). The step h is a power of two,
/// 1/256 for weights up to 1 in size (scaled up with larger weights), where the two errors
/// are both small, and w ± h are then exact in single precision. Backpropagation's number has
/// only the rounding of the forward and backward passes; the two agree to three or four
/// significant digits, unless a kink (a relu at 0, L1 at 0, a clipped probability) lies within
/// h of the weight.
public struct FiniteDifferenceCheck: Sendable, Equatable {
  /// The weight checked (the one with the largest |gradient| of all weights).
  public var name: WeightName
  public var position: ParameterPosition
  /// Its value, and the two values it was moved to: w + h and w − h.
  public var weight: Float
  public var plus: Float
  public var minus: Float
  /// The batch's loss (penalties included) with the weight at w + h and at w − h.
  public var lossPlus: Float
  public var lossMinus: Float
  /// Backpropagation's gradient (before clipping).
  public var backprop: Float

  public init(
    name: WeightName, position: ParameterPosition, weight: Float, plus: Float, minus: Float,
    lossPlus: Float, lossMinus: Float, backprop: Float
  ) {
    self.name = name
    self.position = position
    self.weight = weight
    self.plus = plus
    self.minus = minus
    self.lossPlus = lossPlus
    self.lossMinus = lossMinus
    self.backprop = backprop
  }

  /// The step h for a weight `w`: 1/256, doubled until it is at least |w|/256.
  public static func step(for w: Float) -> Float {
    var h: Float = 1.0 / 256
    while h * 256 < abs(w), h < 1e30 { h *= 2 }
    return h
  }

  /// The step actually taken on each side: half the distance between w + h and w − h.
  public var h: Double { (Double(plus) - Double(minus)) / 2 }

  /// (L(w + h) − L(w − h)) / 2h, in double precision from the two single-precision losses.
  public var numeric: Double {
    let width = Double(plus) - Double(minus)
    return width == 0 ? .nan : (Double(lossPlus) - Double(lossMinus)) / width
  }

  /// |backprop − numeric| / max(|backprop|, |numeric|); 0 when both are 0.
  public var relativeError: Double {
    let (a, b) = (Double(backprop), numeric)
    let scale = Swift.max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
  }

  /// Whether they agree as well as single precision allows: a relative error below 1%.
  public var agrees: Bool { relativeError < 0.01 }
}
