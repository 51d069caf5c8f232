import NNVCore
import NNVTestSupport
import Testing

@Suite struct TrainingTests {
  func model(
    _ sizes: [Int], hidden: Activation, output: Activation, seed: UInt64 = 1
  ) throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [sizes[0]])
    for i in 1..<sizes.count {
      try model.append(
        Dense(
          inputSize: sizes[i - 1], outputSize: sizes[i],
          activation: i == sizes.count - 1 ? output : hidden, seed: seed + UInt64(i)))
    }
    return model
  }

  @Test func xorReachesFullTestAccuracy() throws {
    let parts = try SyntheticDatasets.xor(n: 400, seed: 7).split(test: 0.25, seed: 1)
    var net = try model([2, 8, 1], hidden: .tanh, output: .sigmoid)
    let options = TrainingOptions(epochs: 300, batchSize: 32, loss: .binaryCrossEntropy)
    let outcome = try Trainer.train(
      &net, on: parts.train, optimizer: Adam(learningRate: 0.03), options: options)
    #expect(outcome == .completed(epochs: 300))
    let accuracy = try Metrics.evaluate(net, on: parts.test, loss: .binaryCrossEntropy).accuracy
    #expect(accuracy == 1.0)
    #expect(net.history.epochs.count == 300)
  }

  @Test func spiralThreeClassesAbove95Percent() throws {
    let parts = try SyntheticDatasets.spiral(n: 600, classes: 3, noise: 0.1, seed: 3)
      .split(test: 0.25, seed: 2)
    var net = try model([2, 32, 32, 3], hidden: .relu, output: .softmax)
    let options = TrainingOptions(
      epochs: 300, batchSize: 32, loss: .categoricalCrossEntropy, validation: parts.test)
    try Trainer.train(&net, on: parts.train, optimizer: Adam(learningRate: 0.01), options: options)
    let accuracy = try #require(net.history.last?.validationAccuracy)
    #expect(accuracy > 0.95, "spiral test accuracy \(accuracy)")
  }

  @Test func irisAbove93PercentOnHeldOutSplit() throws {
    let parts = try BundledDatasets.iris().split(test: 0.3, seed: 4)
    var net = try model([4, 16, 3], hidden: .relu, output: .softmax)
    net.standardizer = try Standardizer(fitting: parts.train.features)
    let options = TrainingOptions(epochs: 200, batchSize: 16, loss: .categoricalCrossEntropy)
    try Trainer.train(&net, on: parts.train, optimizer: Adam(learningRate: 0.01), options: options)
    let accuracy = try #require(
      try Metrics.evaluate(net, on: parts.test, loss: .categoricalCrossEntropy).accuracy)
    #expect(accuracy > 0.93, "iris test accuracy \(accuracy)")
  }

  @Test func digitsDenseAbove95PercentOnHeldOutSplit() throws {
    let digits = try BundledDatasets.digits()
    #expect(digits.count == 1797 && digits.sampleShape == [64] && digits.classNames.count == 10)
    let parts = try digits.split(test: 0.25, seed: 5)
    var net = try model([64, 64, 10], hidden: .relu, output: .softmax)
    let options = TrainingOptions(epochs: 40, batchSize: 32, loss: .categoricalCrossEntropy)
    try Trainer.train(&net, on: parts.train, optimizer: Adam(learningRate: 0.005), options: options)
    let accuracy = try #require(
      try Metrics.evaluate(net, on: parts.test, loss: .categoricalCrossEntropy).accuracy)
    #expect(accuracy > 0.95, "digits test accuracy \(accuracy)")
  }

  @Test func sineRegressionFits() throws {
    let data = try SyntheticDatasets.sine(n: 300, noise: 0, seed: 6)
    var net = try model([1, 32, 32, 1], hidden: .tanh, output: .linear)
    let options = TrainingOptions(epochs: 300, batchSize: 32, loss: .meanSquaredError)
    try Trainer.train(&net, on: data, optimizer: Adam(learningRate: 0.01), options: options)
    let loss = try Metrics.evaluate(net, on: data, loss: .meanSquaredError).loss
    #expect(loss < 0.01, "sine mse \(loss)")
  }

  @Test func weightDistributionsUseLinearInterpolationBetweenRanks() {
    // numpy.percentile([0, 1, ..., 10], [0, 7, 16, 31, 50, 69, 84, 93, 100])
    let d = WeightDistribution(
      layer: "a", isBias: false, of: Tensor((0...10).map(Float.init).reversed()))
    let expected: [Float] = [0, 0.7, 1.6, 3.1, 5, 6.9, 8.4, 9.3, 10]
    for (got, want) in zip(d.values, expected) { #expect(abs(got - want) < 1e-5) }
    let empty = WeightDistribution(layer: "a", isBias: true, of: Tensor([Float.nan]))
    #expect(empty.values == Array(repeating: 0, count: WeightDistribution.percentiles.count))
  }

  @Test func longHistoriesKeepAnEvenSampleOfDistributions() {
    let d = WeightDistribution(layer: "a", isBias: false, values: [0])
    var history = TrainingHistory(
      epochs: (1...1000).map { EpochMetrics(run: 1, epoch: $0, loss: 1, weights: [d]) })
    history.thinWeightDistributions(limit: 256)
    let kept = history.epochs.filter { $0.weights != nil }.map(\.epoch)
    #expect(kept.count <= 256 && kept.count > 128)
    #expect(kept.last == 1000)
    #expect(kept.first == 1)
    // Evenly spread: no gap much wider than the average.
    let gaps = zip(kept, kept.dropFirst()).map { $1 - $0 }
    #expect((gaps.max() ?? 0) <= 2 * 1000 / kept.count + 2)
    #expect(history.epochs.count == 1000)
  }

  @Test func trainingRecordsWeightDistributionsEveryEpoch() throws {
    var net = try model([2, 4, 1], hidden: .tanh, output: .sigmoid)
    let options = TrainingOptions(epochs: 3, batchSize: 16, loss: .binaryCrossEntropy)
    _ = try Trainer.train(
      &net, on: try SyntheticDatasets.xor(n: 64, seed: 2), optimizer: Adam(learningRate: 0.05),
      options: options)
    let recorded = net.history.epochs.map { $0.weights ?? [] }
    #expect(recorded.map(\.count) == [4, 4, 4])
    let names = net.layers.map(\.name)
    #expect(recorded[2].map(\.layer) == [names[0], names[0], names[1], names[1]])
    #expect(recorded[2].map(\.isBias) == [false, true, false, true])
    // The last epoch's distribution is that of the final weights.
    #expect(
      recorded[2][0] == WeightDistribution(layer: names[0], isBias: false, of: net.parameters[0][0])
    )
    #expect(recorded[0][0] != recorded[2][0])
  }

  @Test func sameSeedGivesIdenticalWeights() throws {
    let data = try SyntheticDatasets.moons(n: 200, noise: 0.1, seed: 8)
    func run() throws -> [[Tensor]] {
      var net = try model([2, 16, 2], hidden: .relu, output: .softmax)
      try net.append(Dropout(rate: 0.2))
      let options = TrainingOptions(
        epochs: 5, batchSize: 16, loss: .categoricalCrossEntropy, seed: 11, l2: 0.001)
      try Trainer.train(&net, on: data, optimizer: Adam(learningRate: 0.01), options: options)
      return net.parameters
    }
    #expect(try run() == run())
  }

  @Test func divergenceStopsAndRestoresLastGoodWeights() throws {
    let data = try SyntheticDatasets.plane(n: 100, seed: 9)
    var net = try model([2, 8, 1], hidden: .linear, output: .linear)
    // A huge learning rate makes plain SGD overflow within a few steps.
    let options = TrainingOptions(epochs: 50, batchSize: 10, loss: .meanSquaredError)
    let outcome = try Trainer.train(
      &net, on: data, optimizer: SGD(learningRate: 1e5), options: options)
    guard case .diverged(let epoch, _, let restored) = outcome else {
      Issue.record("expected divergence, got \(outcome)")
      return
    }
    #expect(restored == epoch)
    #expect(net.parameters.allSatisfy { $0.allSatisfy(\.isFinite) })
  }

  @Test func observerCanStopAfterABatch() throws {
    let data = try SyntheticDatasets.gauss(n: 100, classes: 2, seed: 10)
    var net = try model([2, 4, 2], hidden: .relu, output: .softmax)
    let before = net.parameters
    var batches = 0
    let outcome = try Trainer.train(
      &net, on: data, optimizer: SGD(learningRate: 0.1),
      options: TrainingOptions(epochs: 10, batchSize: 10, loss: .categoricalCrossEntropy)
    ) { event in
      if case .batchEnded = event { batches += 1 }
      return batches == 3 ? .stop : .proceed
    }
    #expect(outcome == .stopped(epoch: 1, batch: 3))
    #expect(net.parameters != before)
    #expect(net.history.epochs.isEmpty)
  }

  @Test func l2ShrinksWeightsAndCountsInTheLoss() throws {
    let data = try SyntheticDatasets.gauss(n: 200, classes: 2, seed: 12)
    func train(l2: Float) throws -> (Float, Float) {
      var net = try model([2, 16, 2], hidden: .relu, output: .softmax)
      let options = TrainingOptions(
        epochs: 30, batchSize: 20, loss: .categoricalCrossEntropy, l2: l2)
      try Trainer.train(&net, on: data, optimizer: Adam(learningRate: 0.01), options: options)
      let norm = net.parameters.flatMap { $0 }.reduce(0) {
        $0 + $1.scalars.reduce(0) { $0 + $1 * $1 }
      }
      return (norm, net.history.last?.loss ?? 0)
    }
    let (plainNorm, plainLoss) = try train(l2: 0)
    let (shrunkNorm, shrunkLoss) = try train(l2: 0.05)
    #expect(shrunkNorm < plainNorm * 0.5)
    #expect(shrunkLoss > plainLoss)
  }

  @Test func badOptionsAndDataAreReportedNotCrashed() throws {
    let data = try SyntheticDatasets.xor(n: 20, seed: 1)
    var net = try model([2, 4, 1], hidden: .tanh, output: .sigmoid)
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: data, optimizer: SGD(),
        options: TrainingOptions(epochs: 0, loss: .binaryCrossEntropy))
    }
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: data, optimizer: SGD(),
        options: TrainingOptions(batchSize: 0, loss: .binaryCrossEntropy))
    }
    let iris = try BundledDatasets.iris()
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: iris, optimizer: SGD(), options: TrainingOptions(loss: .binaryCrossEntropy))
    }
    let spiral = try SyntheticDatasets.spiral(n: 30, classes: 3, seed: 1)
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: spiral, optimizer: SGD(), options: TrainingOptions(loss: .binaryCrossEntropy))
    }
  }
}
