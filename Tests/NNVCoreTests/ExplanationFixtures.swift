import Foundation
import NNVCore

/// The tiny network the explanation tests work out by hand: 2 inputs, a tanh layer of 2 units,
/// one sigmoid unit.
///
///     layer 1: z1 = 0.5·x1 + 0.25·x2 + 0.1     z2 = −0.25·x1 + 0.75·x2 − 0.2    a = tanh(z)
///     layer 2: z = 1·a1 − 2·a2 + 0.3           p = sigmoid(z)
enum ExplanationFixtures {
  static let w1: [Float] = [0.5, -0.25, 0.25, 0.75]  // [input, unit], row by row
  static let b1: [Float] = [0.1, -0.2]
  static let w2: [Float] = [1, -2]
  static let b2: [Float] = [0.3]

  static func net() throws -> Sequential {
    try InspectionFixtures.model(
      2,
      [
        try InspectionFixtures.dense(2, 2, .tanh, weights: w1, bias: b1, name: "dense_1"),
        try InspectionFixtures.dense(2, 1, .sigmoid, weights: w2, bias: b2, name: "dense_2"),
      ])
  }

  /// Three points with their classes (0 or 1).
  static func points() throws -> Dataset {
    try InspectionFixtures.data(
      [[1, 0.5], [-1, 1], [0.5, -0.5]], labels: [1, 0, 1], classes: ["no", "yes"])
  }

  /// The network's values for a point, in double precision, written out by hand.
  struct Hand {
    let z1: Double
    let z2: Double
    let a1: Double
    let a2: Double
    let z: Double
    let p: Double

    init(_ x1: Double, _ x2: Double) {
      z1 = 0.5 * x1 + 0.25 * x2 + 0.1
      z2 = -0.25 * x1 + 0.75 * x2 - 0.2
      a1 = tanh(z1)
      a2 = tanh(z2)
      z = 1 * a1 - 2 * a2 + 0.3
      p = 1 / (1 + exp(-z))
    }

    /// Binary cross-entropy against class `y`.
    func loss(_ y: Double) -> Double { -(y * log(p) + (1 - y) * log(1 - p)) }
  }
}
