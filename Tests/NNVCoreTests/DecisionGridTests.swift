import Foundation
import NNVCore
import Testing

/// A model's outputs over the plane, on the 2 × 2 grid whose cell centres are (-0.5, 0.5),
/// (0.5, 0.5), (-0.5, -0.5) and (0.5, -0.5), top row first.
@Suite struct DecisionGridTests {
  typealias F = InspectionFixtures

  func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  @Test func logitsOfATwoTwoModel() throws {
    // Scores (x, y): the class of the larger coordinate, sure by softmax of the two.
    let model = try F.model(2, [F.dense(2, 2, .linear, weights: [1, 0, 0, 1], bias: [0, 0])])
    let grid = try DecisionGrid(model, over: F.square)
    #expect(grid.labels == [1, 0, 0, 0])
    // softmax(-0.5, 0.5)[1] = σ(1); equal scores give 0.5 to each class.
    let expected = [sigmoid(1), 0.5, 0.5, sigmoid(1)]
    for (got, want) in zip(grid.confidences, expected) { #expect(abs(got - want) < 1e-6) }
    #expect(grid.predictions.allSatisfy { $0.isProbability })
    #expect(grid.plane == F.square)
  }

  @Test func softmaxProbabilitiesOfATwoTwoModel() throws {
    // Scores (2x, 2y) through a softmax: the top-left cell scores (-1, 1), so class 1 with
    // e² / (1 + e²) = σ(2).
    let model = try F.model(2, [F.dense(2, 2, .softmax, weights: [2, 0, 0, 2], bias: [0, 0])])
    let grid = try DecisionGrid(model, over: F.square)
    #expect(grid.labels == [1, 0, 0, 0])
    let expected = [sigmoid(2), 0.5, 0.5, sigmoid(2)]
    for (got, want) in zip(grid.confidences, expected) { #expect(abs(got - want) < 1e-6) }
  }

  @Test func oneSigmoidUnit() throws {
    // p = σ(x − y): the bottom-right cell is class 1 with σ(1), the top-left class 0 with
    // 1 − σ(−1) = σ(1); on the diagonal p = 0.5 is class 0.
    let model = try F.model(2, [F.dense(2, 1, .sigmoid, weights: [1, -1], bias: [0])])
    let grid = try DecisionGrid(model, over: F.square)
    #expect(grid.labels == [0, 0, 0, 1])
    let expected = [sigmoid(1), 0.5, 0.5, sigmoid(1)]
    for (got, want) in zip(grid.confidences, expected) { #expect(abs(got - want) < 1e-6) }
  }

  @Test func aRegressionSurface() throws {
    // f = x + 2y + 0.5 at each cell centre.
    let model = try F.model(2, [F.dense(2, 1, .linear, weights: [1, 2], bias: [0.5])])
    let surface = try OutputSurface(model, over: F.square)
    #expect(surface.values == [1, 2, -1, 0])
  }

  @Test func aFittedCurveSpansTheData() throws {
    // f = 2x + 1 over the data's 0…4, sampled at 200 evenly spaced inputs.
    let model = try F.model(1, [F.dense(1, 1, .linear, weights: [2], bias: [1])])
    let curve = try FittedCurve(
      model,
      spanning: [
        try F.data([[0], [4]], labels: [0, 0]), try F.data([[1], [.nan]], labels: [0, 0]),
      ])
    #expect(curve.inputs.count == FittedCurve.sampleCount && curve.outputs.count == 200)
    #expect(curve.inputs.first == 0 && curve.inputs.last == 4)
    #expect(abs(curve.inputs[1] - 4.0 / 199) < 1e-12)
    for (x, y) in zip(curve.inputs, curve.outputs) { #expect(abs(y - (2 * x + 1)) < 1e-5) }
    // No finite value: -1…1.
    let none = try FittedCurve(model, spanning: [try F.data([[.nan]], labels: [0])])
    #expect(none.inputs.first == -1 && none.inputs.last == 1)
  }

  @Test func hiddenUnitMapsShowEachUnitOverThePlane() throws {
    // Units relu(x), relu(y) and relu(−x); the dropout layer has no units of its own.
    let hidden = try F.dense(
      2, 3, .relu, weights: [1, 0, -1, 0, 1, 0], bias: [0, 0, 0], name: "h")
    let model = try F.model(
      2,
      [
        hidden, Dropout(rate: 0.5, name: "drop"),
        F.dense(3, 1, .sigmoid, weights: [1, 1, 1], bias: [0]),
      ])
    let maps = try HiddenUnitMap.maps(model, over: F.square)
    #expect(maps.map(\.layer) == ["h", "h", "h"])
    #expect(maps.map(\.unit) == [0, 1, 2])
    #expect(maps.map(\.values) == [[0, 0.5, 0, 0.5], [0.5, 0.5, 0, 0], [0.5, 0, 0.5, 0]])
    // A model of one layer has no hidden units.
    #expect(try HiddenUnitMap.maps(F.model(2, [hidden]), over: F.square).isEmpty)
  }

  @Test func hiddenUnitMapsStopAtSixteenALayerAndThirtyTwoInAll() throws {
    var layers: [any Layer] = []
    for (i, inputs) in [2, 20, 20].enumerated() {
      layers.append(
        try Dense(
          inputSize: inputs, outputSize: 20, activation: .tanh, seed: UInt64(i), name: "h\(i)"))
    }
    layers.append(try Dense(inputSize: 20, outputSize: 1, activation: .sigmoid, name: "out"))
    let maps = try HiddenUnitMap.maps(try F.model(2, layers), over: F.square)
    #expect(maps.count == HiddenUnitMap.maximumCount)
    #expect(maps.filter { $0.layer == "h0" }.map(\.unit) == Array(0..<16))
    #expect(maps.filter { $0.layer == "h1" }.count == 16)
    #expect(!maps.contains { $0.layer == "h2" || $0.layer == "out" })
    #expect(maps.allSatisfy { $0.values.count == 4 })
  }
}
