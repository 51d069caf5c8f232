import Foundation
import NNVCore
import Testing

/// `LossCurve`, what `plot loss` draws: each point is the training loss of one sample, it
/// follows the formula printed under the plot, and a target a loss cannot have is refused.
@Suite struct LossCurveTests {
  @Test func binaryCrossEntropyIsMinusTheLogOfTheRightProbability() throws {
    let curves = try LossCurve.curves(.binaryCrossEntropy)
    #expect(curves.map(\.target) == [1, 0])
    for curve in curves {
      #expect(curve.predictions.count == LossCurve.count)
      #expect(curve.predictions.allSatisfy { $0 > 0 && $0 < 1 })
      for (p, value) in zip(curve.predictions, curve.values) {
        let written = curve.target == 1 ? -log(Double(p)) : -log(1 - Double(p))
        #expect(abs(Double(value) - written) < 1e-5, "t = \(curve.target), p = \(p)")
      }
    }
    #expect(curves[0].formula.text == "t = 1: L = −log p")
    #expect(curves[1].formula.ascii == "t = 0: L = -log(1 - p)")
    // A soft label is lowest where p equals it.
    let soft = try LossCurve(.binaryCrossEntropy, target: 0.3)
    let lowest = try #require(soft.values.indices.min { soft.values[$0] < soft.values[$1] })
    #expect(abs(soft.predictions[lowest] - 0.3) < 0.01)
    #expect(soft.formula.text == "t = 0.3: L = −[0.3·log p + 0.7·log(1 − p)]")
  }

  @Test func categoricalCrossEntropyIsMinusTheLogOfTheTrueClass() throws {
    let curve = try LossCurve(.categoricalCrossEntropy)
    for (p, value) in zip(curve.predictions, curve.values) {
      #expect(abs(Double(value) + log(Double(p))) < 1e-5, "p = \(p)")
    }
    #expect(zip(curve.values, curve.values.dropFirst()).allSatisfy { $0 > $1 })
  }

  @Test func meanSquaredErrorIsAParabolaAroundTheTarget() throws {
    for target: Float in [0, 0.5, -3] {
      let curve = try LossCurve(.meanSquaredError, target: target)
      #expect(curve.predictions.first == target - 2 && curve.predictions.last == target + 2)
      for (y, value) in zip(curve.predictions, curve.values) {
        #expect(abs(value - (y - target) * (y - target)) < 1e-5, "t = \(target), y = \(y)")
      }
    }
    #expect(try LossCurve(.meanSquaredError).formula.text == "t = 0: L = y²")
    #expect(try LossCurve(.meanSquaredError, target: -3).formula.ascii == "t = -3: L = (y + 3)^2")
  }

  /// The curve is the loss training minimizes: the mean of its points is the loss of a batch
  /// of those predictions.
  @Test func pointsAreTheTrainingLossOfOneSample() throws {
    for (loss, target) in [(Loss.binaryCrossEntropy, Float(1)), (.meanSquaredError, 0.5)] {
      let curve = try LossCurve(loss, target: target)
      let picked = Array(stride(from: 0, to: curve.predictions.count, by: 20))
      let batch = try Tensor(
        shape: [picked.count, 1], scalars: picked.map { curve.predictions[$0] })
      let targets = Tensor(repeating: target, shape: [picked.count, 1])
      let mean = try loss(Variable(batch), targets).value.scalars[0]
      let expected = picked.map { Double(curve.values[$0]) }.reduce(0, +) / Double(picked.count)
      #expect(abs(Double(mean) - expected) < 1e-4, "\(loss)")
    }
  }

  @Test func targetsALossCannotHaveAreRefused() {
    #expect(throws: LossCurve.Problem.targetNotAProbability(2)) {
      try LossCurve(.binaryCrossEntropy, target: 2)
    }
    #expect(throws: LossCurve.Problem.targetNotAProbability(-1)) {
      try LossCurve.curves(.binaryCrossEntropy, target: -1)
    }
    #expect(throws: LossCurve.Problem.targetNotUsed) {
      try LossCurve(.categoricalCrossEntropy, target: 1)
    }
    #expect(throws: LossCurve.Problem.targetOutOfRange(.infinity)) {
      try LossCurve(.meanSquaredError, target: .infinity)
    }
    #expect(throws: (any Error).self) { try LossCurve(.meanSquaredError, target: .nan) }
    #expect(throws: (any Error).self) { try LossCurve(.binaryCrossEntropy, target: .nan) }
  }

  @Test func formulasAreWrittenInBothSpellings() {
    for loss in Loss.allCases {
      #expect(loss.formula.ascii.unicodeScalars.allSatisfy { $0.isASCII })
      #expect(loss.formula.text.hasPrefix(loss.rawValue + " = "))
    }
  }
}
