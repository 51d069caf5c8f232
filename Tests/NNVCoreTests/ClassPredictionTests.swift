import Foundation
import NNVCore
import Testing

@Suite struct ClassPredictionTests {
  func read(_ row: [Double], _ reading: ClassPrediction.Reading) -> ClassPrediction {
    ClassPrediction(row, reading: reading)
  }

  @Test func oneProbabilityPredictsClassOneAboveAHalf() {
    #expect(
      read([0.8], .probabilities) == ClassPrediction(label: 1, value: 0.8, isProbability: true))
    let low = read([0.25], .probabilities)
    #expect(low.label == 0 && low.value == 0.75 && low.probability == 0.75)
    // Exactly a half is not above it: class 0, as sure as not.
    #expect(
      read([0.5], .probabilities) == ClassPrediction(label: 0, value: 0.5, isProbability: true))
  }

  @Test func oneLogitGoesThroughASigmoid() {
    // σ(ln 3) = 3 / (1 + 3) = 0.75; σ(-ln 3) = 0.25, so class 0 with 0.75.
    let up = read([log(3)], .logits)
    #expect(up.label == 1 && abs(up.value - 0.75) < 1e-12 && up.isProbability)
    let down = read([-log(3)], .logits)
    #expect(down.label == 0 && abs(down.value - 0.75) < 1e-12)
    #expect(read([0], .logits) == ClassPrediction(label: 0, value: 0.5, isProbability: true))
  }

  @Test func severalLogitsGoThroughAStableSoftmax() {
    // softmax(0, ln 3) = (1/4, 3/4).
    let p = read([0, log(3)], .logits)
    #expect(p.label == 1 && abs(p.value - 0.75) < 1e-12)
    // Shifted by the largest score, scores near 1000 do not overflow exp.
    let large = read([1000, 1000 + log(3)], .logits)
    #expect(large.label == 1 && abs(large.value - 0.75) < 1e-9)
    // softmax(2, 2, 2 + ln 2) = (1/4, 1/4, 1/2); equal scores go to the first.
    let third = read([2, 2 + log(2), 2], .logits)
    #expect(third.label == 1 && abs(third.value - 0.5) < 1e-12)
    #expect(read([1, 1], .logits) == ClassPrediction(label: 0, value: 0.5, isProbability: true))
  }

  @Test func severalProbabilitiesAndValues() {
    #expect(
      read([0.2, 0.7, 0.1], .probabilities)
        == ClassPrediction(label: 1, value: 0.7, isProbability: true))
    #expect(read([1, 3, 2], .values) == ClassPrediction(label: 1, value: 3, isProbability: false))
    let value = read([2.5], .values)
    #expect(value.label == 0 && value.value == 2.5 && value.probability == nil)
    let empty = read([], .logits)
    #expect(empty.label == 0 && empty.value.isNaN && !empty.isProbability)
  }

  @Test func theReadingFollowsTheLastActivation() {
    func reading(_ a: Activation?, _ outputs: Int, _ classifier: Bool) -> ClassPrediction.Reading {
      ClassPrediction.reading(lastActivation: a, outputs: outputs, classifier: classifier)
    }
    // A classifier's outputs are probabilities after a sigmoid or softmax, else logits.
    #expect(reading(.sigmoid, 1, true) == .probabilities)
    #expect(reading(.sigmoid, 3, true) == .probabilities)
    #expect(reading(.softmax, 3, true) == .probabilities)
    #expect(reading(.linear, 1, true) == .logits)
    #expect(reading(.relu, 3, true) == .logits)
    #expect(reading(nil, 2, true) == .logits)
    // Any model: probabilities from one sigmoid unit or a softmax over several.
    #expect(reading(.sigmoid, 1, false) == .probabilities)
    #expect(reading(.softmax, 3, false) == .probabilities)
    #expect(reading(.sigmoid, 3, false) == .values)
    #expect(reading(.softmax, 1, false) == .values)
    #expect(reading(.linear, 1, false) == .values)
    #expect(reading(.tanh, 4, false) == .values)
  }

  @Test func everyRowOfABatch() throws {
    let output = try Tensor(shape: [3, 2], scalars: [0, Float(log(3.0)), 5, 5, -1, -2])
    let predictions = try ClassPrediction.predictions(output, reading: .logits)
    #expect(predictions.map(\.label) == [1, 0, 0])
    #expect(abs(predictions[0].value - 0.75) < 1e-6)
    #expect(predictions[1].value == 0.5)
    // softmax(-1, -2)[0] = 1 / (1 + e^-1).
    #expect(abs(predictions[2].value - 1 / (1 + exp(-1))) < 1e-7)
  }

  @Test func aModelsPredictionsDependOnWhetherItClassifies() throws {
    // Output = the input: logits for a classifier, values otherwise.
    let model = try InspectionFixtures.model(
      2, [InspectionFixtures.dense(2, 2, .linear, weights: [1, 0, 0, 1], bias: [0, 0])])
    let inputs = try Tensor(shape: [2, 2], scalars: [0, Float(log(3.0)), 4, 1])
    let classified = try ClassPrediction.predict(model, inputs, classifier: true)
    #expect(classified.map(\.label) == [1, 0])
    #expect(abs(classified[0].value - 0.75) < 1e-6 && classified[0].isProbability)
    let read = try ClassPrediction.predict(model, inputs, classifier: false)
    #expect(read.map(\.label) == [1, 0])
    #expect(read[1] == ClassPrediction(label: 0, value: 4, isProbability: false))
  }
}
