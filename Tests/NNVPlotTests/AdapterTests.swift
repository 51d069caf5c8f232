import Foundation
import NNVCore
import NNVPlot
import Testing

/// The adapters from models to chart data, and the benchmark numbers the views promise
/// (printed, not asserted: timing tests flake on shared machines).
@Suite struct AdapterTests {
  static func network() throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(
      Dense(inputSize: 2, outputSize: 16, activation: .tanh, seed: 1, name: "dense_1"))
    try model.append(
      Dense(inputSize: 16, outputSize: 16, activation: .tanh, seed: 2, name: "dense_2"))
    try model.append(
      Dense(inputSize: 16, outputSize: 3, activation: .softmax, seed: 3, name: "dense_3"))
    return model
  }

  static func data() throws -> Dataset {
    let features = try Tensor(shape: [4, 2], scalars: [0, 0, 1, 1, -1, 0.5, 0.3, -0.7])
    return Dataset(
      name: "four", features: features, labels: [0, 1, 2, 1], classNames: ["a", "b", "c"])
  }

  @Test func boundaryOfAThreeClassNetwork() throws {
    let model = try Self.network()
    let clock = ContinuousClock()
    var chart: DecisionBoundary?
    let elapsed = try clock.measure {
      chart = try ModelViews.boundary(
        model, train: try Self.data(), resolution: 200, thumbnails: false)
    }
    print("200×200 boundary of 2-16-16-3: \(elapsed)")
    let boundary = try #require(chart)
    #expect(boundary.labels.count == 200 * 200)
    #expect(boundary.labels.allSatisfy { (0..<3).contains($0) })
    let svg = try SVGCheck(
      try ModelViews.boundary(model, train: try Self.data(), resolution: 40).svg())
    #expect(try svg.count("//circle[contains(@class,'point')]") == 4)
    #expect(try svg.count("//g[@class='thumbnail']") == 32)
  }

  @Test func aCurveOrPlaneOfDataTheModelDoesNotTakeIsAnError() throws {
    var line = try Sequential(name: "line", inputShape: [1])
    try line.append(Dense(inputSize: 1, outputSize: 1, activation: .linear, seed: 1))
    #expect(throws: ModelViews.ViewError.self) {
      try ModelViews.fittedCurve(line, train: try Self.data())
    }
    let three = Dataset(
      name: "three", features: try Tensor(shape: [1, 3], scalars: [0, 1, 2]), labels: [0],
      classNames: ["a"])
    #expect(throws: ModelViews.ViewError.self) {
      try ModelViews.boundary(try Self.network(), train: try Self.data(), test: three)
    }
  }

  @Test func summaryFlagsZeroAndNaNWeights() throws {
    var model = try Self.network()
    var layers = model.layers
    _ = layers
    let summaries = ModelViews.layerSummaries(model)
    #expect(summaries.map(\.parameters) == [48, 272, 51])
    #expect(summaries.allSatisfy { $0.flags.isEmpty })
    model = try Sequential(name: "zero", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 1, initializer: .zeros, name: "d"))
    #expect(ModelViews.layerSummaries(model).first?.flags == ["all weights zero"])
  }

  @Test func historyWithoutEpochsAndActivationPlot() throws {
    let charts = ModelViews.history([try Self.network()])
    #expect(charts.loss.text().contains("no finite values"))
    #expect(charts.accuracy == nil)
    let relu = ModelViews.activationPlot(.relu, options: ChartOptions(width: 40, glyphs: .ascii))
    #expect(relu.series.count == 2)
    _ = try SVGCheck(relu.svg())
  }

  @Test func runsOfOneNameAreToldApartByTheirOptimizer() throws {
    var runs: [Sequential] = []
    for rate: Float in [0.01, 0.1] {
      var model = try Self.network()
      let options = TrainingOptions(epochs: 2, batchSize: 2, loss: .categoricalCrossEntropy)
      _ = try Trainer.train(
        &model, on: try Self.data(), optimizer: SGD(learningRate: rate), options: options)
      runs.append(model)
    }
    let names = ModelViews.history(runs).loss.series.map(\.name)
    #expect(names.count == 2)
    #expect(Set(names).count == 2)
    #expect(names[0].contains("0.01") && names[1].contains("0.1"))
    let svg = try SVGCheck(ModelViews.history(runs + runs + runs).loss.svg())
    // Six entries cannot share one line of a 640-pixel chart: the legend wraps.
    let rows = Set(
      try svg.document.nodes(forXPath: "//g[@class='legend']/text/@y").map { $0.stringValue ?? "" })
    #expect(rows.count >= 2)
  }

  @Test func logScaleTicksInsideADecade() {
    let scale = Scale(.log, domain: 0.03...0.6, range: 0...100)
    #expect(scale.ticks() == [0.05, 0.1, 0.2, 0.5])
  }

  @Test func activationsFlagDeadUnits() throws {
    var model = try Sequential(name: "dead", inputShape: [2])
    var dense = try Dense(inputSize: 2, outputSize: 2, activation: .relu, name: "d")
    dense.weight = try Tensor(shape: [2, 2], scalars: [1, -1, 1, -1])
    dense.bias = try Tensor(shape: [2], scalars: [5, -5])
    try model.append(dense)
    let layers = try ModelViews.activations(model, on: try Self.data())
    #expect(layers.first?.dead == [1])
  }
}
