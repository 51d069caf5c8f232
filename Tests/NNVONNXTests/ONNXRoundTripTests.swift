import Foundation
import NNVCore
import NNVONNX
import NNVTestSupport
import Testing

/// Export then import gives the same model: the same layers, weights and predictions.
@Suite struct ONNXRoundTripTests {
  func roundTrip(_ model: Sequential) throws -> Sequential {
    try ONNXImport.decode(ONNXExport.encode(model, producerVersion: "test"))
  }

  @Test(arguments: 0..<5) func everyLayerKindComesBackWithTheSamePredictions(index: Int) throws {
    let model = try ONNXFixtures.all[index]
    let back = try roundTrip(model)
    let x = ONNXFixtures.batch(for: model)
    #expect(back.inputShape == model.inputShape && back.outputShape == model.outputShape)
    let expected = try model.predict(x)
    let got = try back.predict(x)
    #expect(got == expected, "\(model.name): \(got.scalars) vs \(expected.scalars)")
    #expect(back.standardizer == model.standardizer)
    #expect(back.name == model.name)
  }

  @Test func layersComeBackWithTheirKindsNamesActivationsAndWeights() throws {
    for model in [
      try ONNXFixtures.perceptron(), try ONNXFixtures.convolutional(),
      try ONNXFixtures.recurrent(), try ONNXFixtures.recurrentWithoutBias(),
    ] {
      let back = try roundTrip(model)
      #expect(back.layers.map(\.kind) == model.layers.map(\.kind), "\(model.name)")
      #expect(back.layers.map(\.name) == model.layers.map(\.name), "\(model.name)")
      #expect(back.layers.map(\.activation) == model.layers.map(\.activation), "\(model.name)")
      #expect(back.parameters == model.parameters, "\(model.name)")
      #expect(back.outputShapes == model.outputShapes, "\(model.name)")
    }
  }

  @Test func dropoutKeepsItsRateAndRecurrentLayersTheirSettings() throws {
    let mlp = try roundTrip(ONNXFixtures.perceptron())
    #expect((mlp.layers[1] as? Dropout)?.rate == 0.25)
    let sequences = try roundTrip(ONNXFixtures.recurrent())
    let cells = sequences.layers.compactMap { $0 as? Recurrent }
    #expect(cells.map(\.cell) == [.lstm, .gru, .rnn(.relu)])
    #expect(cells.map(\.returnsSequences) == [true, true, false])
    let bare = try roundTrip(ONNXFixtures.recurrentWithoutBias())
    #expect(bare.layers.compactMap { $0 as? Recurrent }.map(\.hasBias) == [false, true, false])
  }

  @Test func classAndFeatureNamesTravelInTheMetadata() throws {
    let back = try roundTrip(ONNXFixtures.perceptron())
    #expect(back.classNames == ["cat", "dog, \"big\"", "bird"])
    #expect(back.featureNames == ["a", "b", "c", "d"])
  }

  @Test func anActivationAfterADenseLayerFoldsIntoIt() throws {
    let model = try ONNXFixtures.activationLayers()
    let back = try roundTrip(model)
    // `d` relu, then sigmoid as its own layer, then linear: the sigmoid stays a layer (d has
    // an activation already) and the linear one is an Identity, which leaves nothing.
    #expect(back.layers.map(\.kind) == ["maxpool", "activation", "flatten", "dense", "activation"])
    let x = ONNXFixtures.batch(for: model)
    #expect(try back.predict(x) == model.predict(x))
  }

  @Test func anImportedModelTrainsAndSavesLikeAnyOther() throws {
    let data = try SyntheticDatasets.gauss(n: 60, classes: 3, seed: 2)
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 8, activation: .relu, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 3, activation: .softmax, seed: 2))
    var back = try roundTrip(model)
    let before = try back.predict(data.features)
    try Trainer.train(
      &back, on: data, optimizer: Adam(),
      options: TrainingOptions(epochs: 3, loss: .categoricalCrossEntropy))
    #expect(back.history.epochs.count == 3)
    #expect(try back.predict(data.features) != before)
    let again = try ModelArchive.decode(ModelArchive.encode(back))
    #expect(try again.predict(data.features) == back.predict(data.features))
  }

  @Test func saveWritesTheFileAtomically() throws {
    let model = try ONNXFixtures.recurrent()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnv-\(UUID()).onnx").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ONNXExport.save(model, to: path, producerVersion: "test")
    let back = try ONNXImport.load(from: path)
    let x = ONNXFixtures.batch(for: model)
    #expect(try back.predict(x) == model.predict(x))
    #expect(throws: PersistenceError.self) {
      try ONNXImport.load(from: path + ".missing")
    }
  }

  @Test func aCancelledImportStopsAsACancellationNotAsABadFile() throws {
    let bytes = try ONNXExport.encode(ONNXFixtures.convolutional(), producerVersion: "test")
    for poll in [1, 3, 20] {
      #expect(throws: CancellationError.self) {
        try Cancellation.run(with: CancellationToken(cancellingAtPoll: poll)) {
          _ = try ONNXImport.decode(bytes)
        }
      }
    }
  }
}
