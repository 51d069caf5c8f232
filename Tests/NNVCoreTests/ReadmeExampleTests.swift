import Foundation
import NNVCore
import Testing

/// The README's Swift example, run as written.
@Suite struct ReadmeExampleTests {
  static let readmeExample = """
    let parts = try SyntheticDatasets.xor(n: 400, seed: 7).split(test: 0.25, seed: 1)
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try net.append(Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: 2))
    let options = TrainingOptions(epochs: 300, batchSize: 32, loss: .binaryCrossEntropy,
                                  validation: parts.test)
    try Trainer.train(&net, on: parts.train, optimizer: Adam(learningRate: 0.03), options: options)
    if let last = net.history.last { print(last) }       // loss, accuracy, validation metrics
    try ModelArchive.save(net, to: "xor.nnvm")           // atomic: temporary file, then rename
    """

  @Test func readmeShowsThisExample() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(ReadmeExampleTests.readmeExample))
  }

  @Test func exampleRunsAndLearnsXOR() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("nnv-readme-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(directory.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }

    // The README's code, verbatim (keep in sync with `readmeExample`).
    let parts = try SyntheticDatasets.xor(n: 400, seed: 7).split(test: 0.25, seed: 1)
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try net.append(Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: 2))
    let options = TrainingOptions(
      epochs: 300, batchSize: 32, loss: .binaryCrossEntropy,
      validation: parts.test)
    try Trainer.train(&net, on: parts.train, optimizer: Adam(learningRate: 0.03), options: options)
    if let last = net.history.last { print(last) }  // loss, accuracy, validation metrics
    try ModelArchive.save(net, to: "xor.nnvm")  // atomic: temporary file, then rename

    #expect(net.history.last?.validationAccuracy == 1)
    #expect(try ModelArchive.load(from: "xor.nnvm").parameters == net.parameters)
  }
}
