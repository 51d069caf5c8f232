import NNVCore
import Testing

@Suite struct LayerActivityTests {
  typealias F = InspectionFixtures

  static func samples() throws -> Dataset {
    try F.data([[0, 0], [1, 1], [-1, 0.5], [0.3, -0.7]], labels: [0, 1, 0, 1])
  }

  @Test func aReLUUnitThatNeverFiresIsDead() throws {
    // Unit 0 is relu(x + y + 5) > 0; unit 1 is relu(−x − y − 5) = 0 on all these samples.
    let relu = try F.dense(2, 2, .relu, weights: [1, -1, 1, -1], bias: [5, -5], name: "d")
    let layers = try LayerActivity.of(try F.model(2, [relu]), on: try Self.samples(), limit: 64)
    #expect(layers.count == 1)
    let layer = try #require(layers.first)
    #expect(layer.layer == "d" && layer.activation == .relu)
    #expect(layer.dead == [1] && layer.saturated.isEmpty)
    #expect(layer.outputs.shape == [4, 2])
    let expected: [Float] = [5, 0, 7, 0, 4.5, 0, 4.6, 0]
    for (got, want) in zip(layer.outputs.scalars, expected) { #expect(abs(got - want) < 1e-5) }
  }

  @Test func onlyTheFirstSamplesUpToTheLimit() throws {
    let relu = try F.dense(2, 2, .relu, weights: [1, -1, 1, -1], bias: [5, -5])
    let model = try F.model(2, [relu])
    #expect(try LayerActivity.of(model, on: try Self.samples(), limit: 2).first?.outputs.rows == 2)
    // At least one sample.
    #expect(try LayerActivity.of(model, on: try Self.samples(), limit: 0).first?.outputs.rows == 1)
  }

  @Test func saturatedSigmoidAndTanhUnits() throws {
    // Within 0.01 of 0 or 1 for every sample: columns 0 and 2.
    let sigmoid = try Tensor(shape: [2, 3], scalars: [0.005, 0.5, 0.995, 0.999, 0.6, 0.001])
    #expect(try LayerActivity.units(sigmoid, activation: .sigmoid).saturated == [0, 2])
    // Within 0.01 of −1 or 1: column 0 only (0.98 is 0.02 away).
    let tanh = try Tensor(shape: [2, 2], scalars: [-0.995, 0.98, 0.999, 0.999])
    #expect(try LayerActivity.units(tanh, activation: .tanh).saturated == [0])
    // Other activations never saturate.
    #expect(try LayerActivity.units(sigmoid, activation: .relu).saturated.isEmpty)
    // Dead: below 1e-6 in magnitude for every sample.
    let small = try Tensor(shape: [2, 3], scalars: [0, 1e-7, 2e-6, -5e-7, 0, 0])
    #expect(try LayerActivity.units(small, activation: .linear).dead == [0, 1])
  }

  @Test func aSigmoidLayerPushedToItsEnds() throws {
    // σ(100x + 50) for x in {0, 1, −1, 0.3} is σ(50), σ(150), σ(−50), σ(80): 1, 1, 0, 1 to
    // far better than 0.01.
    let layer = try F.dense(2, 1, .sigmoid, weights: [100, 0], bias: [50], name: "s")
    let model = try F.model(
      2, [try F.dense(2, 2, .linear, weights: [1, 0, 0, 1], bias: [0, 0]), layer])
    let layers = try LayerActivity.of(model, on: try Self.samples(), limit: 10)
    #expect(layers.map(\.layer) == ["dense", "s"])
    #expect(layers[1].saturated == [0] && layers[1].dead.isEmpty)
    #expect(layers[0].saturated.isEmpty)
    // The identity layer's first unit is 0 only for the first sample: not dead.
    #expect(layers[0].dead.isEmpty)
  }
}
