import Foundation
import NNVCore
import Testing

/// The forward pass of one sample, checked against the tiny network worked out by hand.
@Suite struct ForwardExplanationTests {
  typealias F = ExplanationFixtures

  @Test func everyNeuronMatchesTheHandComputation() throws {
    let explanation = try ForwardExplanation(
      try F.net(), on: try F.points(), index: 0, loss: .binaryCrossEntropy)
    let hand = F.Hand(1, 0.5)
    #expect(explanation.input == [1, 0.5])
    #expect(explanation.layers.count == 2)
    let first = explanation.layers[0]
    #expect(first.number == 1 && first.name == "dense_1" && first.written == "dense 2 tanh")
    #expect(first.input == [1, 0.5])
    #expect(abs(Double(first.preActivation[0]) - hand.z1) < 1e-6)  // 0.725
    #expect(abs(Double(first.preActivation[1]) - hand.z2) < 1e-6)  // −0.075
    #expect(abs(Double(first.output[0]) - hand.a1) < 1e-6)
    #expect(abs(Double(first.output[1]) - hand.a2) < 1e-6)
    // The terms w·x of unit 1: 0.5·1 and 0.25·0.5.
    #expect(first.terms(ofUnit: 0) == [0.5, 0.125])
    #expect(first.terms(ofUnit: 1) == [-0.25, 0.375])
    #expect(first.largestTerms(ofUnit: 1, count: 1) == [1])
    let second = explanation.layers[1]
    #expect(second.number == 2 && second.input == first.output)
    #expect(abs(Double(second.preActivation[0]) - hand.z) < 1e-6)
    #expect(abs(Double(second.output[0]) - hand.p) < 1e-6)
  }

  @Test func predictionAndLossAreTheModelsOwn() throws {
    let explanation = try ForwardExplanation(
      try F.net(), on: try F.points(), index: 0, loss: .binaryCrossEntropy)
    let hand = F.Hand(1, 0.5)
    let prediction = explanation.prediction
    #expect(prediction.reading == .probabilities)
    #expect(prediction.prediction.label == (hand.p > 0.5 ? 1 : 0))
    #expect(abs((prediction.probabilities?[1] ?? 0) - hand.p) < 1e-6)
    #expect(prediction.className(1) == "yes")
    let target = try #require(explanation.target)
    #expect(target.label == 1 && target.loss == .binaryCrossEntropy && target.fromLogits)
    #expect(abs(Double(target.value) - hand.loss(1)) < 1e-5)
    // The same loss `evaluate` reports for that one sample.
    let one = try F.points().subset([0])
    let evaluated = try Metrics.evaluate(try F.net(), on: one, loss: .binaryCrossEntropy)
    #expect(abs(evaluated.loss - target.value) < 1e-6)
  }

  @Test func standardizationIsAppliedAndShown() throws {
    var net = try F.net()
    net.standardizer = Standardizer(mean: [1, 0], deviation: [2, 0.5])
    let explanation = try ForwardExplanation(net, sample: Tensor([3, 0.25]))
    // (3 − 1) / 2 = 1 and (0.25 − 0) / 0.5 = 0.5: the first layer sees the fixture's point.
    #expect(explanation.standardized == [1, 0.5])
    #expect(explanation.layers[0].input == [1, 0.5])
    #expect(abs(Double(explanation.layers[1].output[0]) - F.Hand(1, 0.5).p) < 1e-6)
    #expect(explanation.target == nil)
  }

  @Test func softmaxLayersCarryTheirDenominator() throws {
    let layer = try InspectionFixtures.dense(
      2, 3, .softmax, weights: [1, 0, -1, 0, 1, 0], bias: [0, 0, 0.5], name: "out")
    let net = try InspectionFixtures.model(2, [layer])
    let explanation = try ForwardExplanation(net, sample: Tensor([0.5, 1]), classifier: true)
    // z = [0.5, 1, 0], Σ e^z = e^0.5 + e^1 + e^0.
    let sum = exp(0.5) + exp(1.0) + 1
    let out = explanation.layers[0]
    #expect(abs((out.softmaxSum ?? 0) - sum) < 1e-5)
    #expect(abs(Double(out.output[1]) - exp(1) / sum) < 1e-6)
    #expect(out.strongestUnits(count: 2) == [1, 0])
    #expect(explanation.prediction.prediction.label == 1)
  }

  @Test func regressionTargetsGiveTheSquaredError() throws {
    let layer = try InspectionFixtures.dense(2, 1, .linear, weights: [2, -1], bias: [0.5])
    let net = try InspectionFixtures.model(2, [layer])
    let data = Dataset(
      name: "line", features: try Tensor(rows: [[1, 1], [0, 2]]),
      values: try Tensor(rows: [[2], [0]]))
    let explanation = try ForwardExplanation(net, on: data, index: 1, loss: .meanSquaredError)
    // z = 2·0 − 1·2 + 0.5 = −1.5 against 0: (−1.5)² = 2.25.
    #expect(explanation.prediction.reading == .values)
    #expect(explanation.prediction.output == [-1.5])
    #expect(explanation.target?.values == [0])
    #expect(explanation.target?.value == 2.25)
  }

  @Test func mistakesAreErrorsNamingTheProblem() throws {
    let net = try F.net()
    #expect(throws: LayerError.self) { try ForwardExplanation(net, sample: Tensor([1, 2, 3])) }
    #expect(throws: DataError.self) {
      try ForwardExplanation(net, on: try F.points(), index: 3, loss: .binaryCrossEntropy)
    }
    #expect(throws: TrainingError.self) {
      try ForwardExplanation(net, on: try F.points(), index: 0, loss: .categoricalCrossEntropy)
    }
  }

  @Test func layersWithoutWeightsAreSummarizedNotNumbered() throws {
    var cnn = try Sequential(name: "cnn", inputShape: [1, 4, 4])
    try cnn.append(try Conv2D(inputChannels: 1, filters: 2, kernelSize: 3, activation: .relu))
    try cnn.append(Flatten())
    try cnn.append(try Dense(inputSize: 8, outputSize: 2, activation: .softmax, seed: 1))
    let sample = try Tensor(shape: [1, 4, 4], scalars: (0..<16).map { Float($0) / 16 })
    let explanation = try ForwardExplanation(cnn, sample: sample, classifier: true)
    #expect(explanation.layers.map(\.number) == [1, nil, 2])
    #expect(explanation.layers[0].neurons == nil)  // a conv layer has no neuron equations
    #expect(explanation.layers[1].output == explanation.layers[0].output)
    #expect(explanation.layers[2].neurons?.inputs == 8)
    #expect(explanation.layers[0].outputShape == [2, 2, 2])
  }
}
