import NNVCore
import Testing

/// The checks of the data and the output: classes, size, output and loss; and that every
/// kind of model is diagnosed without a crash, and stops when cancelled.
@Suite struct DiagnosisDataTests {
  typealias F = DiagnosisFixtures

  @Test func oneSoftmaxUnitDoesNotFitTheLoss() throws {
    let (train, _) = try F.moons()
    let model = try F.dense(2, [(8, .tanh), (1, .softmax)])
    let report = try Diagnosis.run(model, on: train)
    DiagnosisTests.expect(report, [.outputLoss])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .error && finding.layer == "dense_2")
    #expect(finding.suggestion.contains("`dense 1 sigmoid` with `loss bce`"))
    #expect(report.skipped.contains { $0.check == .gradients })
    // One sigmoid unit for three classes.
    let flowers = try BundledDatasets.iris()
    let single = try F.dense(4, [(1, .sigmoid)])
    let three = try Diagnosis.run(single, on: flowers)
    DiagnosisTests.expect(three, [.outputLoss])
    #expect(three.findings.first?[evidence: "classes"] == 3)
    #expect(three.findings.first?.suggestion == "use `dense 3 softmax` with `loss cce`")
  }

  @Test func aClassTenTimesSmallerIsImbalanced() throws {
    let moons = try SyntheticDatasets.moons(n: 400, noise: 0.1, seed: 4)
    let ones = moons.labels.indices.filter { moons.labels[$0] == 1 }
    let zeros = moons.labels.indices.filter { moons.labels[$0] == 0 }
    let model = try F.dense(2, [(8, .relu), (2, .softmax)])
    let uneven = try moons.subset(zeros + Array(ones.prefix(20)))
    let report = try Diagnosis.run(model, on: uneven)
    DiagnosisTests.expect(report, [.classImbalance])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .warning && finding[evidence: "ratio"] == 10)
    #expect(finding.message.contains("`1` 20"))
    // Five times fewer is a note; twice, nothing.
    let note = try Diagnosis.run(model, on: try moons.subset(zeros + Array(ones.prefix(40))))
    #expect(note.findings.map(\.severity) == [.note])
    DiagnosisTests.expect(
      try Diagnosis.run(model, on: try moons.subset(zeros + Array(ones.prefix(100)))), [])
  }

  @Test func twoClassesInOneBlobAreConfused() throws {
    // Class 0 apart on the left; classes 1 and 2 drawn from the same blob on the right.
    var random = RandomGenerator(seed: 9)
    var rows: [[Float]] = []
    var labels: [Int] = []
    for k in 0..<300 {
      let label = k % 3
      let x: Float = label == 0 ? -3 : 3
      rows.append([x + random.normal() * 0.5, random.normal() * 0.5])
      labels.append(label)
    }
    let data = try InspectionFixtures.data(rows, labels: labels, classes: ["a", "b", "c"])
    var model = try F.dense(2, [(8, .tanh), (3, .softmax)])
    try F.train(&model, on: data, epochs: 30)
    let report = try Diagnosis.run(model, on: data)
    DiagnosisTests.expect(report, [.confusedClasses])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .note)
    #expect(Set([finding[evidence: "actual"], finding[evidence: "predicted"]]) == [1, 2])
    #expect((finding[evidence: "share"] ?? 0) >= ConfusionCheck.confusedShare)
    #expect(finding.message.contains("`b`") && finding.message.contains("`c`"))
  }

  @Test func twoHundredFiftySixUnitsForFortySamplesIsTooLarge() throws {
    let data = try SyntheticDatasets.moons(n: 40, noise: 0.1, seed: 5)
    let model = try F.dense(2, [(256, .relu), (2, .softmax)])
    let report = try Diagnosis.run(model, on: data)
    DiagnosisTests.expect(report, [.modelTooLarge])
    let finding = try #require(report.findings.first)
    #expect(finding[evidence: "parameters"] == 1282 && finding[evidence: "samples"] == 40)
    #expect(finding.suggestion.contains("`dense 64 relu` instead of `dense 256 relu`"))
    let fitting = try F.dense(2, [(16, .relu), (2, .softmax)])
    DiagnosisTests.expect(try Diagnosis.run(fitting, on: data), [])
  }

  @Test func convolutionalAndRecurrentModelsAreDiagnosed() throws {
    let images = try ImageDatasets.bars(n: 60, seed: 3)
    var cnn = try Sequential(name: "cnn", inputShape: [1, 8, 8])
    try cnn.append(Conv2D(inputChannels: 1, filters: 4, kernelSize: 3, activation: .relu, seed: 1))
    try cnn.append(MaxPool2D(size: 2))
    try cnn.append(Flatten())
    try cnn.append(Dense(inputSize: 36, outputSize: 2, activation: .softmax, seed: 2))
    DiagnosisTests.expect(try Diagnosis.run(cnn, on: images), [])
    // Every filter dead: channels are the units of a conv layer.
    try F.setBias(&cnn, layer: 0, [-50, -50, -50, -50])
    let dead = try Diagnosis.run(cnn, on: images)
    DiagnosisTests.expect(dead, [.deadUnits])
    #expect(dead.findings.first?[evidence: "channels"] == 4)
    let bits = try SequenceDatasets.parity(n: 50, length: 6, seed: 1)
    var rnn = try Sequential(name: "counter", inputShape: [6, 1])
    try rnn.append(Recurrent(.gru, inputSize: 1, units: 4, returnsSequences: true, seed: 1))
    try rnn.append(Dense(inputSize: 4, outputSize: 2, activation: .softmax, seed: 2))
    let report = try Diagnosis.run(rnn, on: bits)
    DiagnosisTests.expect(report, [])
    #expect(report.skipped.contains { $0.check == .units && $0.reason.contains("no hidden layer") })
  }

  @Test func cancellingStopsTheDiagnosis() throws {
    let (model, train, test) = try F.healthy()
    let token = CancellationToken(cancellingAtPoll: 2)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) {
        _ = try Diagnosis.run(model, on: train, validation: test)
      }
    }
    #expect(token.pollCount == 2)
  }

  @Test func dataThatDoesNotFitIsAnError() throws {
    let (train, _) = try F.moons()
    let model = try F.dense(3, [(2, .softmax)])
    #expect(throws: TrainingError.self) { try Diagnosis.run(model, on: train) }
    let empty = try train.subset([])
    #expect(throws: TrainingError.self) {
      try Diagnosis.run(try F.dense(2, [(2, .softmax)]), on: empty)
    }
  }
}
