import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Long core work polls the running work's cancellation token and stops with
/// `CancellationError` at the very poll where the token was cancelled. Tokens that cancel
/// themselves at a given poll stand in for a Ctrl-C, so nothing here depends on timing.
@Suite struct CancellationTests {
  /// How many times `body` polls when nothing cancels it.
  func polls(_ body: () throws -> Void) throws -> Int {
    let token = CancellationToken()
    try Cancellation.run(with: token, body)
    return token.pollCount
  }

  /// Counts the polls of `body`, expects at least `minimum`, then cancels it halfway and
  /// expects it to stop there with `CancellationError`.
  func expectStopsHalfway(
    _ what: String, minimum: Int, _ body: () throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let total = try polls(body)
    #expect(total >= minimum, "\(what) polled \(total) times", sourceLocation: sourceLocation)
    let trip = Swift.max(1, total / 2)
    let token = CancellationToken(cancellingAtPoll: trip)
    #expect(throws: CancellationError.self, "\(what)", sourceLocation: sourceLocation) {
      try Cancellation.run(with: token, body)
    }
    #expect(token.pollCount == trip, "\(what) went on polling", sourceLocation: sourceLocation)
  }

  /// A small image classifier: 4×4 inputs as 16 features.
  func imageModel() throws -> Sequential {
    var model = try Sequential(inputShape: [16])
    try model.append(Dense(inputSize: 16, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 3, activation: .softmax, seed: 2))
    return model
  }

  @Test func aTokenCancelsItselfAtItsPollAndOnlyPollsCount() {
    let token = CancellationToken(cancellingAtPoll: 3)
    #expect(!token.poll())
    #expect(!token.poll())
    #expect(!token.isCancelled)
    #expect(token.poll())
    #expect(token.isCancelled && token.pollCount == 3)
    token.reset()
    #expect(!token.poll())
    #expect(token.pollCount == 4)
    // Outside `Cancellation.run` nothing is cancelled.
    #expect(throws: Never.self) { try Cancellation.check() }
  }

  @Test func everyAttributionMethodStopsWhereItIsCancelled() throws {
    let model = try imageModel()
    let x = randomTensor([20, 16], seed: 3)
    let methods: [AttributionMethod] = [
      .gradient(absolute: false), .gradientTimesInput,
      .smoothGrad(samples: 500, noise: 0.1, variant: .mean),
      .smoothGrad(samples: 500, noise: 0.1, variant: .squared),
      .smoothGrad(samples: 500, noise: 0.1, variant: .variance),
      .integratedGradients(steps: 500, baseline: .zeros),
      .occlusion(patch: 2, stride: 1, fill: 0),
    ]
    for method in methods {
      try expectStopsHalfway(method.description, minimum: 2) {
        _ = try Attributor.attribute(model, inputs: x, method: method, memoryBudget: 16 << 10)
      }
    }
    try expectStopsHalfway("sanity check", minimum: 4) {
      _ = try SanityCheck.run(model, inputs: x, method: .integratedGradients)
    }
  }

  @Test func tenThousandNoisyCopiesOfEveryDigitStartInChunks() throws {
    // 1,797 × 10,000 copies of 64 pixels would be 4.6 GB in one piece; in chunks the work
    // starts at once and stops at the first poll after the cancellation.
    let digits = try BundledDatasets.digits()
    var model = try Sequential(inputShape: [64])
    try model.append(Dense(inputSize: 64, outputSize: 32, activation: .relu, seed: 1))
    try model.append(Dense(inputSize: 32, outputSize: 10, activation: .softmax, seed: 2))
    let token = CancellationToken(cancellingAtPoll: 12)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) {
        _ = try Attributor.attribute(
          model, inputs: digits.features,
          method: .smoothGrad(samples: 10_000, noise: 0.15, variant: .mean))
      }
    }
    #expect(token.pollCount == 12)
  }

  @Test func dataWorkPollsAsItGoes() throws {
    try expectStopsHalfway("xor", minimum: 15) {
      _ = try SyntheticDatasets.xor(n: 1_000_000, seed: 1)
    }
    try expectStopsHalfway("spiral", minimum: 15) {
      _ = try SyntheticDatasets.spiral(n: 1_000_000, classes: 3, seed: 1)
    }
    let big = try SyntheticDatasets.gauss(n: 400_000, classes: 3, seed: 2)
    try expectStopsHalfway("split", minimum: 8) { _ = try big.split(test: 0.25, seed: 3) }
    let wide = Tensor.zeros([600_000, 4])
    try expectStopsHalfway("standardizer", minimum: 4) {
      _ = try Standardizer(fitting: wide).apply(wide)
    }
    let text =
      "a,b,label\n"
      + (0..<3000).map { "\($0),\($0 % 7),c\($0 % 3)" }
      .joined(separator: "\n")
    try expectStopsHalfway("csv", minimum: 3000) { _ = try CSVLoader.parse(text) }
  }

  @Test func sequenceDataPollsAsItGoes() throws {
    try expectStopsHalfway("parity", minimum: 15) {
      _ = try SequenceDatasets.parity(n: 200_000, length: 16, seed: 1)
    }
    try expectStopsHalfway("brackets", minimum: 15) {
      _ = try SequenceDatasets.brackets(n: 100_000, length: 20, seed: 1)
    }
    try expectStopsHalfway("waves", minimum: 15) {
      _ = try SequenceDatasets.waves(n: 100_000, length: 32, seed: 1)
    }
    let book = String(repeating: "abcdefgh\n", count: 500_000)
    try expectStopsHalfway("text", minimum: 8) {
      _ = try TextDatasets.text(book, window: 8, step: 64)
    }
    let labelled = try SequenceDatasets.parity(n: 300_000, length: 8, seed: 2)
    try expectStopsHalfway("one-hot targets at every step", minimum: 4) {
      _ = try labelled.targets(outputShape: [8, 2])
    }
  }

  @Test func predictionsAndEvaluationPollBetweenChunks() throws {
    var model = try Sequential(inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 8, activation: .relu, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 3, activation: .softmax, seed: 2))
    let data = try SyntheticDatasets.gauss(n: 50_000, classes: 3, seed: 1)
    try expectStopsHalfway("predict", minimum: 20) { _ = try model.predict(data.features) }
    try expectStopsHalfway("evaluate", minimum: 40) {
      _ = try Metrics.evaluate(model, on: data, loss: .categoricalCrossEntropy)
    }
    // Predicting in chunks gives the rows of predicting one by one.
    let whole = try model.predict(data.features)
    for i in [0, 4095, 4096, 49_999] {
      let row = try model.predict(try data.features.row(i))
      for (a, b) in zip(row.scalars, try whole.row(i).scalars) { #expect(abs(a - b) < 1e-6) }
    }
  }

  @Test func cancelledTrainingKeepsTheWeightsOfAFinishedBatch() throws {
    let data = try SyntheticDatasets.xor(n: 64, noise: 0.1, seed: 1)
    let validation = try SyntheticDatasets.xor(n: 40, seed: 2)
    func fresh() throws -> Sequential {
      var model = try Sequential(inputShape: [2])
      try model.append(Dense(inputSize: 2, outputSize: 6, activation: .tanh, seed: 3))
      try model.append(Dense(inputSize: 6, outputSize: 1, activation: .sigmoid, seed: 4))
      return model
    }
    let options = TrainingOptions(
      epochs: 4, batchSize: 16, loss: .binaryCrossEntropy, seed: 5, validation: validation)
    let total = try polls {
      var model = try fresh()
      try Trainer.train(&model, on: data, optimizer: Adam(learningRate: 0.02), options: options)
    }
    #expect(total >= 4 * 4 * 2)
    for trip in 1..<total {
      var interrupted = try fresh()
      let token = CancellationToken(cancellingAtPoll: trip)
      let outcome = try Cancellation.run(with: token) {
        try Trainer.train(
          &interrupted, on: data, optimizer: Adam(learningRate: 0.02), options: options)
      }
      #expect(token.pollCount == trip)
      guard case .stopped(let epoch, let batch) = outcome else {
        Issue.record("poll \(trip) of \(total) did not stop training: \(outcome)")
        continue
      }
      // The same run stopped by its observer after that batch.
      var reference = try fresh()
      if batch > 0 {
        try Trainer.train(
          &reference, on: data, optimizer: Adam(learningRate: 0.02), options: options
        ) { event in
          guard case .batchEnded(epoch, batch, _, _) = event else { return .proceed }
          return .stop
        }
      }
      #expect(interrupted.parameters == reference.parameters, "stopped at poll \(trip)")
    }
  }

  @Test func chunkedAttributionEqualsOneBatch() throws {
    let model = try imageModel()
    let x = randomTensor([5, 16], seed: 4)
    let mean = try x.mean(axis: 0)
    let methods: [AttributionMethod] = [
      .smoothGrad(samples: 7, noise: 0.2, variant: .mean),
      .smoothGrad(samples: 7, noise: 0.2, variant: .squared),
      .smoothGrad(samples: 7, noise: 0.2, variant: .variance),
      .integratedGradients(steps: 9, baseline: .zeros),
      .integratedGradients(steps: 6, baseline: .sample(mean)),
      .occlusion(patch: 2, stride: 1, fill: 0),
      .occlusion(patch: 1, stride: 1, fill: 0.5),
    ]
    for method in methods {
      let whole = try Attributor.attribute(model, inputs: x, method: method, seed: 11)
      // 1 byte: one row a pass; 700 and 3,000 bytes: chunks that split an input's copies.
      for budget in [1, 700, 3000] {
        let chunked = try Attributor.attribute(
          model, inputs: x, method: method, seed: 11, memoryBudget: budget)
        #expect(chunked.targets == whole.targets)
        let worst =
          zip(chunked.values.scalars, whole.values.scalars)
          .map { abs($0 - $1) / Swift.max(1, abs($1)) }.max() ?? .infinity
        #expect(worst < 1e-5, "\(method.description), budget \(budget): differs by \(worst)")
        let gaps = zip(chunked.completenessGaps ?? [], whole.completenessGaps ?? [])
        #expect(gaps.allSatisfy { abs($0 - $1) < 1e-5 })
        #expect((chunked.completenessGaps == nil) == (whole.completenessGaps == nil))
      }
    }
  }

  @Test func integratedGradientsStaysCompleteInTinyChunks() throws {
    // A linear model's integrated gradients are exact, whatever the chunks.
    var model = try Sequential(inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 7))
    let x = randomTensor([6, 4], seed: 1)
    let result = try Attributor.attribute(
      model, inputs: x, method: .integratedGradients(steps: 50, baseline: .zeros),
      memoryBudget: 1)
    #expect(try #require(result.completenessGaps).allSatisfy { $0 < 1e-5 })
  }

  @Test func stableArgsortOrdersByKeyThenIndex() throws {
    var random = RandomGenerator(seed: 9)
    // Keys sharing their high bits and repeated keys take the exact path after the sort.
    let keys = (0..<200_000).map { i -> UInt64 in
      let r = random.next()
      return i % 3 == 0 ? r & 0xFFFF_0000_0000_0000 : i % 3 == 1 ? r & 0xFF : r
    }
    let expected = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
    #expect(RandomGenerator.stableArgsort(keys) == expected)
    // A permutation is the stable argsort of fresh outputs, polled or not.
    var a = RandomGenerator(seed: 4)
    var b = RandomGenerator(seed: 4)
    var c = RandomGenerator(seed: 4)
    let fresh = (0..<150_000).map { _ in c.next() }
    let permutation = a.permutation(150_000)
    #expect(permutation == RandomGenerator.stableArgsort(fresh))
    #expect(try b.cancellablePermutation(150_000) == permutation)
    #expect(fresh.indices.sorted { fresh[$0] < fresh[$1] } == permutation)
  }
}

extension CancellationTests {
  @Test func standardizingALargeBatchIsTheVariableFormExactly() throws {
    let x = randomTensor([300_000, 4], seed: 6)
    let standardizer = try Standardizer(fitting: x)
    let direct = try standardizer.apply(x)
    let variable = try standardizer.apply(Variable(x)).value
    #expect(direct == variable)
  }
}
