import NNVCore
import NNVTestSupport
import Testing

/// What the `activations` and `weights` views show of a convolutional network, worked out on
/// paper: each channel's mean and activity, dead and saturated channels, and the spread of a
/// conv layer's kernels.
@Suite struct ConvInspectionTests {
  @Test func channelsAreReadFromTheirMaps() throws {
    // 2 samples, 3 channels of 2×2. Channel 0 is zero everywhere (dead); channel 1 is 1, 2,
    // 3, 4 then 0, 0, 0, 8; channel 2 is 1e-7 except one value of 0.5 in the second sample.
    let maps = try Tensor(
      shape: [2, 3, 2, 2],
      scalars: [
        0, 0, 0, 0, 1, 2, 3, 4, 1e-7, 1e-7, 1e-7, 1e-7,
        0, 0, 0, 0, 0, 0, 0, 8, 1e-7, 0.5, 1e-7, 1e-7,
      ])
    let activity = try ChannelActivity(maps, activation: .relu)
    #expect(activity.channels == 3 && activity.height == 2 && activity.width == 2)
    #expect(activity.means.shape == [2, 3])
    let expected: [Float] = [0, 2.5, 1e-7, 0, 2, (0.5 + 3e-7) / 4]
    for (got, want) in zip(activity.means.scalars, expected) { #expect(abs(got - want) < 1e-7) }
    #expect(activity.overallMeans.count == 3)
    #expect(abs(activity.overallMeans[1] - 18.0 / 8) < 1e-6)
    // Active: every value of channel 1 but the three zeros (5 of 8), one of channel 2's.
    #expect(activity.activeFractions == [0, 5.0 / 8, 1.0 / 8])
    #expect(activity.dead == [0] && activity.saturated.isEmpty)
  }

  @Test func sigmoidAndTanhChannelsSaturateOnlyWhenEveryValueDoes() throws {
    // Channel 0 is within 0.01 of 0 or 1 at every position, channel 1 has one 0.5.
    let sigmoid = try Tensor(
      shape: [1, 2, 1, 3], scalars: [0.001, 0.999, 0.995, 0.999, 0.5, 0.001])
    #expect(try ChannelActivity(sigmoid, activation: .sigmoid).saturated == [0])
    #expect(try ChannelActivity(sigmoid, activation: .relu).saturated.isEmpty)
    let tanh = try Tensor(shape: [1, 2, 1, 2], scalars: [0.98, -0.999, -0.995, 0.999])
    #expect(try ChannelActivity(tanh, activation: .tanh).saturated == [1])
    #expect(throws: LayerError.self) {
      try ChannelActivity(Tensor.zeros([2, 3]), activation: .relu)
    }
  }

  /// A conv layer of two 1×1 filters on one channel: filter 1 is relu(x), filter 2 is
  /// relu(−x − 1), which never fires on inputs of 0 or more; then a max pool.
  func twoFilterModel() throws -> Sequential {
    var model = try Sequential(name: "cnn", inputShape: [1, 2, 2])
    try model.append(
      Conv2D(
        weight: try Tensor(shape: [2, 1, 1, 1], scalars: [1, -1]), bias: Tensor([0, -1]),
        activation: .relu, name: "conv_1"))
    try model.append(try MaxPool2D(size: 2, name: "maxpool_1"))
    try model.append(Flatten(name: "flatten_1"))
    try model.append(Dense(inputSize: 2, outputSize: 2, activation: .softmax, name: "dense_1"))
    return model
  }

  @Test func everyLayerOfMapsHasChannelsAndFlatLayersHaveUnits() throws {
    let model = try twoFilterModel()
    let images = try Tensor(shape: [2, 1, 2, 2], scalars: [0, 1, 2, 3, 4, 0, 0, 0])
    let data = Dataset(name: "images", features: images, labels: [0, 1], classNames: [])
    let layers = try LayerActivity.of(model, on: data, limit: 10)
    #expect(layers.map { $0.channels != nil } == [true, true, false, false])
    let conv = try #require(layers[0].channels)
    #expect(conv.dead == [1])
    // Filter 1's maps are the images: means 1.5 and 1.
    #expect(conv.means.scalars == [1.5, 0, 1, 0])
    let pool = try #require(layers[1].channels)
    #expect(pool.height == 1 && pool.width == 1)
    #expect(pool.means.scalars == [3, 0, 4, 0] && pool.dead == [1])
  }

  @Test func kernelStatisticsOverTheLayerAndFilterByFilter() throws {
    // Filter 1: 1, −1, 2, 0 over one channel; filter 2: 3, 4, 0, NaN (left out).
    var model = try Sequential(inputShape: [1, 3, 3])
    try model.append(
      Conv2D(
        weight: try Tensor(shape: [2, 1, 2, 2], scalars: [1, -1, 2, 0, 3, 4, 0, .nan]),
        bias: Tensor([0.5, -0.5]), name: "conv_1"))
    let distribution = try #require(KernelDistribution.of(model, number: 1))
    #expect(KernelDistribution.of(model, number: 2) == nil)
    #expect(distribution.kernels.filters == 2 && distribution.kernels.size == 2)
    let first = distribution.perFilter[0]
    #expect(first.count == 4 && first.minimum == -1 && first.maximum == 2 && first.mean == 0.5)
    // Population deviation of 1, −1, 2, 0: √((0.25 + 2.25 + 2.25 + 0.25) / 4) = √1.25.
    #expect(abs(first.standardDeviation - Float(1.25).squareRoot()) < 1e-6)
    #expect(abs(first.norm - Float(6).squareRoot()) < 1e-6)
    let second = distribution.perFilter[1]
    #expect(second.count == 3 && second.minimum == 0 && second.maximum == 4)
    #expect(abs(second.norm - 5) < 1e-6)
    let overall = distribution.overall
    #expect(overall.count == 7 && overall.minimum == -1 && overall.maximum == 4)
    #expect(abs(overall.mean - 9.0 / 7) < 1e-6)
    #expect(KernelDistribution.Statistics([Float]()).count == 0)
  }
}
