import NNVCore
import Testing

/// Training and measuring a model that predicts at every step (`StepDense`, a test-only
/// layer), on data with a target at every step: the loss, accuracy and confusion count every
/// step.
@Suite struct StepTrainingTests {
  static func model(classes: Int = 3, seed: UInt64 = 4) throws -> Sequential {
    var model = try Sequential(name: "copier", inputShape: [5, classes])
    try model.append(StepDense(inputs: classes, units: classes, activation: .softmax, seed: seed))
    return model
  }

  /// The fraction of steps whose largest output is the label, computed here from `predict`.
  static func stepAccuracy(_ model: Sequential, _ data: Dataset) throws -> Double {
    let output = try model.predict(data.features)
    let units = model.outputShape[1]
    var correct = 0
    for (k, label) in data.labels.enumerated() {
      let scores = output.scalars[(k * units)..<((k + 1) * units)]
      let best = scores.indices.max { scores[$0] < scores[$1] } ?? -1
      if best - k * units == label { correct += 1 }
    }
    return Double(correct) / Double(data.labels.count)
  }

  @Test func accuracyCountsEveryStep() throws {
    let data = try StepTargetsTests.copies(n: 40)
    let model = try Self.model()
    let measured = try Metrics.evaluate(model, on: data, loss: .categoricalCrossEntropy)
    let accuracy = try #require(measured.accuracy)
    #expect(abs(Double(accuracy) - (try Self.stepAccuracy(model, data))) < 1e-6)
    #expect(measured.loss.isFinite && measured.loss > 0)
    let confusion = try ConfusionCounts(model, on: data)
    #expect(confusion.total == 200)
    #expect(abs((confusion.accuracy ?? -1) - Double(accuracy)) < 1e-6)
  }

  @Test func aModelLearnsToPredictEveryStep() throws {
    let parts = try StepTargetsTests.copies(n: 200).split(test: 0.25, seed: 2)
    var model = try Self.model()
    let before = try Self.stepAccuracy(model, parts.test)
    let options = TrainingOptions(
      epochs: 40, batchSize: 16, loss: .categoricalCrossEntropy, validation: parts.test,
      recorders: [])
    let outcome = try Trainer.train(
      &model, on: parts.train, optimizer: Adam(learningRate: 0.05), options: options)
    #expect(outcome == .completed(epochs: 40))
    let last = try #require(model.history.last)
    #expect((last.accuracy ?? 0) == 1, "training accuracy over every step")
    #expect((last.validationAccuracy ?? 0) == 1)
    #expect(before < 0.9)
    #expect((try Self.stepAccuracy(model, parts.test)) == 1)
    let first = try #require(model.history.epochs.first)
    #expect(last.loss < first.loss)
  }

  @Test func aModelWithoutAnOutputAtEveryStepIsRefused() throws {
    let data = try StepTargetsTests.copies(n: 20)
    var flat = try Sequential(name: "flat", inputShape: [5, 3])
    try flat.append(Flatten())
    try flat.append(Dense(inputSize: 15, outputSize: 15, activation: .softmax, seed: 1))
    let options = TrainingOptions(epochs: 1, loss: .categoricalCrossEntropy)
    #expect {
      try Trainer.train(&flat, on: data, optimizer: Adam(learningRate: 0.01), options: options)
    } throws: { error in
      guard case TrainingError.incompatibleLoss(let problem) = error else { return false }
      return problem.message.contains("each of its 5 steps")
    }
    #expect(throws: TrainingError.self) {
      try Metrics.evaluate(flat, on: data, loss: .categoricalCrossEntropy)
    }
  }
}
