import Foundation

/// A small, seeded random number generator that gives the same numbers on every machine.
///
/// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): the state advances by a fixed odd constant and each output is a
/// bit-mixed copy of it. It is fast, passes BigCrush, and is trivial to re-implement, which is
/// why the peer benchmarks use it too: with the same seed, nnv, numpy and PyTorch start from the
/// same data and weights. The system generator is never used, so results do not depend on the
/// platform.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
  /// The current state; the next output mixes `state + 0x9E3779B97F4A7C15`.
  public private(set) var state: UInt64

  /// A generator whose first output is `splitmix64(seed + golden)`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A `Float` uniform in [0, 1): the top 24 bits over 2²⁴, exact in single precision.
  public mutating func uniform() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A `Float` uniform in [low, high).
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * uniform()
  }

  /// A standard normal `Float` by the Box–Muller transform.
  public mutating func normal() -> Float {
    // 1 - u is in (0, 1], so the logarithm is finite.
    let u1 = 1 - Double(next() >> 11) * 0x1p-53
    let u2 = Double(next() >> 11) * 0x1p-53
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }

  /// An integer uniform in `0..<bound` (0 when `bound` is not positive).
  public mutating func integer(below bound: Int) -> Int {
    guard bound > 0 else { return 0 }
    return Int(next() % UInt64(bound))
  }

  /// `n` uniform values in [0, 1), in the order the peers' `uniform(seed, n)` produces them.
  public static func uniformValues(seed: UInt64, count n: Int) -> [Float] {
    var generator = RandomGenerator(seed: seed)
    return (0..<n).map { _ in generator.uniform() }
  }
}
