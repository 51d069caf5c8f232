import NNVCore
import Testing

/// The history keeps the weight distributions of an even sample of at most 256 epochs, thinned
/// as epochs are appended (a bounded amount of work per epoch, not a pass over the history).
@Suite struct TrainingHistoryTests {
  static let distribution = [WeightDistribution(layer: "a", isBias: false, values: [0])]

  func epoch(_ index: Int, run: Int = 1) -> EpochMetrics {
    EpochMetrics(run: run, epoch: index, loss: 1, weights: Self.distribution)
  }

  /// The positions of the epochs that still have their distributions.
  func kept(_ history: TrainingHistory) -> [Int] {
    history.epochs.indices.filter { history.epochs[$0].weights != nil }
  }

  /// At most `limit` kept, the first and the newest among them, the rest evenly spaced by a
  /// power of two.
  func expectEvenSample(
    _ history: TrainingHistory, limit: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let positions = kept(history)
    let n = history.epochs.count
    #expect(positions.count <= limit, sourceLocation: sourceLocation)
    #expect(positions.first == 0 && positions.last == n - 1, sourceLocation: sourceLocation)
    let spaced = positions.last == n - 1 && n > 1 ? Array(positions.dropLast()) : positions
    let gaps = Set(zip(spaced, spaced.dropFirst()).map { $1 - $0 })
    #expect(gaps.count <= 1, "gaps \(gaps) at \(n) epochs", sourceLocation: sourceLocation)
    if let gap = gaps.first {
      #expect(gap & (gap - 1) == 0, "gap \(gap)", sourceLocation: sourceLocation)
      // Every multiple of the gap is kept, so none is missing at the end either.
      #expect((spaced.last ?? 0) + gap >= n - 1, sourceLocation: sourceLocation)
    }
  }

  @Test func appendingKeepsAnEvenSampleAtEveryLength() {
    var history = TrainingHistory()
    for index in 1...5000 {
      history.append(epoch(index), limit: 256)
      if index < 256 || index % 97 == 0 || index.nonzeroBitCount == 1 || index == 5000 {
        expectEvenSample(history, limit: 256)
      }
    }
    // The sample uses most of its room: more than half of the limit.
    #expect(kept(history).count > 128)
  }

  @Test func appendingKeepsWhatAFullThinningKeeps() {
    for limit in [2, 3, 16, 256] {
      var appended = TrainingHistory()
      for index in 1...(limit == 256 ? 1100 : limit * 9 + 5) {
        appended.append(epoch(index), limit: limit)
        var full = TrainingHistory(epochs: (1...index).map { epoch($0) })
        full.thinWeightDistributions(limit: limit)
        #expect(kept(appended) == kept(full), "limit \(limit), \(index) epochs")
      }
    }
  }

  @Test func shortHistoriesKeepEveryEpoch() {
    var history = TrainingHistory()
    for index in 1...255 { history.append(epoch(index)) }
    #expect(kept(history).count == 255)
  }

  @Test func trainingOnALongLoadedHistoryKeepsTheInvariant() throws {
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 1, activation: .sigmoid, seed: 1))
    // Every epoch with a distribution, as a hand-made or older file might have.
    net.history = TrainingHistory(epochs: (1...1000).map { epoch($0) })
    try Trainer.train(
      &net, on: SyntheticDatasets.xor(n: 16, seed: 1), optimizer: Adam(),
      options: TrainingOptions(epochs: 7, loss: .binaryCrossEntropy))
    #expect(net.history.epochs.count == 1007)
    #expect(net.history.epochs.last?.run == 2)
    expectEvenSample(net.history, limit: TrainingHistory.weightDistributionLimit)
    #expect(net.history.epochs.last?.weights?.first?.layer == net.layers[0].name)
  }
}
