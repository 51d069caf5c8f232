import NNVCore
import NNVTestSupport
import Testing

/// Attribution of one step of a sequence model's output to the steps and features before it.
@Suite struct SequenceAttributionTests {
  /// A small causal model over sequences of 6 steps of 3 features, with a row of 3 classes at
  /// every step.
  func model(_ cell: RecurrentCell = .lstm, sequences: Bool = true) throws -> Sequential {
    var model = try Sequential(name: "reader", inputShape: [6, 3])
    try model.append(
      Recurrent(cell, inputSize: 3, units: 5, returnsSequences: sequences, seed: 31))
    try model.append(Dense(inputSize: 5, outputSize: 3, activation: .softmax, seed: 32))
    return model
  }

  /// The score (logit) of `target` at `step` for one sample.
  func score(_ model: Sequential, _ x: Tensor, step: Int, target: Int) throws -> Double {
    var context = ForwardContext.inference
    let constants = model.parameters.map { $0.map { Variable($0) } }
    let out = try model.forward(
      Variable(try x.reshaped([1] + x.shape)), parameters: constants, context: &context,
      stopBeforeFinalActivation: true
    ).value.scalars
    let width = model.outputShape.last ?? 1
    let row = model.outputShape.count == 2 ? step : 0
    return Double(out[row * width + target])
  }

  @Test func oneStepsGradientMatchesFiniteDifferences() throws {
    for cell in [RecurrentCell.lstm, .gru, .rnn(.tanh)] {
      let model = try self.model(cell)
      let x = randomTensor([6, 3], seed: 33)
      let (step, target) = (3, 1)
      let attribution = try Attributor.attribute(
        model, inputs: x, method: .gradient(absolute: false), step: step, targets: [target])
      #expect(attribution.step == step && attribution.targets == [target])
      let h: Float = 1e-2
      var worst = 0.0
      for e in 0..<x.count {
        var plus = x
        var minus = x
        plus.scalars[e] += h
        minus.scalars[e] -= h
        let numeric =
          (try score(model, plus, step: step, target: target)
            - score(model, minus, step: step, target: target)) / Double(2 * h)
        let analytic = Double(attribution.values.scalars[e])
        worst = max(worst, abs(analytic - numeric) - (1e-3 + 2e-2 * abs(numeric)))
      }
      #expect(worst <= 0, "\(cell): gradient off finite differences by \(worst)")
      // The score explained is the one at that step and class.
      #expect(
        abs(Double(attribution.scores[0]) - (try score(model, x, step: step, target: target)))
          < 1e-5)
    }
  }

  @Test func stepsAfterTheExplainedOneGetNothing() throws {
    let model = try self.model()
    let x = randomTensor([4, 6, 3], seed: 34)
    for method in [AttributionMethod.gradient(absolute: false), .integratedGradients] {
      let attribution = try Attributor.attribute(model, inputs: x, method: method, step: 2)
      let steps = attribution.perStep(of: x)
      #expect(steps.count == 4)
      for row in steps {
        #expect(row[3...].allSatisfy { $0 == 0 }, "\(method.description): \(row)")
        #expect(row[...2].contains { $0 != 0 })
      }
    }
  }

  @Test func theClassExplainedIsTheOnePredictedAtThatStep() throws {
    let model = try self.model()
    let x = randomTensor([5, 6, 3], seed: 35)
    let outputs = try model.predict(x)
    let attribution = try Attributor.attribute(
      model, inputs: x, method: .gradient(absolute: false), step: 4)
    for i in 0..<5 {
      let row = (0..<3).map { outputs.scalars[(i * 6 + 4) * 3 + $0] }
      let best = row.indices.max { row[$0] < row[$1] }
      #expect(attribution.targets[i] == best)
    }
  }

  @Test func aModelThatPredictsAtTheEndIsExplainedThere() throws {
    let model = try self.model(sequences: false)
    let x = randomTensor([6, 3], seed: 36)
    let last = try Attributor.attribute(
      model, inputs: x, method: .gradient(absolute: false), step: 5, targets: [2])
    let plain = try Attributor.attribute(
      model, inputs: x, method: .gradient(absolute: false), targets: [2])
    #expect(last.values == plain.values)
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(model, inputs: x, method: .gradient(absolute: false), step: 2)
    }
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(self.model(), inputs: x, method: .gradientTimesInput, step: 6)
    }
  }

  @Test func aOneHotStepShowsItsHotFeature() throws {
    let values = try Tensor(shape: [1, 3, 2], scalars: [0.5, -2, 1, 3, 0.25, 0.25])
    let inputs = try Tensor(shape: [1, 3, 2], scalars: [0, 1, 1, 0, 0.5, 0])
    let attribution = Attribution(
      values: values, targets: [0], scores: [0], method: .gradient(absolute: false),
      completenessGaps: nil)
    // Steps 0 and 1 are one-hot: their hot feature's value; step 2 is not: the sum.
    #expect(attribution.perStep(of: inputs) == [[-2, 1, 0.5]])
  }
}
