import NNVCore
import NNVTestSupport
import Testing

@Suite struct AttributionTests {
  /// A linear classifier: its target logit is exactly w_target · x + b_target.
  func linearModel() throws -> Sequential {
    var model = try Sequential(inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 7))
    model.parameters[0][1] = Tensor([0.1, -0.2, 0.3])
    return model
  }

  @Test func linearModelAttributionsAreExact() throws {
    let model = try linearModel()
    let x = randomTensor([6, 4], seed: 1)
    let w = model.parameters[0][0]
    let targets = [0, 1, 2, 0, 1, 2]
    let gradient = try Attributor.attribute(
      model, inputs: x, method: .gradient(absolute: false), targets: targets)
    let product = try Attributor.attribute(
      model, inputs: x, method: .gradientTimesInput, targets: targets)
    let integrated = try Attributor.attribute(
      model, inputs: x, method: .integratedGradients, targets: targets)
    let occluded = try Attributor.attribute(
      model, inputs: x, method: .occlusion(patch: 1, stride: 1, fill: 0), targets: targets)
    for (i, t) in targets.enumerated() {
      for j in 0..<4 {
        let weight = w.scalars[j * 3 + t]
        let xi = x.scalars[i * 4 + j]
        #expect(gradient.values.scalars[i * 4 + j] == weight)
        #expect(abs(product.values.scalars[i * 4 + j] - weight * xi) < 1e-6)
        #expect(abs(integrated.values.scalars[i * 4 + j] - weight * xi) < 1e-5)
        #expect(abs(occluded.values.scalars[i * 4 + j] - weight * xi) < 1e-5)
      }
    }
    // Completeness holds exactly for a linear model.
    #expect(try #require(integrated.completenessGaps).allSatisfy { $0 < 1e-5 })
  }

  @Test func smoothGradWithoutNoiseIsTheGradient() throws {
    var model = try Sequential(inputShape: [3])
    try model.append(Dense(inputSize: 3, outputSize: 5, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 5, outputSize: 2, activation: .softmax, seed: 2))
    let x = randomTensor([4, 3], seed: 2)
    let plain = try Attributor.attribute(model, inputs: x, method: .gradient(absolute: false))
    let smooth = try Attributor.attribute(
      model, inputs: x, method: .smoothGrad(samples: 5, noise: 0, variant: .mean))
    let variance = try Attributor.attribute(
      model, inputs: x, method: .smoothGrad(samples: 5, noise: 0, variant: .variance))
    for (a, b) in zip(plain.values.scalars, smooth.values.scalars) { #expect(abs(a - b) < 1e-6) }
    #expect(variance.values.scalars.allSatisfy { abs($0) < 1e-10 })
    let noisy = try Attributor.attribute(
      model, inputs: x, method: .smoothGrad(samples: 20, noise: 0.2, variant: .squared), seed: 3)
    #expect(noisy.values.scalars.allSatisfy { $0 >= 0 })
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(
        model, inputs: x, method: .smoothGrad(samples: 0, noise: 0.1, variant: .mean))
    }
  }

  /// A dense digits network, trained once for the tests below.
  static let digits: (model: Sequential, test: Dataset)? = {
    guard let parts = try? BundledDatasets.digits().split(test: 0.25, seed: 5),
      var model = try? Sequential(inputShape: [64]),
      (try? model.append(Dense(inputSize: 64, outputSize: 64, activation: .relu, seed: 1))) != nil,
      (try? model.append(Dense(inputSize: 64, outputSize: 10, activation: .softmax, seed: 2)))
        != nil,
      (try? Trainer.train(
        &model, on: parts.train, optimizer: Adam(learningRate: 0.005),
        options: TrainingOptions(epochs: 20, loss: .categoricalCrossEntropy))) != nil
    else { return nil }
    return (model, parts.test)
  }()

  @Test func integratedGradientsIsCompleteWithinOnePercentOnDigits() throws {
    let (model, test) = try #require(Self.digits)
    let x = try test.features.rows(0..<100)
    let result = try Attributor.attribute(model, inputs: x, method: .integratedGradients)
    let gaps = try #require(result.completenessGaps)
    let baseline = try Attributor.attribute(
      model, inputs: Tensor.zeros([100, 64]), method: .gradient(absolute: false),
      targets: result.targets)
    var worst: Float = 0
    for i in 0..<100 {
      let difference = abs(result.scores[i] - baseline.scores[i])
      worst = max(worst, gaps[i] / max(difference, 1e-6))
    }
    #expect(worst < 0.01, "worst relative completeness gap \(worst)")
  }

  @Test func inkedPixelsMatterMoreThanBlankOnes() throws {
    let (model, test) = try #require(Self.digits)
    let result = try Attributor.attribute(
      model, inputs: test.features, method: .smoothGrad(samples: 20, noise: 0.1, variant: .mean),
      seed: 1)
    var ink = (0.0, 0)
    var blank = (0.0, 0)
    for (value, pixel) in zip(result.values.scalars, test.features.scalars) {
      if pixel > 0.25 { ink = (ink.0 + Double(abs(value)), ink.1 + 1) }
      if pixel == 0 { blank = (blank.0 + Double(abs(value)), blank.1 + 1) }
    }
    let inkMean = ink.0 / Double(ink.1)
    let blankMean = blank.0 / Double(blank.1)
    #expect(inkMean > blankMean, "ink \(inkMean) vs blank \(blankMean)")
  }

  @Test func anIrrelevantNoiseFeatureRanksLast() throws {
    // Two informative features (the gauss blobs) and a third of pure noise.
    let blobs = try SyntheticDatasets.gauss(n: 300, classes: 3, noise: 0.15, seed: 4)
    var random = RandomGenerator(seed: 9)
    var scalars: [Float] = []
    for i in 0..<blobs.count {
      scalars += [
        blobs.features.scalars[2 * i], blobs.features.scalars[2 * i + 1], random.uniform(-1, 1),
      ]
    }
    let data = Dataset(
      name: "blobs+noise", features: try Tensor(shape: [blobs.count, 3], scalars: scalars),
      labels: blobs.labels, classNames: blobs.classNames)
    var model = try Sequential(inputShape: [3])
    try model.append(Dense(inputSize: 3, outputSize: 16, activation: .relu, seed: 1))
    try model.append(Dense(inputSize: 16, outputSize: 3, activation: .softmax, seed: 2))
    try Trainer.train(
      &model, on: data, optimizer: Adam(learningRate: 0.01),
      options: TrainingOptions(epochs: 60, loss: .categoricalCrossEntropy))
    let result = try Attributor.attribute(
      model, inputs: data.features, method: .integratedGradients)
    #expect(result.ranking.last == 2, "importance \(result.meanAbsolute)")
  }

  @Test func saliencyOfATrainedModelDiffersFromARandomizedOne() throws {
    // Adebayo et al. report rank correlations near 0 between trained and randomized gradient
    // maps; maps that mostly show the input (gradient × input) stay higher. Below 0.5 means the
    // map has lost most of its structure when the weights went random.
    let (model, test) = try #require(Self.digits)
    let x = try test.features.rows(0..<50)
    let gradient = try SanityCheck.run(model, inputs: x, method: .gradient(absolute: true))
    #expect(gradient.meanRankCorrelation < 0.5, "rank correlation \(gradient.meanRankCorrelation)")
    #expect(SanityCheck.rankCorrelation([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
    #expect(SanityCheck.rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
  }

  @Test func occlusionOfImagePatchesCoversEveryPixel() throws {
    let (model, test) = try #require(Self.digits)
    let x = try test.features.rows(0..<3)
    let result = try Attributor.attribute(
      model, inputs: x, method: .occlusion(patch: 3, stride: 2, fill: 0))
    #expect(result.values.shape == [3, 64])
    #expect(result.values.scalars.contains { $0 != 0 })
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(model, inputs: x, method: .occlusion(patch: 9, stride: 1, fill: 0))
    }
  }
}
