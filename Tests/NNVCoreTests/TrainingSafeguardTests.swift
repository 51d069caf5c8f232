import NNVCore
import Testing

/// What training refuses or stops at: NaN and infinite data, ruined weights, batches and runs
/// over the limits; and the weight-distribution history kept thin as it grows.
@Suite struct TrainingSafeguardTests {
  func tanhNet() throws -> Sequential {
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try net.append(Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: 2))
    return net
  }

  @Test func aHugeLearningRateRestoresTheWeightsAndSaysWhy() throws {
    var net = try tanhNet()
    let before = net.parameters
    let outcome = try Trainer.train(
      &net, on: SyntheticDatasets.xor(n: 100, seed: 3), optimizer: SGD(learningRate: 1e30),
      options: TrainingOptions(epochs: 5, loss: .binaryCrossEntropy))
    guard case .unstable(let epoch, let restored, let problem) = outcome else {
      Issue.record("expected an unstable outcome, got \(outcome)")
      return
    }
    #expect(epoch == 1 && restored == 1)
    #expect(problem.contains("dense") && problem.contains("1e8"), "\(problem)")
    #expect(net.parameters == before)
    #expect(net.history.epochs.isEmpty)
  }

  @Test func ordinaryTrainingStaysStable() throws {
    var net = try tanhNet()
    let outcome = try Trainer.train(
      &net, on: SyntheticDatasets.xor(n: 100, seed: 3), optimizer: Adam(learningRate: 0.05),
      options: TrainingOptions(epochs: 20, loss: .binaryCrossEntropy))
    #expect(outcome == .completed(epochs: 20))
  }

  @Test func dataWithInfiniteOrNaNValuesIsRefusedNamingTheSample() throws {
    var data = try SyntheticDatasets.xor(n: 10, seed: 1)
    data.features.scalars[7] = .infinity
    var net = try tanhNet()
    let options = TrainingOptions(epochs: 1, loss: .binaryCrossEntropy)
    #expect(data.firstNonFiniteValue?.sample == 3)
    #expect(data.firstNonFiniteValue?.feature == "x2")
    do {
      try Trainer.train(&net, on: data, optimizer: Adam(), options: options)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("infinite value in feature x2 of sample 3"), "\(error)")
    }
    data.features.scalars[7] = .nan
    #expect(throws: DataError.self) { _ = try Standardizer(fitting: data) }
    var validation = try SyntheticDatasets.xor(n: 10, seed: 2)
    validation.features.scalars[0] = .nan
    var withValidation = options
    withValidation.validation = validation
    let clean = try SyntheticDatasets.xor(n: 10, seed: 1)
    do {
      try Trainer.train(&net, on: clean, optimizer: Adam(), options: withValidation)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("a NaN value in feature x1 of sample 0"), "\(error)")
    }
  }

  @Test func generatorsRefuseNoiseThatOverflows() {
    do {
      _ = try SyntheticDatasets.moons(n: 100, noise: 3e38, seed: 1)
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("infinite value"), "\(error)")
      #expect("\(error)".contains("smaller `noise`"), "\(error)")
    }
    #expect(throws: DataError.self) { _ = try SyntheticDatasets.xor(n: 20_000_000) }
  }

  @Test func runNumbersCannotOverflow() throws {
    var net = try tanhNet()
    net.history = TrainingHistory(epochs: [EpochMetrics(run: Int.max, epoch: 1, loss: 1)])
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: SyntheticDatasets.xor(n: 10), optimizer: Adam(),
        options: TrainingOptions(epochs: 1, loss: .binaryCrossEntropy))
    }
  }

  @Test func epochsAndBatchesAreLimited() throws {
    var net = try tanhNet()
    let data = try SyntheticDatasets.xor(n: 10)
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: data, optimizer: Adam(),
        options: TrainingOptions(epochs: 2_000_000, loss: .binaryCrossEntropy))
    }
    // A batch larger than the data is the whole data, even at Int.max.
    let outcome = try Trainer.train(
      &net, on: data, optimizer: Adam(),
      options: TrainingOptions(epochs: 1, batchSize: Int.max, loss: .binaryCrossEntropy))
    #expect(outcome == .completed(epochs: 1))
    var wide = try Sequential(name: "wide", inputShape: [1])
    try wide.append(Dense(inputSize: 1, outputSize: 1_000_000, initializer: .zeros))
    let points = Dataset(
      name: "points", features: Tensor.zeros([100, 1]), values: Tensor.zeros([100, 1]))
    do {
      try Trainer.train(
        &wide, on: points, optimizer: SGD(),
        options: TrainingOptions(epochs: 1, batchSize: 100, loss: .meanSquaredError))
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("use a batch of at most 67"), "\(error)")
    }
  }
}
