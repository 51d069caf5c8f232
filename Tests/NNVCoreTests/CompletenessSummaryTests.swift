import Foundation
import NNVCore
import Testing

@Suite struct CompletenessSummaryTests {
  typealias F = InspectionFixtures

  /// f(x) = tanh(x): the score is the last layer's output before its (linear) activation.
  func tanhModel() throws -> Sequential {
    try F.model(
      1,
      [
        F.dense(1, 1, .tanh, weights: [1], bias: [0], name: "t"),
        F.dense(1, 1, .linear, weights: [1], bias: [0], name: "out"),
      ])
  }

  @Test func oneTrapezoidStepMissesTheCurveOfATanh() throws {
    // With 1 step, IG of x = 2 from 0 is (f'(0) + f'(2)) / 2 · 2 = 1 + (1 − tanh²2) ≈ 1.07065,
    // while f(2) − f(0) = tanh 2 ≈ 0.96403: a gap of 0.10662, 11.06% of the change. The input 0
    // changes nothing, so it has a gap of 0 and no relative gap.
    let inputs = try Tensor(shape: [2, 1], scalars: [2, 0])
    let attribution = try Attributor.attribute(
      try tanhModel(), inputs: inputs, method: .integratedGradients(steps: 1, baseline: .zeros))
    let summary = try #require(try CompletenessSummary(attribution, model: try tanhModel()))
    #expect(summary.count == 2)
    #expect(abs(summary.largest - 0.106623) < 1e-5)
    #expect(abs(summary.mean - 0.053312) < 1e-5)
    #expect(abs((summary.largestRelative ?? 0) - 0.110602) < 1e-5)
    #expect(summary.meanRelative == summary.largestRelative)
    #expect(summary.needsMoreSteps)
  }

  @Test func aLinearModelHasNoGapAndOtherMethodsNoSummary() throws {
    // f(x) = x₁ + 2x₂ is integrated exactly by any number of steps.
    let model = try F.model(2, [F.dense(2, 1, .linear, weights: [1, 2], bias: [0])])
    let inputs = try Tensor(shape: [2, 2], scalars: [1, 1, -2, 0.5])
    let exact = try Attributor.attribute(
      model, inputs: inputs, method: .integratedGradients(steps: 4, baseline: .zeros))
    let summary = try #require(try CompletenessSummary(exact, model: model))
    #expect(summary.largest < 1e-5 && !summary.needsMoreSteps)
    let gradient = try Attributor.attribute(
      model, inputs: inputs, method: .gradient(absolute: false))
    #expect(try CompletenessSummary(gradient, model: model) == nil)
  }
}
