import Foundation
import NNVCore
import Testing

/// The one rule for losses that cannot learn with a model's last layer on its targets.
@Suite struct LossCompatibilityTests {
  typealias Output = LossCompatibility.Output

  func problem(
    _ loss: Loss, _ activation: Activation, units: Int,
    _ targets: LossCompatibility.Targets = .unknown
  ) -> LossCompatibility.Problem? {
    LossCompatibility.problem(
      loss: loss, lossGiven: true, output: Output(activation: activation, units: units),
      targets: targets, dataName: "points")
  }

  @Test func theUsualPairsAreAccepted() {
    #expect(problem(.binaryCrossEntropy, .sigmoid, units: 1, .classes(2)) == nil)
    #expect(problem(.categoricalCrossEntropy, .softmax, units: 3, .classes(3)) == nil)
    #expect(problem(.categoricalCrossEntropy, .softmax, units: 2, .classes(2)) == nil)
    #expect(problem(.meanSquaredError, .linear, units: 1, .values(1)) == nil)
    #expect(problem(.meanSquaredError, .sigmoid, units: 1, .classes(2)) == nil)
    // Several sigmoid units, one per class, each a yes-or-no: bce learns.
    #expect(problem(.binaryCrossEntropy, .sigmoid, units: 3, .classes(3)) == nil)
  }

  @Test func combinationsThatCannotLearnAreRefusedWithTheFix() throws {
    let softmaxOne = try #require(problem(.meanSquaredError, .softmax, units: 1))
    #expect(softmaxOne.message.contains("always outputs 1"))
    #expect(softmaxOne.fix.contains("`dense 1 sigmoid` with `loss bce`"))
    #expect(softmaxOne.culprit == .output)

    let cceOne = try #require(problem(.categoricalCrossEntropy, .sigmoid, units: 1, .classes(2)))
    #expect(cceOne.message.contains("single unit"))
    #expect(cceOne.culprit == .loss)

    let cceSigmoid = try #require(problem(.categoricalCrossEntropy, .sigmoid, units: 3))
    #expect(
      cceSigmoid.fix == "use `dense 3 softmax` with `loss cce`, or keep sigmoid with `loss bce`")
    let bceRelu = try #require(problem(.binaryCrossEntropy, .relu, units: 1))
    #expect(bceRelu.fix == "use `dense 1 sigmoid` with `loss bce`")
    let bceSoftmax = try #require(problem(.binaryCrossEntropy, .softmax, units: 3))
    #expect(bceSoftmax.fix.contains("`loss cce`"))

    let classes = try #require(problem(.binaryCrossEntropy, .sigmoid, units: 1, .classes(3)))
    #expect(
      classes.message
        == "points has 3 classes, but the last layer `dense 1 sigmoid` has 1 output unit.")
    #expect(classes.fix == "use `dense 3 softmax` with `loss cce`")
    let units = try #require(problem(.categoricalCrossEntropy, .softmax, units: 2, .classes(3)))
    #expect(units.message.contains("has 2 output units"))

    let regression = try #require(problem(.binaryCrossEntropy, .sigmoid, units: 1, .values(1)))
    #expect(regression.fix.hasPrefix("use `loss mse`"))
    #expect(regression.fix.contains("classification: true"))
  }

  @Test func theDefaultLossFollowsTheLastLayerPastDropout() throws {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 1, activation: .sigmoid))
    try model.append(Dropout(rate: 0.2))
    let output = Output(of: model)
    #expect(output == Output(activation: .sigmoid, units: 1, layer: "dense 1 sigmoid"))
    #expect(LossCompatibility.defaultLoss(for: output) == .binaryCrossEntropy)
  }

  /// `dense 1 softmax` used to train to a loss of 0.0000 at chance accuracy; now the trainer
  /// and evaluation refuse it, and leave the model as it was.
  @Test func trainerAndEvaluationRefuse() throws {
    let data = try SyntheticDatasets.xor(n: 40, seed: 1)
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 1, activation: .softmax, seed: 1))
    let before = net.parameters
    #expect(throws: TrainingError.self) {
      try Trainer.train(
        &net, on: data, optimizer: SGD(), options: TrainingOptions(loss: .categoricalCrossEntropy))
    }
    #expect(net.parameters == before)
    #expect(net.history.epochs.isEmpty)
    #expect(throws: TrainingError.self) {
      try Metrics.evaluate(net, on: data, loss: .meanSquaredError)
    }
  }

  /// The loss of each epoch is kept, and saved with the model, so that `evaluate` can report
  /// the same one.
  @Test func theTrainingLossIsRecordedAndSaved() throws {
    let data = try SyntheticDatasets.xor(n: 40, seed: 1)
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 1, activation: .sigmoid, seed: 1))
    try Trainer.train(
      &net, on: data, optimizer: SGD(),
      options: TrainingOptions(epochs: 2, loss: .meanSquaredError))
    #expect(net.history.epochs.map(\.lossFunction) == [.meanSquaredError, .meanSquaredError])
    let path = NSTemporaryDirectory() + "nnv-loss-\(UUID().uuidString).nnvm"
    try ModelArchive.save(net, to: path)
    #expect(try ModelArchive.load(from: path).history.last?.lossFunction == .meanSquaredError)
  }
}
