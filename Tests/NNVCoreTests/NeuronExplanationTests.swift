import Foundation
import NNVCore
import Testing

/// One unit of the tiny network: its weights, what it responds to, checked by hand.
@Suite struct NeuronExplanationTests {
  typealias F = ExplanationFixtures

  @Test func aHiddenUnitsWeightsBiasAndTopSamples() throws {
    let neuron = try NeuronExplanation(try F.net(), layer: 1, unit: 1, on: try F.points())
    #expect(neuron.layer == 1 && neuron.layerName == "dense_1" && neuron.units == 2)
    #expect(neuron.form == .dense && neuron.activation == .tanh)
    #expect(neuron.weights == [-0.25, 0.75] && neuron.bias == [-0.2])
    #expect(neuron.inputNames == ["x1", "x2"])
    #expect(neuron.strongest == [1, 0])
    // z2 = −0.25·x1 + 0.75·x2 − 0.2: 0.8 for (−1, 1), −0.075 for (1, 0.5), −0.7 for (0.5, −0.5).
    #expect(neuron.topSamples.map(\.index) == [1, 0, 2])
    #expect(neuron.topSamples.map(\.label) == ["no", "yes", "yes"])
    #expect(abs(Double(neuron.topSamples[0].value) - tanh(0.8)) < 1e-6)
  }

  @Test func itsMapOverThePlaneIsItsOutputAtEveryCell() throws {
    let neuron = try NeuronExplanation(try F.net(), layer: 1, unit: 1, on: try F.points())
    let map = try #require(neuron.map)
    let plane = try #require(neuron.plane)
    #expect(plane == PlaneGrid(spanning: [try F.points()], columns: 24, rows: 24))
    let cells = try plane.batch().scalars
    #expect(map.values.count == 24 * 24)
    for cell in [0, 100, 575] {
      let (x, y) = (Double(cells[2 * cell]), Double(cells[2 * cell + 1]))
      #expect(abs(map.values[cell] - tanh(-0.25 * x + 0.75 * y - 0.2)) < 1e-5)
    }
  }

  @Test func theOutputUnitWeighsTheUnitsBeforeIt() throws {
    let neuron = try NeuronExplanation(try F.net(), layer: 2, unit: 0)
    #expect(neuron.weights == [1, -2] && neuron.bias == [0.3])
    #expect(neuron.inputNames == ["unit 1 of dense_1", "unit 2 of dense_1"])
    #expect(neuron.strongest == [1, 0])
    #expect(neuron.topSamples.isEmpty && neuron.dataName == nil)
    // Without data the plane is −1…1, padded by 0.16.
    #expect(neuron.plane?.x == -1.16...1.16)
  }

  @Test func layersAndUnitsOutOfRangeNameTheRange() throws {
    let net = try F.net()
    #expect(
      throws: LayerError.invalidConfiguration(
        "net has no layer 3 with weights; its layers with weights are numbered 1 to 2")
    ) {
      try NeuronExplanation(net, layer: 3, unit: 0)
    }
    #expect(
      throws: LayerError.invalidConfiguration(
        "dense_1 has 2 units, numbered 1 to 2; there is no unit 3")
    ) {
      try NeuronExplanation(net, layer: 1, unit: 2)
    }
  }

  @Test func aConvUnitIsAFilter() throws {
    var weights = [Float](repeating: 0, count: 2 * 1 * 2 * 2)
    weights[4...7] = [1, -1, 0.5, 2]  // filter 2
    let conv = try Conv2D(
      weight: try Tensor(shape: [2, 1, 2, 2], scalars: weights), bias: Tensor([0, 0.25]),
      activation: .relu)
    var cnn = try Sequential(name: "cnn", inputShape: [1, 3, 3])
    try cnn.append(conv)
    let images = Dataset(
      name: "images",
      features: try Tensor(shape: [2, 1, 3, 3], scalars: (0..<18).map { Float($0 % 9) / 9 }),
      labels: [0, 1], classNames: ["a", "b"])
    let neuron = try NeuronExplanation(cnn, layer: 1, unit: 1, on: images)
    #expect(neuron.form == .filter(channels: 1, size: 2))
    #expect(neuron.weights == [1, -1, 0.5, 2] && neuron.bias == [0.25])
    #expect(neuron.inputNames[3] == "channel 1 (2, 2)")
    #expect(neuron.strongest.first == 3)
    #expect(neuron.map == nil && neuron.topSamples.count == 2)
  }
}
