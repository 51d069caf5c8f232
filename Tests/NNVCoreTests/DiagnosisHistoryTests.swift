import Foundation
import NNVCore
import Testing

/// The checks that read a model's training history (over- and underfitting, the learning
/// rate) on runs made with their problem, real or written epoch by epoch; and how findings
/// are ordered and written.
@Suite struct DiagnosisHistoryTests {
  typealias F = DiagnosisFixtures

  /// Training losses falling from 0.7 to about 0.05 over `n` epochs, fast and then slowly.
  static func falling(_ n: Int) -> [Float] {
    (0..<n).map { 0.05 + 0.65 * Float(Foundation.exp(-Double($0) / 4)) }
  }

  @Test func aValidationLossRisingAfterEpochEightIsOverfitting() throws {
    var (model, train, test) = try F.healthy()
    let validation: [Float] = (0..<30).map { k in
      k < 8 ? 0.7 - 0.05 * Float(k) : 0.35 + 0.015 * Float(k - 7)
    }
    model.history = F.history(losses: Self.falling(30), validation: validation)
    let report = try Diagnosis.run(model, on: train, validation: test)
    DiagnosisTests.expect(report, [.overfitting])
    let finding = try #require(report.findings.first)
    #expect(finding[evidence: "best_epoch"] == 8)
    #expect(finding.suggestion.contains("`epochs 8`"))
    // A validation loss that wobbles by a few per cent after its best is not overfitting.
    let wobble: [Float] = (0..<30).map { k in
      k < 8 ? 0.7 - 0.05 * Float(k) : 0.36 + 0.01 * Float(k % 2)
    }
    model.history = F.history(losses: Self.falling(30), validation: wobble)
    DiagnosisTests.expect(try Diagnosis.run(model, on: train, validation: test), [])
  }

  @Test func withoutValidationInTheHistoryAnAccuracyGapIsOverfitting() throws {
    var (model, train, test) = try F.healthy()
    model.history = F.history(losses: Self.falling(30))
    DiagnosisTests.expect(try Diagnosis.run(model, on: train, validation: test), [])
    // Held-out data the model gets wrong: every label flipped.
    var flipped = test
    flipped.labels = test.labels.map { 1 - $0 }
    let report = try Diagnosis.run(model, on: train, validation: flipped)
    DiagnosisTests.expect(report, [.overfitting])
    #expect((report.findings.first?[evidence: "gap"] ?? 0) > 0.5)
  }

  @Test func aLinearModelOnXorUnderfits() throws {
    let data = try SyntheticDatasets.xor(n: 200, noise: 0.05, seed: 2)
    var model = try F.dense(2, [(1, .sigmoid)])
    try F.train(
      &model, on: data, epochs: 60, optimizer: Adam(learningRate: 0.05), loss: .binaryCrossEntropy)
    let report = try Diagnosis.run(model, on: data)
    DiagnosisTests.expect(report, [.underfitting])
    let finding = try #require(report.findings.first)
    #expect(finding.suggestion.contains("add a hidden layer"))
    // Near the loss of guessing, ln 2 for two classes of about the same size.
    let guess = try #require(finding[evidence: "guessing_loss"])
    #expect(abs(guess - Foundation.log(2)) < 0.01)
    #expect((finding[evidence: "loss"] ?? 0) >= FittingCheck.guessingShare * guess)
  }

  @Test func aLineThroughAParabolaUnderfits() throws {
    let xs = (0..<100).map { Float($0) / 49.5 - 1 }
    let data = Dataset(
      name: "parabola", features: try Tensor(shape: [100, 1], scalars: xs),
      values: try Tensor(shape: [100, 1], scalars: xs.map { $0 * $0 }))
    var model = try F.dense(1, [(1, .linear)])
    try F.train(
      &model, on: data, epochs: 40, optimizer: Adam(learningRate: 0.05), loss: .meanSquaredError)
    let report = try Diagnosis.run(model, on: data)
    DiagnosisTests.expect(report, [.underfitting])
    // The loss of always predicting the mean is the targets' variance.
    let squares = xs.map { Double($0 * $0) }
    let mean = squares.reduce(0, +) / 100
    let variance = squares.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100
    let guess = try #require(report.findings.first?[evidence: "guessing_loss"])
    #expect(abs(guess - variance) < 1e-5)
  }

  @Test func sgdAtATinyRateBarelyMoves() throws {
    let (train, test) = try F.moons()
    var model = try F.dense(2, [(16, .relu), (2, .softmax)])
    try F.train(&model, on: train, epochs: 60, optimizer: SGD(learningRate: 0.001))
    let report = try Diagnosis.run(model, on: train, validation: test)
    DiagnosisTests.expect(report, [.learningRateTooLow])
    let finding = try #require(report.findings.first)
    #expect(finding[evidence: "lr"] == 0.001)
    #expect(finding.suggestion.contains("`lr 0.01`"))
  }

  @Test func lossesThatRiseOrJumpAreALearningRateTooHigh() throws {
    var (model, train, test) = try F.healthy()
    model.history = F.history(losses: [0.7, 0.6, 0.8, 1.4, 2.5, 4.0], optimizer: "sgd(lr: 5.0)")
    let rising = try Diagnosis.run(model, on: train, validation: test)
    DiagnosisTests.expect(rising, [.learningRateTooHigh])
    #expect(rising.findings.first?.severity == .error)
    #expect(rising.findings.first?.suggestion.contains("`lr 0.5`") == true)
    let jumps: [Float] = [0.7, 0.4, 0.6, 0.3, 0.5, 0.25, 0.55, 0.3, 0.5, 0.3]
    model.history = F.history(losses: jumps)
    let jumping = try Diagnosis.run(model, on: train, validation: test)
    DiagnosisTests.expect(jumping, [.learningRateTooHigh])
    #expect(jumping.findings.first?.severity == .warning)
    // Ending far above the loss of guessing (ln 2 for two even classes) after a huge start.
    model.history = F.history(losses: [90, 5, 2.5, 2.4, 2.5, 2.4])
    DiagnosisTests.expect(
      try Diagnosis.run(model, on: train, validation: test), [.learningRateTooHigh])
    // A converged loss that wobbles near 0 is healthy.
    let settled: [Float] = [0.7, 0.3, 0.1, 0.02, 0.004, 0.002, 0.005, 0.001, 0.004, 0.002]
    model.history = F.history(losses: settled)
    DiagnosisTests.expect(try Diagnosis.run(model, on: train, validation: test), [])
  }

  @Test func checksOfTheHistorySayNothingWithoutOne() throws {
    var (model, train, test) = try F.healthy()
    model.history = TrainingHistory()
    let none = try Diagnosis.run(model, on: train, validation: test)
    DiagnosisTests.expect(none, [])
    let reasons = Dictionary(uniqueKeysWithValues: none.skipped.map { ($0.check, $0.reason) })
    #expect(reasons[.fitting] == "net has no training history")
    #expect(reasons[.learningRate] == "net has no training history")
    model.history = F.history(losses: [0.7, 0.5, 0.4])
    let short = try Diagnosis.run(model, on: train, validation: test)
    #expect(short.skipped.first { $0.check == .fitting }?.reason.contains("fewer than 5") == true)
  }

  @Test func aConvergedModelTrainedFurtherIsNotTooSlow() throws {
    var (model, train, test) = try F.healthy()
    var history = F.history(losses: Self.falling(30))
    for k in 0..<10 {
      var metrics = EpochMetrics(
        run: 2, epoch: k + 1, loss: 0.05 - 0.0001 * Float(k), accuracy: 0.97)
      metrics.optimizer = "sgd(lr: 0.0001)"
      history.append(metrics)
    }
    model.history = history
    let report = try Diagnosis.run(model, on: train, validation: test)
    #expect(report.findings(.learningRateTooLow).isEmpty)
    DiagnosisTests.expect(report, [])
  }

  @Test func findingsComeMostSeriousFirst() throws {
    let moons = try SyntheticDatasets.moons(n: 300, noise: 0.1, seed: 4)
    let ones = moons.labels.indices.filter { moons.labels[$0] == 1 }
    let zeros = moons.labels.indices.filter { moons.labels[$0] == 0 }
    let data = F.scaled(try moons.subset(zeros + Array(ones.prefix(25))), column: 0, by: 500)
    var model = try F.dense(2, [(8, .relu), (1, .softmax)])
    try F.setBias(&model, layer: 0, [-1e5, -1e5, -1e5, -1e5, 0, 0, 0, 0])
    let report = try Diagnosis.run(model, on: data)
    #expect(
      report.findings.map(\.code) == [.outputLoss, .deadUnits, .unscaledInputs, .classImbalance])
    #expect(report.findings.map(\.severity) == [.error, .warning, .warning, .note])
  }

  @Test func numbersAndRatesAreReadAndWritten() throws {
    #expect(Diagnosis.number(300) == "300" && Diagnosis.number(0.25) == "0.25")
    #expect(Diagnosis.number(0.012345) == "0.0123" && Diagnosis.number(2.5e-6) == "2.50e-06")
    #expect(Diagnosis.number(1341.48) == "1341" && Diagnosis.number(12.345) == "12.3")
    #expect(Diagnosis.percent(0.754) == "75%" && Diagnosis.percent(0.001) == "<1%")
    var (model, train, _) = try F.healthy()
    model.history = F.history(losses: [0.5], optimizer: "sgd(lr: 0.001, momentum: 0.9)")
    #expect(try Diagnosis.Subject(model, on: train).learningRate == 0.001)
    model.history = F.history(losses: [0.5], optimizer: "custom")
    #expect(try Diagnosis.Subject(model, on: train).learningRate == nil)
  }
}
