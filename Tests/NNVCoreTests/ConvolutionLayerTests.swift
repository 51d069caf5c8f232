import NNVCore
import NNVTestSupport
import Testing

/// The conv and pooling layers: shapes, errors for shapes that do not fit, and a small
/// convolutional network learning the digits.
@Suite struct ConvolutionLayerTests {
  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func staticShapesMatchTheBuiltLayers() throws {
    #expect(try Conv2D.outputShape(for: [1, 28, 28], filters: 8, kernelSize: 3) == [8, 26, 26])
    #expect(
      try Conv2D.outputShape(for: [3, 28, 28], filters: 4, kernelSize: 5, padding: .same)
        == [4, 28, 28])
    #expect(
      try Conv2D.outputShape(
        for: [3, 28, 27], filters: 4, kernelSize: 3, stride: 2, padding: .same)
        == [4, 14, 14])
    #expect(try MaxPool2D.outputShape(for: [8, 26, 26], size: 2) == [8, 13, 13])
    #expect(try MaxPool2D.outputShape(for: [16, 11, 11], size: 2) == [16, 5, 5])
    #expect(try AvgPool2D.outputShape(for: [2, 7, 9], size: 3, stride: 1) == [2, 5, 7])
    let conv = try Conv2D(inputChannels: 3, filters: 4, kernelSize: 3, stride: 2, padding: .same)
    #expect(try conv.outputShape(for: [3, 28, 27]) == [4, 14, 14])
    #expect(conv.parameterCount == 4 * 3 * 9 + 4)
    #expect(conv.weight.shape == [4, 3, 3, 3] && conv.bias.shape == [4])
    #expect(conv.kind == "conv" && conv.configuration == "4 filters 3×3 stride 2 same")
    let pool = try MaxPool2D(size: 2)
    #expect(pool.kind == "maxpool" && pool.stride == 2 && pool.configuration == "2×2")
    #expect(try AvgPool2D(size: 3, stride: 1).configuration == "3×3 stride 1")
  }

  @Test func aFlatInputIsNotAnImage() {
    let text = message { _ = try Conv2D.outputShape(for: [64], filters: 8, kernelSize: 3) }
    #expect(text.contains("[channels, height, width]") && text.contains("[1, 8, 8]"), "\(text)")
    let pool = message { _ = try MaxPool2D.outputShape(for: [10], size: 2, name: "maxpool_1") }
    #expect(pool.contains("maxpool_1 (maxpool)") && pool.contains("[10]"), "\(pool)")
    let grey = message { _ = try AvgPool2D.outputShape(for: [28, 28], size: 2) }
    #expect(grey.contains("[1, 28, 28]"), "\(grey)")
  }

  @Test func aKernelLargerThanTheImageIsReported() {
    let text = message {
      _ = try Conv2D.outputShape(for: [1, 3, 4], filters: 2, kernelSize: 5, name: "conv_2")
    }
    #expect(text.contains("conv_2 (conv)") && text.contains("5×5") && text.contains("same"))
    #expect(
      (try? Conv2D.outputShape(for: [1, 3, 4], filters: 2, kernelSize: 5, padding: .same))
        == [2, 3, 4])
    let pool = message { _ = try MaxPool2D.outputShape(for: [8, 2, 2], size: 3) }
    #expect(pool.contains("3×3 window") && pool.contains("[8, 2, 2]"), "\(pool)")
  }

  @Test func sizesAndStridesBelowOneAreReported() {
    let cases: [(String, () throws -> Void)] = [
      (
        "stride",
        { _ = try Conv2D.outputShape(for: [1, 8, 8], filters: 2, kernelSize: 3, stride: 0) }
      ),
      ("kernel size", { _ = try Conv2D.outputShape(for: [1, 8, 8], filters: 2, kernelSize: -1) }),
      ("filters", { _ = try Conv2D.outputShape(for: [1, 8, 8], filters: 0, kernelSize: 3) }),
      ("pooling size", { _ = try MaxPool2D.outputShape(for: [1, 8, 8], size: 0) }),
      ("stride", { _ = try AvgPool2D.outputShape(for: [1, 8, 8], size: 2, stride: -2) }),
      ("stride", { _ = try Conv2D(inputChannels: 1, filters: 2, kernelSize: 3, stride: 0) }),
      ("pooling size", { _ = try MaxPool2D(size: -3) }),
    ]
    for (word, body) in cases {
      #expect(throws: LayerError.self) { try body() }
      let text = message(body)
      #expect(text.contains(word) && text.contains("at least 1"), "\(text)")
    }
  }

  @Test func absurdSizesAreLimitErrorsBeforeAnyAllocation() {
    #expect(throws: LimitError.self) {
      _ = try Conv2D(inputChannels: 1_000_000, filters: 1_000_000, kernelSize: 3)
    }
    #expect(throws: LimitError.self) {
      _ = try Conv2D(inputChannels: 1, filters: 1, kernelSize: Int.max)
    }
    #expect(throws: LimitError.self) {
      _ = try Conv2D.outputShape(for: [1, 8, 8], filters: 1_000_000_000, kernelSize: 3)
    }
    // 1,000 filters over a 30,000 × 30,000 image: 9 × 10^11 outputs.
    #expect(throws: LimitError.self) {
      _ = try Conv2D.outputShape(for: [1, 30_000, 30_000], filters: 1000, kernelSize: 1)
    }
    #expect(throws: (any Error).self) {
      _ = try Conv2D.outputShape(
        for: [1, 8, 8], filters: 1, kernelSize: Int.max / 2, padding: .same)
    }
    #expect(throws: LimitError.self) {
      _ = try MaxPool2D.outputShape(for: [1, Int.max, 8], size: 2)
    }
  }

  @Test func softmaxAndMismatchedChannelsAreRefused() throws {
    #expect(throws: LayerError.self) {
      _ = try Conv2D(inputChannels: 1, filters: 2, kernelSize: 3, activation: .softmax)
    }
    let conv = try Conv2D(inputChannels: 3, filters: 2, kernelSize: 3, name: "conv_1")
    let text = message { _ = try conv.outputShape(for: [1, 8, 8]) }
    #expect(text.contains("3 channels") && text.contains("[1, 8, 8]"), "\(text)")
    #expect(throws: LayerError.self) {
      _ = try Conv2D(weight: randomTensor([2, 1, 3, 2], seed: 1), bias: Tensor.zeros([2]))
    }
  }

  @Test func initializersAreSeededWithConvolutionFans() throws {
    let a = try Conv2D(inputChannels: 2, filters: 4, kernelSize: 3, seed: 9)
    let b = try Conv2D(inputChannels: 2, filters: 4, kernelSize: 3, seed: 9)
    #expect(a.weight == b.weight)
    // Glorot uniform: |w| < √(6 / (2·9 + 4·9)).
    let limit = Float((6.0 / 54.0).squareRoot())
    #expect(a.weight.scalars.allSatisfy { abs($0) < limit })
    #expect(a.weight.scalars.contains { abs($0) > limit * 0.8 })
    let he = try Conv2D(
      inputChannels: 2, filters: 4, kernelSize: 3, initializer: .heNormal, seed: 9)
    #expect(he.weight != a.weight && he.bias.scalars.allSatisfy { $0 == 0 })
  }

  @Test func aSequentialNetworkInfersImageShapes() throws {
    var model = try Sequential(inputShape: [1, 8, 8])
    try model.append(Conv2D(inputChannels: 1, filters: 4, kernelSize: 3, activation: .relu))
    try model.append(MaxPool2D(size: 2))
    try model.append(Flatten())
    try model.append(Dense(inputSize: 36, outputSize: 10, activation: .softmax))
    #expect(model.outputShapes == [[4, 6, 6], [4, 3, 3], [36], [10]])
    let out = try model.predict(randomTensor([5, 1, 8, 8], seed: 1, in: 0...1))
    #expect(out.shape == [5, 10])
    var dense = try Sequential(inputShape: [1, 8, 8])
    try dense.append(Conv2D(inputChannels: 1, filters: 4, kernelSize: 3))
    #expect(throws: LayerError.self) { try dense.append(Dense(inputSize: 144, outputSize: 2)) }
  }

  /// Digits as 1×8×8 images, split 75/25 with a fixed seed.
  func digitImages() throws -> (train: Dataset, test: Dataset) {
    var digits = try BundledDatasets.digits()
    digits.features = try digits.features.reshaped([digits.count, 1, 8, 8])
    return try digits.split(test: 0.25, seed: 5)
  }

  /// conv 8 size 3 relu (He init), maxpool 2, flatten, dense 10 softmax on 1×8×8 images.
  func digitsNetwork() throws -> Sequential {
    var net = try Sequential(name: "cnn", inputShape: [1, 8, 8])
    try net.append(
      Conv2D(
        inputChannels: 1, filters: 8, kernelSize: 3, activation: .relu, initializer: .heNormal,
        seed: 1))
    try net.append(MaxPool2D(size: 2))
    try net.append(Flatten())
    try net.append(Dense(inputSize: 72, outputSize: 10, activation: .softmax, seed: 2))
    return net
  }

  @Test func trainingAConvolutionalNetworkIsReproducible() throws {
    let parts = try digitImages()
    var weights: [[[Tensor]]] = []
    for _ in 0..<2 {
      var net = try digitsNetwork()
      let options = TrainingOptions(epochs: 2, batchSize: 64, loss: .categoricalCrossEntropy)
      try Trainer.train(
        &net, on: parts.train, optimizer: Adam(learningRate: 0.01), options: options)
      weights.append(net.parameters)
    }
    #expect(weights[0] == weights[1])
    #expect(weights[0][0][0] != (try digitsNetwork()).parameters[0][0])
  }

  @Test func aConvolutionalNetworkLearnsTheDigits() throws {
    let parts = try digitImages()
    var net = try digitsNetwork()
    let before = try #require(
      try Metrics.evaluate(net, on: parts.test, loss: .categoricalCrossEntropy).accuracy)
    let options = TrainingOptions(epochs: 15, batchSize: 32, loss: .categoricalCrossEntropy)
    let outcome = try Trainer.train(
      &net, on: parts.train, optimizer: Adam(learningRate: 0.01), options: options)
    #expect(outcome == .completed(epochs: 15))
    let after = try #require(
      try Metrics.evaluate(net, on: parts.test, loss: .categoricalCrossEntropy).accuracy)
    #expect(before < 0.3, "untrained accuracy \(before)")
    // 97.6% with this seed; the threshold leaves room for sums added in another order.
    #expect(after > 0.96, "held-out accuracy after training \(after)")
  }
}
