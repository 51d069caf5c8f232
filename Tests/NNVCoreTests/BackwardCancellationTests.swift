import Dispatch
import NNVCore
import NNVTestSupport
import Testing

/// A Ctrl-C during a backward pass: the tape polls `Cancellation` before every node and the
/// convolution and pooling nodes poll inside their work, so a long backward pass stops at the
/// poll where it was cancelled, and training keeps the weights of its last finished batch.
@Suite struct BackwardCancellationTests {
  /// A tape holding a convolution over a batch large enough for several groups of chunks,
  /// then `pool`; the output to differentiate.
  func convolutionGraph(pool: (Variable) throws -> Variable) throws -> (Tape, Variable) {
    let tape = Tape()
    let x = tape.variable(randomTensor([256, 4, 16, 16], seed: 1))
    let w = tape.variable(randomTensor([8, 4, 3, 3], seed: 2))
    let b = tape.variable(randomTensor([8], seed: 3))
    let out = try pool(try Variable.conv2D(x, w, b, padding: .same))
    return (tape, out)
  }

  /// The polls of `body` run with a token that is never cancelled.
  func polls(_ body: () throws -> Void) throws -> Int {
    let token = CancellationToken()
    try Cancellation.run(with: token, body)
    return token.pollCount
  }

  @Test func aCancelledTokenStopsTheBackwardPassAtItsFirstNode() throws {
    let (tape, out) = try convolutionGraph { try Variable.maxPool2D($0, size: 2) }
    let token = CancellationToken()
    token.cancel()
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) { _ = try tape.cancellableGradients(of: out) }
    }
    #expect(token.pollCount == 1)
    // Without a token, or through the plain entry point, the pass runs to the end.
    let whole = tape.gradients(of: out)
    let again = try tape.cancellableGradients(of: out)
    #expect(whole[out].shape == out.shape && again[out] == whole[out])
  }

  @Test(arguments: ["max", "average"])
  func longConvolutionAndPoolingNodesPollInsideTheirWork(_ pooling: String) throws {
    let (tape, out) = try convolutionGraph { x in
      pooling == "max"
        ? try Variable.maxPool2D(x, size: 2) : try Variable.averagePool2D(x, size: 2)
    }
    // Two nodes have a backward pass (the pool and the convolution): more polls than that
    // come from inside them.
    let total = try polls { _ = try tape.cancellableGradients(of: out) }
    #expect(total > 4, "the backward pass polled \(total) times")
    for trip in [2, total / 2, total] {
      let token = CancellationToken(cancellingAtPoll: trip)
      #expect(throws: CancellationError.self, "poll \(trip) of \(total)") {
        try Cancellation.run(with: token) { _ = try tape.cancellableGradients(of: out) }
      }
      #expect(token.pollCount == trip, "went on polling after poll \(trip)")
    }
  }

  /// bars images through a conv, pool and dense layer, seeded.
  func convolutionModel() throws -> Sequential {
    var model = try Sequential(name: "cnn", inputShape: [1, 8, 8])
    try model.append(
      Conv2D(inputChannels: 1, filters: 3, kernelSize: 3, activation: .relu, seed: 1))
    try model.append(try AvgPool2D(size: 2))
    try model.append(Flatten())
    try model.append(Dense(inputSize: 27, outputSize: 2, activation: .softmax, seed: 2))
    return model
  }

  func trainingOptions(epochs: Int) -> TrainingOptions {
    TrainingOptions(epochs: epochs, batchSize: 8, loss: .categoricalCrossEntropy, seed: 3)
  }

  /// The same model trained until the observer stops it after `batch` of `epoch` (the
  /// untrained model for batch 0 of the first epoch).
  func reference(stoppedAt epoch: Int, _ batch: Int, on data: Dataset) throws -> Sequential {
    var model = try convolutionModel()
    guard batch > 0 else { return model }
    try Trainer.train(
      &model, on: data, optimizer: Adam(learningRate: 0.01), options: trainingOptions(epochs: 2)
    ) { event in
      guard case .batchEnded(epoch, batch, _, _) = event else { return .proceed }
      return .stop
    }
    return model
  }

  @Test func trainingStoppedAtAnyPollKeepsTheWeightsOfAFinishedBatch() throws {
    let data = try ImageDatasets.bars(n: 24, size: 8, noise: 0.1, seed: 4)
    let total = try polls {
      var model = try convolutionModel()
      try Trainer.train(
        &model, on: data, optimizer: Adam(learningRate: 0.01), options: trainingOptions(epochs: 2))
    }
    for trip in 1..<total {
      var model = try convolutionModel()
      let token = CancellationToken(cancellingAtPoll: trip)
      let outcome = try Cancellation.run(with: token) {
        try Trainer.train(
          &model, on: data, optimizer: Adam(learningRate: 0.01),
          options: trainingOptions(epochs: 2))
      }
      #expect(token.pollCount == trip)
      guard case .stopped(let epoch, let batch) = outcome else {
        Issue.record("poll \(trip) of \(total) did not stop training: \(outcome)")
        continue
      }
      let expected = try reference(stoppedAt: epoch, batch, on: data)
      #expect(model.parameters == expected.parameters, "stopped at poll \(trip)")
    }
  }

  @Test func aTokenCancelledFromAnotherThreadStopsTraining() throws {
    let data = try ImageDatasets.bars(n: 24, size: 8, noise: 0.1, seed: 4)
    var model = try convolutionModel()
    let token = CancellationToken()
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { token.cancel() }
    // Far more epochs than run before the token is cancelled.
    let outcome = try Cancellation.run(with: token) {
      try Trainer.train(
        &model, on: data, optimizer: Adam(learningRate: 0.01),
        options: trainingOptions(epochs: 1_000_000))
    }
    guard case .stopped(let epoch, let batch) = outcome else {
      Issue.record("training was not stopped: \(outcome)")
      return
    }
    #expect(epoch >= 1 && batch >= 0 && batch <= 3)
    #expect(model.parameters.allSatisfy { $0.allSatisfy { $0.scalars.allSatisfy(\.isFinite) } })
    #expect(model.history.epochs.count == (batch == 3 ? epoch : epoch - 1))
  }
}
