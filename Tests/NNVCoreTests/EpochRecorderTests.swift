import NNVCore
import Testing

@Suite struct EpochRecorderTests {
  func train(_ recorders: [EpochRecorder]? = nil) throws -> Sequential {
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 3, activation: .tanh, seed: 1, name: "h"))
    try net.append(Dense(inputSize: 3, outputSize: 1, activation: .sigmoid, seed: 2, name: "o"))
    var options = TrainingOptions(epochs: 3, batchSize: 8, loss: .binaryCrossEntropy)
    if let recorders { options.recorders = recorders }
    try Trainer.train(
      &net, on: try SyntheticDatasets.xor(n: 32, seed: 4), optimizer: Adam(learningRate: 0.05),
      options: options)
    return net
  }

  @Test func withoutARecorderNoDistributionsAreKept() throws {
    let net = try train([])
    #expect(net.history.epochs.count == 3)
    #expect(net.history.epochs.allSatisfy { $0.weights == nil })
  }

  @Test func theWeightDistributionRecorderRecordsEveryEpoch() throws {
    let net = try train([.weightDistributions])
    let recorded = net.history.epochs.map { $0.weights ?? [] }
    #expect(recorded.map(\.count) == [4, 4, 4])
    #expect(recorded[2].map(\.layer) == ["h", "h", "o", "o"])
    // The last epoch's distributions are those of the final weights.
    #expect(recorded[2] == WeightDistribution.of(net))
    #expect(recorded[0] != recorded[2])
    // The default options record them too.
    #expect(try train().history.epochs.map(\.weights) == net.history.epochs.map(\.weights))
  }

  @Test func recordersSeeTheEpochsMetricsAndRunInOrder() throws {
    let first = EpochRecorder { model, metrics in
      let mark = Float(metrics.epoch * 10 + model.layers.count)
      metrics.weights = [WeightDistribution(layer: "first", isBias: false, values: [mark])]
    }
    let second = EpochRecorder { _, metrics in
      metrics.weights?.append(WeightDistribution(layer: "second", isBias: true, values: []))
    }
    let net = try train([first, second])
    let recorded = net.history.epochs.map { $0.weights ?? [] }
    #expect(recorded.map { $0.map(\.layer) } == Array(repeating: ["first", "second"], count: 3))
    #expect(recorded.map { $0[0].values } == [[12], [22], [32]])
  }
}
