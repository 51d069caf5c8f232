import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// A model file read by a reader that follows only Docs/model-file.md (`ModelFileReader`)
/// predicts what nnv predicts: every layer kind, setting, activation and the standardization,
/// with random weights and biases so that no tensor's layout can hide behind zeros.
@Suite struct ModelFileReaderTests {
  /// Replaces every parameter with random values in [−1, 1].
  static func randomized(_ model: Sequential, seed: UInt64) -> Sequential {
    var model = model
    model.parameters = model.parameters.enumerated().map { i, tensors in
      tensors.enumerated().map { j, tensor in
        randomTensor(tensor.shape, seed: seed &+ UInt64(100 * i + j))
      }
    }
    return model
  }

  /// nnv's predictions for `count` random samples and the reader's, which must agree to
  /// single-precision rounding.
  static func expectSamePredictions(
    _ model: Sequential, count: Int = 4, scale: Float = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let bytes = try ModelArchive.encode(model)
    let reader = try ModelFileReader(bytes)
    let inputs = randomTensor([count] + model.inputShape, seed: 42).map { $0 * scale }
    let expected = try model.predict(inputs)
    let width = expected.count / count
    let size = inputs.count / count
    var largest = 0.0
    for i in 0..<count {
      let sample = inputs.scalars[(i * size)..<((i + 1) * size)].map(Double.init)
      let got = try reader.predict(sample)
      #expect(got.count == width, sourceLocation: sourceLocation)
      for (k, value) in got.enumerated() where k < width {
        let want = Double(expected.scalars[i * width + k])
        largest = max(largest, abs(value - want) / max(1, abs(want)))
      }
    }
    #expect(
      largest < 1e-4, "largest relative difference \(largest)", sourceLocation: sourceLocation)
  }

  @Test func aDenseNetworkWithStandardizationAndEveryActivation() throws {
    var model = try Sequential(name: "mlp", inputShape: [5])
    try model.append(
      Dense(inputSize: 5, outputSize: 8, activation: .leakyRelu(slope: 0.2), seed: 1))
    try model.append(Dropout(rate: 0.3))
    try model.append(ActivationLayer(.gelu))
    try model.append(Dense(inputSize: 8, outputSize: 6, activation: .tanh, seed: 2, name: "d2"))
    try model.append(Dense(inputSize: 6, outputSize: 6, activation: .sigmoid, seed: 3, name: "d3"))
    try model.append(Dense(inputSize: 6, outputSize: 5, activation: .relu, seed: 4, name: "d4"))
    try model.append(ActivationLayer(.leakyRelu(slope: 0.05), name: "leaky"))
    try model.append(Dense(inputSize: 5, outputSize: 3, activation: .softmax, seed: 5, name: "out"))
    model = Self.randomized(model, seed: 7)
    model.standardizer = Standardizer(
      mean: [0.5, -1, 2, 0, 10], deviation: [2, 0.5, 1, 3, 0.25])
    try Self.expectSamePredictions(model, scale: 3)
    // The reader saw the standardization: without it, it would predict something else.
    var reader = try ModelFileReader(try ModelArchive.encode(model))
    let sample: [Double] = [1, 2, 3, 4, 5]
    let standardized = try reader.predict(sample)
    reader.mean = nil
    #expect(try reader.predict(sample) != standardized)
  }

  @Test func aConvolutionalNetworkWithBothPaddingsAndPoolings() throws {
    var model = try Sequential(name: "cnn", inputShape: [2, 9, 8])
    // [2, 9, 8] → same, stride 2: [3, 5, 4] → same, even kernel: [2, 5, 4] → maxpool 2
    // stride 1: [2, 4, 3] → valid: [4, 3, 2] → avgpool 2 stride 1: [4, 2, 1] → [8] → [3].
    try model.append(
      Conv2D(
        inputChannels: 2, filters: 3, kernelSize: 3, stride: 2, padding: .same,
        activation: .relu, seed: 1))
    try model.append(
      Conv2D(
        inputChannels: 3, filters: 2, kernelSize: 2, padding: .same, activation: .tanh, seed: 2,
        name: "even"))
    try model.append(MaxPool2D(size: 2, stride: 1))
    try model.append(
      Conv2D(
        inputChannels: 2, filters: 4, kernelSize: 2, activation: .gelu, seed: 3, name: "valid"))
    try model.append(AvgPool2D(size: 2, stride: 1))
    try model.append(Flatten())
    try model.append(Dense(inputSize: 8, outputSize: 3, activation: .softmax, seed: 4))
    #expect(
      model.outputShapes == [[3, 5, 4], [2, 5, 4], [2, 4, 3], [4, 3, 2], [4, 2, 1], [8], [3]])
    try Self.expectSamePredictions(Self.randomized(model, seed: 11))
  }

  @Test func recurrentNetworksOfEveryCellWithAndWithoutBiases() throws {
    var steps = try Sequential(name: "steps", inputShape: [6, 3])
    try steps.append(
      Recurrent(.rnn(.relu), inputSize: 3, units: 4, returnsSequences: true, seed: 1))
    try steps.append(Recurrent(.lstm, inputSize: 4, units: 5, returnsSequences: true, seed: 2))
    try steps.append(Recurrent(.gru, inputSize: 5, units: 3, returnsSequences: true, seed: 3))
    try steps.append(Dense(inputSize: 3, outputSize: 2, activation: .softmax, seed: 4))
    try Self.expectSamePredictions(Self.randomized(steps, seed: 21))

    var last = try Sequential(name: "last", inputShape: [5, 2])
    try last.append(
      Recurrent(.rnn(.tanh), inputSize: 2, units: 3, returnsSequences: true, bias: false, seed: 1))
    try last.append(
      Recurrent(.gru, inputSize: 3, units: 4, returnsSequences: true, bias: false, seed: 2))
    try last.append(Recurrent(.lstm, inputSize: 4, units: 3, bias: false, seed: 3))
    try last.append(Dense(inputSize: 3, outputSize: 1, activation: .sigmoid, seed: 4))
    #expect(last.parameters[0].map(\.shape) == [[2, 3], [3, 3]])
    try Self.expectSamePredictions(Self.randomized(last, seed: 31))
  }

  @Test func theReaderRefusesWhatTheDocumentSaysToRefuse() throws {
    var model = try Sequential(name: "m", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 1, seed: 1))
    let bytes = try ModelArchive.encode(model)
    _ = try ModelFileReader(bytes)
    var flipped = bytes
    flipped[bytes.count - 12] ^= 1  // a weight's bit: only the checksum notices
    #expect(throws: ModelFileReader.Problem.self) { try ModelFileReader(flipped) }
    #expect(throws: ModelFileReader.Problem.self) { try ModelFileReader(bytes.prefix(30)) }
    #expect(throws: (any Error).self) { try ModelArchive.decode(flipped) }
  }
}
