import NNVCore
import Testing

@Suite struct SanityVerdictTests {
  typealias Verdict = SanityCheck.Verdict

  @Test func theMapsPassBelowTheThresholdAndFailAtIt() {
    #expect(Verdict.threshold == 0.5)
    let below = Verdict(correlation: 0.49, featureCount: 10)
    #expect(below.outcome == .passed && below.passed && !below.isCoarse)
    #expect(below.correlation == 0.49 && below.threshold == 0.5 && below.featureCount == 10)
    let at = Verdict(correlation: 0.5, featureCount: 10)
    #expect(at.outcome == .failed && !at.passed)
    #expect(Verdict(correlation: 1, featureCount: 64).outcome == .failed)
    #expect(Verdict(correlation: .nan, featureCount: 64).outcome == .failed)
    #expect(Verdict(correlation: 0.3, featureCount: 10, threshold: 0.2).outcome == .failed)
  }

  @Test func oneFeatureCannotBeJudgedAndFewAreCoarse() {
    // One feature ranks alike whatever the weights, even with a low correlation.
    let one = Verdict(correlation: 0.1, featureCount: 1)
    #expect(one.outcome == .cannotJudge && !one.passed && !one.isCoarse)
    let four = Verdict(correlation: 0.2, featureCount: 4)
    #expect(four.outcome == .passed && four.isCoarse)
    #expect(Verdict(correlation: 0.9, featureCount: 2).isCoarse)
    #expect(!Verdict(correlation: 0.2, featureCount: 5).isCoarse)
  }

  @Test func theCheckGivesTheVerdictForItsInputs() throws {
    var model = try Sequential(name: "net", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 3))
    let inputs = try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 6 - 1 })
    let result = try SanityCheck.run(model, inputs: inputs, method: .gradient(absolute: false))
    #expect(result.verdict.featureCount == 4)
    #expect(result.verdict.correlation == result.meanRankCorrelation)
    #expect(result.verdict.passed == (result.meanRankCorrelation < 0.5))
    #expect(result.verdict.isCoarse)
  }

  @Test func constantTrainedMapsCannotBeJudged() throws {
    let constant = Verdict(correlation: 0, featureCount: 10, constantMaps: true)
    #expect(constant.outcome == .cannotJudge && constant.reason == .constantMaps)
    #expect(!constant.passed)
    #expect(Verdict(correlation: 0.1, featureCount: 1).reason == .singleFeature)
    #expect(Verdict(correlation: 0.1, featureCount: 10).reason == nil)
    // A model whose weights are all zero has a gradient of zero everywhere: nothing to rank.
    var model = try Sequential(name: "net", inputShape: [4])
    try model.append(
      Dense(inputSize: 4, outputSize: 3, activation: .relu, initializer: .zeros, seed: 1))
    let inputs = try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 6 - 1 })
    let result = try SanityCheck.run(model, inputs: inputs, method: .gradient(absolute: false))
    #expect(result.verdict.reason == .constantMaps)
  }

  @Test func convolutionWeightsAreRandomizedNotZeroed() throws {
    let weight = Tensor(shape: [4, 2, 3, 3]) { for k in 0..<$0.count { $0[k] = 0.5 } }
    let random = SanityCheck.randomized(weight, seed: 9)
    #expect(random.shape == [4, 2, 3, 3])
    #expect(random.scalars.contains { $0 != 0 })
    // Glorot uniform with fan in 2·9 and fan out 4·9: every value within ±√(6 / 54).
    let bound = Float((6.0 / 54.0).squareRoot())
    #expect(random.scalars.allSatisfy { abs($0) <= bound })
    #expect(SanityCheck.randomized(Tensor.zeros([4]), seed: 9).scalars == [0, 0, 0, 0])
  }
}
