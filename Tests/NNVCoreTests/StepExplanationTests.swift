import Foundation
import NNVCore
import Testing

/// One explained gradient step on the tiny network: backpropagation's gradients against the
/// chain rule written out by hand and against finite differences, the update against
/// w − lr·g.
@Suite struct StepExplanationTests {
  typealias F = ExplanationFixtures

  /// The gradient of the mean binary cross-entropy over the points, by the chain rule:
  /// dL/dz = p − y at the output, dL/dz_j = (p − y)·w2_j·(1 − a_j²) in the hidden layer.
  static func handGradients(_ points: [(Double, Double, Double)]) -> (w1: [Double], w2: [Double]) {
    var (w1, w2) = ([Double](repeating: 0, count: 4), [Double](repeating: 0, count: 2))
    let n = Double(points.count)
    for (x1, x2, y) in points {
      let h = F.Hand(x1, x2)
      let dz = h.p - y
      w2[0] += dz * h.a1 / n
      w2[1] += dz * h.a2 / n
      let d1 = dz * 1 * (1 - h.a1 * h.a1)
      let d2 = dz * -2 * (1 - h.a2 * h.a2)
      w1[0] += x1 * d1 / n
      w1[1] += x1 * d2 / n
      w1[2] += x2 * d1 / n
      w1[3] += x2 * d2 / n
    }
    return (w1, w2)
  }

  static let points: [(Double, Double, Double)] = [(1, 0.5, 1), (-1, 1, 0), (0.5, -0.5, 1)]

  @Test func theStepFollowsTheChainRuleAndTheUpdateRule() throws {
    var net = try F.net()
    let step = try StepExplanation.take(
      &net, on: try F.points(), optimizer: SGD(learningRate: 0.5),
      settings: .init(batch: 3, loss: .binaryCrossEntropy))
    let hand = Self.handGradients(Self.points)
    let loss = Self.points.map { F.Hand($0.0, $0.1).loss($0.2) }.reduce(0, +) / 3
    #expect(abs(Double(step.lossBefore) - loss) < 1e-5)
    #expect(step.samples == 3 && step.isPlainDescent && step.penaltyBefore == 0)
    // One update per layer: its weight with the largest |gradient|, named as `weights` counts.
    #expect(step.updates.count == 2)
    for update in step.updates {
      let grads = update.name.layer == 1 ? hand.w1 : hand.w2
      let largest = grads.indices.max { abs(grads[$0]) < abs(grads[$1]) } ?? 0
      #expect(update.position.element == largest)
      #expect(abs(Double(update.gradient) - grads[largest]) < 1e-6)
      #expect(update.new == update.old - 0.5 * update.gradient)
      let fixture = update.name.layer == 1 ? F.w1 : F.w2
      #expect(update.old == fixture[largest])
    }
    let kept = net.layers[1].parameters[0].scalars
    for i in 0..<2 { #expect(abs(Double(kept[i]) - (Double(F.w2[i]) - 0.5 * hand.w2[i])) < 1e-6) }
    #expect(step.lossAfter < step.lossBefore)
    #expect(net.history.epochs.isEmpty)
  }

  @Test func finiteDifferencesAgreeWithBackpropagation() throws {
    var net = try F.net()
    let step = try StepExplanation.take(
      &net, on: try F.points(), optimizer: SGD(learningRate: 0.1),
      settings: .init(batch: 3, loss: .binaryCrossEntropy))
    let check = try #require(step.check)
    let hand = Self.handGradients(Self.points)
    let all = hand.w1 + hand.w2
    let largest = all.indices.max { abs(all[$0]) < abs(all[$1]) } ?? 0
    #expect(
      check.name.description
        == (largest < 4
          ? "w1[\(largest / 2 + 1),\(largest % 2 + 1)]"
          : "w2[\(largest - 3),1]"))
    #expect(abs(Double(check.backprop) - all[largest]) < 1e-6)
    #expect(check.h == 1.0 / 256)
    #expect(abs(check.numeric - all[largest]) < 1e-3 * abs(all[largest]))
    #expect(check.relativeError < 1e-3 && check.agrees)
  }

  @Test func penaltiesClippingAndDropoutAreTrainingsOwn() throws {
    var net = try F.net()
    var layers = net.layers
    net = try Sequential(name: "net", inputShape: [2])
    try net.append(layers.removeFirst())
    try net.append(try Dropout(rate: 0.5))
    try net.append(layers.removeFirst())
    let settings = StepExplanation.Settings(
      batch: 2, loss: .binaryCrossEntropy, l2: 0.1, clip: 0.01, seed: 5)
    let step = try StepExplanation.take(
      &net, on: try F.points(), optimizer: SGD(learningRate: 1), settings: settings)
    // The penalty 0.1·Σw² of the fixture's weights before the step.
    let squares = (F.w1 + F.w2).map { Double($0 * $0) }.reduce(0, +)
    #expect(abs(Double(step.penaltyBefore) - 0.1 * squares) < 1e-6)
    #expect(step.clippedTo == 0.01 && step.gradientNorm > 0.01)
    // Clipped to a global norm of 0.01, no weight moves further than that.
    for update in step.updates { #expect(abs(update.new - update.old) <= 0.01 + 1e-7) }
    // The same dropout masks for every loss: the difference quotient still agrees.
    let check = try #require(step.check)
    #expect(check.relativeError < 1e-2)
    #expect(step.layers.map(\.layer) == [1, 2] && step.layers[0].weights == 4)
  }

  @Test func aStepThatCannotBeTakenLeavesTheModelAsItWas() throws {
    var net = try F.net()
    #expect(throws: TrainingError.self) {
      try StepExplanation.take(
        &net, on: try F.points(), optimizer: SGD(),
        settings: .init(batch: 2, loss: .categoricalCrossEntropy))
    }
    #expect(throws: TrainingError.self) {
      try StepExplanation.take(
        &net, on: try F.points(), optimizer: SGD(learningRate: 1e12),
        settings: .init(batch: 3, loss: .binaryCrossEntropy))
    }
    #expect(net.parameters == (try F.net()).parameters)
  }

  @Test func weightNamesFollowTheLayersAndTensors() throws {
    let net = try F.net()
    let w = WeightName(net, position: ParameterPosition(layer: 0, parameter: 0, element: 3))
    #expect(w?.description == "w1[2,2]")
    let b = WeightName(net, position: ParameterPosition(layer: 1, parameter: 1, element: 0))
    #expect(b?.description == "b2[1]")
    #expect(WeightName(net, position: ParameterPosition(layer: 2, parameter: 0, element: 0)) == nil)
    #expect(FiniteDifferenceCheck.step(for: 0.3) == 1.0 / 256)
    #expect(FiniteDifferenceCheck.step(for: 3) == 4.0 / 256)
  }
}
