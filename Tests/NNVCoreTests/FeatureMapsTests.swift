import NNVCore
import Testing

/// The feature maps of one image and the kernels of conv layers, on a tiny network whose
/// weights are set by hand and whose outputs are worked out on paper.
@Suite struct FeatureMapsTests {
  /// The 3×3 image
  ///
  ///     1 2 0
  ///     0 3 1
  ///     4 0 2
  static let image: [Float] = [1, 2, 0, 0, 3, 1, 4, 0, 2]

  /// conv (2 filters 2×2, relu) → maxpool 2 → flatten → dense 1, on [1, 3, 3] images.
  ///
  /// Filter 1 is [[1, 0], [0, −1]] with bias 0.5: x[r][c] − x[r+1][c+1] + 0.5 gives −1.5, 1.5,
  /// 0.5, 1.5, and relu 0, 1.5, 0.5, 1.5. Filter 2 is [[0, 1], [1, 0]] with bias −1:
  /// x[r][c+1] + x[r+1][c] − 1 gives 1, 2, 6, 0. The 2×2 max pool keeps 1.5 and 6.
  static func model() throws -> Sequential {
    var model = try Sequential(name: "cnn", inputShape: [1, 3, 3])
    let weight = try Tensor(shape: [2, 1, 2, 2], scalars: [1, 0, 0, -1, 0, 1, 1, 0])
    try model.append(
      try Conv2D(
        weight: weight, bias: try Tensor(shape: [2], scalars: [0.5, -1]), activation: .relu,
        name: "conv_1"))
    try model.append(try MaxPool2D(size: 2, name: "pool"))
    try model.append(Flatten())
    try model.append(try Dense(inputSize: 2, outputSize: 1, activation: .sigmoid, seed: 1))
    return model
  }

  static func sample() throws -> Tensor { try Tensor(shape: [1, 3, 3], scalars: image) }

  @Test func theInputAndEveryImageLayer() throws {
    let maps = try FeatureMaps.of(try Self.model(), sample: try Self.sample())
    #expect(maps.map(\.name) == ["input", "conv_1", "pool"])
    #expect(maps.map(\.number) == [0, 1, 2])
    #expect(maps.map(\.kind) == ["input", "conv", "maxpool"])
    let input = maps[0]
    #expect(input.channels == 1 && input.height == 3 && input.width == 3)
    #expect(input.values == Self.image)
    let conv = maps[1]
    #expect(conv.channels == 2 && conv.height == 2 && conv.width == 2)
    #expect(conv.activation == .relu && conv.configuration == "2 filters 2×2")
    let expected: [Float] = [0, 1.5, 0.5, 1.5, 1, 2, 6, 0]
    #expect(conv.values.count == expected.count)
    for (got, want) in zip(conv.values, expected) { #expect(abs(got - want) < 1e-6) }
    #expect(Array(conv.map(1)) == [1, 2, 6, 0])
    #expect(conv.extent(of: 0) == 0...1.5)
    #expect(conv.extent(of: 1) == 0...6)
    let pool = maps[2]
    #expect(pool.channels == 2 && pool.height == 1 && pool.width == 1)
    #expect(pool.values == [1.5, 6])
  }

  @Test func onlyTheLayersAskedFor() throws {
    let model = try Self.model()
    let pool = try FeatureMaps.of(model, sample: try Self.sample(), numbers: [2])
    #expect(pool.map(\.name) == ["input", "pool"])
    #expect(pool.last?.values == [1.5, 6])
    let conv = try FeatureMaps.of(model, sample: try Self.sample(), numbers: [1])
    #expect(conv.map(\.name) == ["input", "conv_1"])
    // A batch of one sample is one sample too.
    let batch = try Tensor(shape: [1, 1, 3, 3], scalars: Self.image)
    #expect(try FeatureMaps.of(model, sample: batch).count == 3)
  }

  @Test func channelsOutsideTheMapsAreEmpty() throws {
    let maps = try FeatureMaps.of(try Self.model(), sample: try Self.sample())
    #expect(maps[1].map(2).isEmpty && maps[1].map(-1).isEmpty)
    #expect(maps[1].extent(of: 5) == nil)
    let nan = FeatureMaps(
      name: "x", kind: "conv", number: 1, channels: 1, height: 1, width: 2,
      values: [.nan, 3])
    #expect(nan.extent(of: 0) == 3...3)
  }

  @Test func layersWithImageOutputsIncludeActivationsAndDropout() throws {
    var model = try Sequential(name: "net", inputShape: [1, 4, 4])
    try model.append(try Conv2D(inputChannels: 1, filters: 2, kernelSize: 3, seed: 1))
    try model.append(ActivationLayer(.relu))
    try model.append(try Dropout(rate: 0.5))
    try model.append(Flatten())
    try model.append(try Dense(inputSize: 8, outputSize: 2, activation: .softmax, seed: 2))
    #expect(FeatureMaps.imageLayers(of: model) == [0, 1, 2])
    let sample = Tensor(repeating: 1, shape: [1, 4, 4])
    let maps = try FeatureMaps.of(model, sample: sample)
    #expect(maps.count == 4)
    // Dropout is off at inference: its maps are the activation's.
    #expect(maps[3].values == maps[2].values)
    #expect(maps[2].values.allSatisfy { $0 >= 0 })
  }

  @Test func theInputIsShownAsGivenBeforeStandardization() throws {
    var model = try Self.model()
    model.standardizer = Standardizer(
      mean: Array(repeating: 1, count: 9), deviation: Array(repeating: 2, count: 9))
    let maps = try FeatureMaps.of(model, sample: try Self.sample())
    #expect(maps[0].values == Self.image)
    // The conv sees x' = (x − 1) / 2. Filter 2 gives x'01 + x'10 − 1 = 0.5 − 0.5 − 1 = −1 at
    // the top left, 0 after relu, and x'11 + x'20 − 1 = 1 + 1.5 − 1 = 1.5 at the bottom left.
    let top = try #require(maps[1].map(1).first)
    #expect(top == 0)
    #expect(abs(maps[1].map(1)[maps[1].map(1).startIndex + 2] - 1.5) < 1e-6)
  }

  @Test func aFlatModelHasNoMapsAndAWrongSampleIsAnError() throws {
    var flat = try Sequential(name: "flat", inputShape: [4])
    try flat.append(try Dense(inputSize: 4, outputSize: 2, seed: 1))
    #expect(FeatureMaps.imageLayers(of: flat).isEmpty)
    #expect(try FeatureMaps.of(flat, sample: Tensor([1, 2, 3, 4])).isEmpty)
    #expect(throws: LayerError.self) {
      _ = try FeatureMaps.of(try Self.model(), sample: Tensor(repeating: 0, shape: [1, 4, 4]))
    }
  }

  @Test func kernelsAreReadFiltersThenChannels() throws {
    // Two filters over two channels of 2×2 kernels: weight k = f·8 + c·4 + r·2 + col.
    let weight = try Tensor(shape: [2, 2, 2, 2], scalars: (0..<16).map { Float($0) - 7 })
    var model = try Sequential(name: "net", inputShape: [2, 4, 4])
    try model.append(try MaxPool2D(size: 1))
    try model.append(
      try Conv2D(weight: weight, bias: try Tensor(shape: [2], scalars: [0.25, -0.5])))
    try model.append(
      try Conv2D(inputChannels: 2, filters: 3, kernelSize: 3, seed: 4, name: "deep"))
    #expect(ConvFilters.convLayers(of: model) == [1, 2])
    let first = try #require(ConvFilters.of(model, number: 1))
    #expect(first.filters == 2 && first.channels == 2 && first.size == 2)
    #expect(first.readsInputChannels)
    #expect(first.kernel(filter: 0, channel: 0) == [[-7, -6], [-5, -4]])
    #expect(first.kernel(filter: 1, channel: 0) == [[1, 2], [3, 4]])
    #expect(first.kernel(filter: 0, channel: 1) == [[-3, -2], [-1, 0]])
    #expect(first.kernel(filter: 1, channel: 1) == [[5, 6], [7, 8]])
    #expect(first.kernel(filter: 2, channel: 0).isEmpty)
    #expect(first.bias == [0.25, -0.5])
    #expect(first.largestMagnitude == 8)
    let deep = try #require(ConvFilters.of(model, number: 2))
    #expect(deep.name == "deep" && deep.number == 2 && !deep.readsInputChannels)
    #expect(deep.filters == 3 && deep.channels == 2 && deep.size == 3)
    #expect(deep.kernel(filter: 2, channel: 1).flatMap { $0 } == Array(deep.weights[45..<54]))
    #expect(ConvFilters.of(model, number: 3) == nil)
    #expect(ConvFilters.of(model, number: 0) == nil)
  }
}
