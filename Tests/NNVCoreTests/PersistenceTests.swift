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

  @Test func nonFiniteValuesInTheHeaderAreSavedAndReadBack() throws {
    // A run that diverged leaves NaN and infinite losses in the history; JSON has no numbers
    // for them, so they are written as strings and read back as numbers. A standardizer that
    // is not finite can be saved too, but is refused on loading: it could not predict.
    var model = try trainedModel()
    model.history.epochs[0].loss = .nan
    model.history.epochs[1].validationLoss = .infinity
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ModelArchive.save(model, to: path)
    let loaded = try ModelArchive.load(from: path)
    #expect(loaded.history.epochs[0].loss.isNaN)
    #expect(loaded.history.epochs[1].validationLoss == .infinity)
    #expect(loaded.parameters == model.parameters)
    model.standardizer = Standardizer(mean: [.infinity, .nan], deviation: [-.infinity, 1])
    try ModelArchive.save(model, to: path)
    #expect(throws: PersistenceError.self) { try ModelArchive.load(from: path) }
  }

  @Test func readingAFIFOOrADirectoryIsRefusedWithoutBlocking() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnv-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(mkfifo(directory + "/pipe.nnvm", 0o644) == 0)
    for (path, reason) in [
      (directory + "/pipe.nnvm", "it is a FIFO (named pipe), not a regular file"),
      (directory, "it is a directory"),
      ("/dev/zero", "it is a character device, not a regular file"),
      (directory + "/none.nnvm", "no such file"),
    ] {
      #expect(throws: PersistenceError.cannotRead(path: path, reason: reason)) {
        try ModelArchive.load(from: path)
      }
    }
    // A file larger than the limit is refused before it is read (a sparse file: no disk used).
    let big = directory + "/big.nnvm"
    let fd = open(big, O_WRONLY | O_CREAT, 0o644)
    #expect(fd >= 0 && ftruncate(fd, off_t(ModelArchive.maximumFileSize) + 1) == 0)
    close(fd)
    do {
      _ = try ModelArchive.load(from: big)
      Issue.record("an oversized file was read")
    } catch {
      #expect("\(error)".contains("more than the 1 GiB nnv reads for a model file"), "\(error)")
    }
  }

  @Test func unwritableDirectoryIsAWriteError() throws {
    let model = try trainedModel()
    #expect(throws: PersistenceError.self) {
      try ModelArchive.save(model, to: "/nonexistent/dir/m.nnvm")
    }
  }
}
