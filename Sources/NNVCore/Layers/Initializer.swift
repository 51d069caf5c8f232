import Foundation

/// How a layer's weights are first set, always from a seeded generator.
public enum Initializer: String, Sendable, CaseIterable, Codable {
  /// Uniform in ±√(6 / (fan in + fan out)) (Glorot and Bengio 2010): the default for dense
  /// layers, suited to tanh and sigmoid.
  case glorotUniform = "glorot_uniform"
  /// Normal with standard deviation √(2 / fan in) (He et al. 2015), suited to ReLU.
  case heNormal = "he_normal"
  /// All zeros (biases; a weight matrix of zeros cannot break symmetry).
  case zeros

  /// `count` initial values for a tensor with the given fans.
  ///
  /// Glorot values are `(2u − 1) · a` in single precision with `u` from `uniform()`, exactly the
  /// peer benchmarks' formula, so the same seed gives the same weights as numpy and PyTorch.
  public func values(count: Int, fanIn: Int, fanOut: Int, seed: UInt64) -> [Float] {
    var random = RandomGenerator(seed: seed)
    switch self {
    case .glorotUniform:
      let limit = Float((6.0 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot())
      return (0..<count).map { _ in (2 * random.uniform() - 1) * limit }
    case .heNormal:
      let deviation = Float((2.0 / Double(Swift.max(fanIn, 1))).squareRoot())
      return (0..<count).map { _ in random.normal() * deviation }
    case .zeros:
      return [Float](repeating: 0, count: count)
    }
  }
}
