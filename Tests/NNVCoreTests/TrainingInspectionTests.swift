import NNVCore
import Testing

/// The trainer shows its observer the model as it is when asked (`.inspect`): what the live
/// dashboard draws while training runs.
@Suite struct TrainingInspectionTests {
  static func model() throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 2, activation: .softmax, seed: 2))
    return model
  }

  static let options = TrainingOptions(
    epochs: 3, batchSize: 16, loss: .categoricalCrossEntropy, seed: 5)

  /// 64 points: 4 batches an epoch.
  static func data() throws -> Dataset { try SyntheticDatasets.moons(n: 64, noise: 0.1, seed: 3) }

  @Test func inspectingEveryStepLeavesTheRunTheSameBitForBit() throws {
    let data = try Self.data()
    var plain = try Self.model()
    try Trainer.train(&plain, on: data, optimizer: Adam(learningRate: 0.05), options: Self.options)
    var watched = try Self.model()
    var inspections = 0
    let outcome = try Trainer.train(
      &watched, on: data, optimizer: Adam(learningRate: 0.05), options: Self.options
    ) { event in
      if case .inspected = event {
        inspections += 1
        return .proceed
      }
      return .inspect
    }
    #expect(outcome == .completed(epochs: 3))
    // Every batch and every epoch's end.
    #expect(inspections == 3 * 4 + 3)
    #expect(watched.parameters == plain.parameters)
    #expect(watched.history == plain.history)
  }

  @Test func theInspectedModelHasTheWeightsOfTheLastFinishedBatch() throws {
    let data = try Self.data()
    var model = try Self.model()
    var seen: Sequential?
    let outcome = try Trainer.train(
      &model, on: data, optimizer: Adam(learningRate: 0.05), options: Self.options
    ) { event in
      switch event {
      case .batchEnded(2, 3, _, _): return .inspect
      case .inspected(let current):
        seen = current
        return .stop
      default: return .proceed
      }
    }
    #expect(outcome == .stopped(epoch: 2, batch: 3))
    let inspected = try #require(seen)
    // Stopped right after the inspection: the model kept exactly the weights shown.
    #expect(inspected.parameters == model.parameters)
    #expect(inspected.history.epochs.map(\.epoch) == [1])
    // The weights moved since the end of the first epoch.
    var oneEpoch = try Self.model()
    var options = Self.options
    options.epochs = 1
    try Trainer.train(&oneEpoch, on: data, optimizer: Adam(learningRate: 0.05), options: options)
    #expect(inspected.parameters != oneEpoch.parameters)
  }

  @Test func atTheEndOfAnEpochTheInspectedHistoryHoldsIt() throws {
    var model = try Self.model()
    var shown: [(epoch: Int, count: Int, last: EpochMetrics?)] = []
    var ended: EpochMetrics?
    try Trainer.train(
      &model, on: try Self.data(), optimizer: Adam(learningRate: 0.05), options: Self.options
    ) { event in
      switch event {
      case .epochEnded(let metrics, _):
        ended = metrics
        return .inspect
      case .inspected(let current):
        shown.append((ended?.epoch ?? 0, current.history.epochs.count, current.history.last))
        return .proceed
      default: return .proceed
      }
    }
    #expect(shown.map(\.epoch) == [1, 2, 3])
    #expect(shown.map(\.count) == [1, 2, 3])
    #expect(shown.last?.last == model.history.last)
  }
}
