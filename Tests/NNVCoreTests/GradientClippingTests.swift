import NNVCore
import Testing

/// Clipping gradients by their global norm: a norm above the bound becomes the bound, in the
/// same direction; one below is left alone; and training applies it before each step.
@Suite struct GradientClippingTests {
  static func gradients() throws -> [[Tensor]] {
    // Global norm √(3² + 4² + 12²) = 13, spread over two layers.
    [[try Tensor(shape: [2], scalars: [3, 0])], [try Tensor(shape: [1, 2], scalars: [4, -12])]]
  }

  @Test func aNormAboveTheBoundIsScaledToIt() throws {
    var gradients = try Self.gradients()
    #expect(GradientClipping.globalNorm(gradients) == 13)
    let before = GradientClipping.clip(&gradients, to: 6.5)
    #expect(before == 13)
    #expect(abs(GradientClipping.globalNorm(gradients) - 6.5) < 1e-6)
    // The direction is kept: every value halved.
    let flat = gradients.flatMap { $0.flatMap(\.scalars) }
    #expect(flat == [1.5, 0, 2, -6])
  }

  @Test func aNormWithinTheBoundIsLeftAlone() throws {
    var gradients = try Self.gradients()
    #expect(GradientClipping.clip(&gradients, to: 13) == 13)
    #expect(gradients == (try Self.gradients()))
    GradientClipping.clip(&gradients, to: 100)
    #expect(gradients == (try Self.gradients()))
    var infinite = [[try Tensor(shape: [2], scalars: [.infinity, 1])]]
    GradientClipping.clip(&infinite, to: 1)
    #expect(infinite[0][0].scalars == [.infinity, 1])
  }

  @Test func trainingStepsAreNoLongerThanTheClippedGradient() throws {
    let data = try SyntheticDatasets.xor(n: 32, seed: 2)
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: 2))
    let start = model.parameters
    // One step of plain gradient descent on the whole set: the weights move by lr × gradient.
    let options = TrainingOptions(
      epochs: 1, batchSize: 32, loss: .binaryCrossEntropy, recorders: [], clip: 0.001)
    try Trainer.train(&model, on: data, optimizer: SGD(learningRate: 0.5), options: options)
    var moved = [[Tensor]]()
    for (after, before) in zip(model.parameters, start) {
      moved.append(try zip(after, before).map { try $0 - $1 })
    }
    #expect(abs(GradientClipping.globalNorm(moved) - 0.0005) < 1e-6)
    var refused = model
    for clip: Float in [0, -1, .infinity, .nan] {
      let bad = TrainingOptions(epochs: 1, loss: .binaryCrossEntropy, clip: clip)
      #expect(throws: TrainingError.self) {
        try Trainer.train(&refused, on: data, optimizer: SGD(learningRate: 0.5), options: bad)
      }
    }
  }
}
