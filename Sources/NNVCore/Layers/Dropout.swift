/// Randomly zeroes a fraction of its inputs during training (Srivastava et al. 2014).
///
/// Kept units are scaled by 1 / (1 − rate) ("inverted dropout"), so inference needs no rescaling
/// and passes inputs through unchanged.
public struct Dropout: Layer {
  public let kind = "dropout"
  public var name: String
  public let rate: Float
  public var activation: Activation { .linear }

  /// - Parameter rate: the probability of dropping each unit, in [0, 1).
  public init(rate: Float, name: String = "dropout") throws {
    guard rate >= 0, rate < 1 else {
      throw LayerError.invalidConfiguration(
        "a dropout rate is a probability in [0, 1), not \(rate)")
    }
    self.rate = rate
    self.name = name
  }

  public var parameters: [Tensor] {
    get { [] }
    set {}
  }
  public var parameterNames: [String] { [] }
  public var configuration: String { "rate \(rate)" }

  public func outputShape(for input: [Int]) throws -> [Int] { input }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    guard context.isTraining, rate > 0 else { return x }
    let scale = 1 / (1 - rate)
    var mask = Tensor.zeros(x.shape)
    for i in 0..<mask.count where context.random.uniform() >= rate { mask.scalars[i] = scale }
    return try x * Variable(mask)
  }
}
