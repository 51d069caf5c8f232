import Foundation
import NNVCore
import NNVTestSupport
import Testing

@Suite struct PersistenceTests {
  func trainedModel() throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(
      Dense(
        inputSize: 2, outputSize: 6, activation: .leakyRelu(slope: 0.2), seed: 1, name: "hidden"))
    try model.append(Dropout(rate: 0.1, name: "drop"))
    try model.append(Dense(inputSize: 6, outputSize: 3, activation: .softmax, seed: 2, name: "out"))
    let data = try SyntheticDatasets.gauss(n: 60, classes: 3, seed: 1)
    model.standardizer = try Standardizer(fitting: data.features)
    model.classNames = data.classNames
    model.featureNames = data.featureNames
    try Trainer.train(
      &model, on: data, optimizer: Adam(),
      options: TrainingOptions(epochs: 3, loss: .categoricalCrossEntropy))
    return model
  }

  func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("nnv-\(UUID()).nnvm").path
  }

  @Test func roundTripKeepsEverything() throws {
    let model = try trainedModel()
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelArchive.save(model, to: path)
    let loaded = try ModelArchive.load(from: path)
    #expect(loaded.name == "net" && loaded.inputShape == [2])
    #expect(loaded.layers.map(\.name) == ["hidden", "drop", "out"])
    #expect(loaded.layers.map(\.activation) == model.layers.map(\.activation))
    #expect(loaded.parameters == model.parameters)
    #expect(loaded.standardizer == model.standardizer)
    #expect(loaded.history == model.history && loaded.history.epochs.count == 3)
    #expect(loaded.classNames == model.classNames)
    let x = randomTensor([5, 2], seed: 3)
    #expect(try loaded.predict(x) == model.predict(x))
    // No temporary files are left beside the model.
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.contains(URL(fileURLWithPath: path).lastPathComponent) && $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  func expectInvalid(
    _ data: Data, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try ModelArchive.decode(data, path: "m.nnvm")
      Issue.record("expected an error", sourceLocation: sourceLocation)
    } catch let PersistenceError.invalidFile(path, reason) {
      #expect(path == "m.nnvm", sourceLocation: sourceLocation)
      #expect(reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func truncatedCorruptAndForeignFilesAreRejected() throws {
    let bytes = try ModelArchive.encode(trainedModel())
    expectInvalid(bytes.prefix(bytes.count - 10), containing: "checksum")
    expectInvalid(bytes.prefix(20), containing: "signature")
    expectInvalid(Data("hello, world, this is not a model".utf8), containing: "signature")
    var flipped = bytes
    flipped[flipped.count / 2] ^= 0x40
    expectInvalid(flipped, containing: "checksum")
    var newer = bytes
    newer[8] = 9
    expectInvalid(newer, containing: "format version 9")
    var longHeader = bytes
    longHeader[15] = 0x7f
    expectInvalid(longHeader, containing: "truncated")
  }

  @Test func missingFileIsAReadError() {
    #expect(throws: PersistenceError.self) {
      try ModelArchive.load(from: "/nonexistent/dir/m.nnvm")
    }
  }

  @Test func unwritableDirectoryIsAWriteError() throws {
    let model = try trainedModel()
    #expect(throws: PersistenceError.self) {
      try ModelArchive.save(model, to: "/nonexistent/dir/m.nnvm")
    }
  }
}
