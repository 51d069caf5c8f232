import Foundation
import NNVCore
import NNVPlot
import Testing

/// The charts of a convolutional network made for dense ones: the diagram's stacks of feature
/// maps, the kernel chart of `weights`, and the channels of `activations`, from models and
/// values set by hand.
@Suite struct ConvModelChartTests {
  /// LeNet's shape on 28×28 images, with a dropout and an activation layer that are no stages.
  static func lenet() throws -> Sequential {
    var model = try Sequential(name: "lenet", inputShape: [1, 28, 28])
    try model.append(
      Conv2D(
        inputChannels: 1, filters: 6, kernelSize: 5, padding: .same, activation: .relu,
        name: "conv_1"))
    try model.append(try MaxPool2D(size: 2, name: "maxpool_1"))
    try model.append(try Dropout(rate: 0.1, name: "dropout_1"))
    try model.append(Conv2D(inputChannels: 6, filters: 16, kernelSize: 5, name: "conv_2"))
    try model.append(ActivationLayer(.tanh, name: "tanh_1"))
    try model.append(try AvgPool2D(size: 2, name: "avgpool_1"))
    try model.append(Flatten(name: "flatten_1"))
    try model.append(Dense(inputSize: 400, outputSize: 84, activation: .relu, name: "dense_1"))
    try model.append(Dense(inputSize: 84, outputSize: 10, activation: .softmax, name: "dense_2"))
    return model
  }

  @Test func stagesAreTheMapsThenTheUnits() throws {
    let stages = ModelViews.mapStages(try Self.lenet())
    #expect(
      stages.map(\.name) == [
        "input", "conv_1", "maxpool_1", "conv_2", "avgpool_1", "flatten_1", "dense_1", "dense_2",
      ])
    #expect(stages[0].kind == .maps(channels: 1, height: 28, width: 28, window: nil))
    #expect(stages[1].kind == .maps(channels: 6, height: 28, width: 28, window: 5))
    #expect(stages[2].kind == .maps(channels: 6, height: 14, width: 14, window: 2))
    #expect(stages[3].kind == .maps(channels: 16, height: 10, width: 10, window: 5))
    #expect(stages[4].kind == .maps(channels: 16, height: 5, width: 5, window: 2))
    #expect(
      stages.map(\.role) == [
        .input, .filters, .windows, .filters, .windows, .other, .other, .other,
      ])
    #expect(stages[5].kind == .units(400) && stages[5].weights == nil)
    #expect(stages[6].weights?.rows == 400 && stages[6].weights?.columns == 84)
    #expect(stages[7].kind == .units(10) && stages[7].weights?.rows == 84)
    #expect(stages[1].detail == "conv 5×5, relu" && stages[4].detail == "avgpool 2×2")
    // A network on flat inputs has no stages: its diagram is the neuron graph.
    var dense = try Sequential(inputShape: [4])
    try dense.append(Dense(inputSize: 4, outputSize: 3))
    #expect(ModelViews.mapStages(dense).isEmpty)
    #expect(ModelViews.diagram(dense).stages.isEmpty)
  }

  @Test func theSVGDrawsAStackPerLayerOfMapsAndNeuronsForTheRest() throws {
    let model = try Self.lenet()
    for horizontal in [false, true] {
      let diagram = ModelViews.diagram(model, horizontal: horizontal)
      #expect(diagram.connections.isEmpty && diagram.stages.count == 8)
      let svg = try SVGCheck(diagram.svg())
      // Blocks for the input and every layer, as before.
      #expect(try svg.count("//rect[@class='block']") == 10)
      // Five stacks: the input (1 map), 6, 6, 16 and 16 maps, of which at most 6 are drawn.
      #expect(try svg.count("//rect[@class='map front']") == 5)
      #expect(try svg.count("//rect[@class='map']") == 0 + 5 + 5 + 5 + 5)
      #expect(try svg.count("//rect[@class='window']") == 4)
      #expect(try svg.count("//line[@class='cone']") == 4 * 3)
      #expect(try svg.count("//line[@class='flattening']") == 2)
      // 400 and 84 units show 9 neurons around an ellipsis, 10 units all of them; the edges
      // join the neurons shown.
      #expect(try svg.count("//circle[@class='neuron']") == 9 + 9 + 10)
      #expect(try svg.count("//line[@class='edge']") == 9 * 9 + 9 * 10)
      let texts = try svg.texts()
      for label in ["1×28×28", "6×28×28", "6×14×14", "16×10×10", "16×5×5", "400", "conv 5×5, relu"]
      {
        #expect(texts.contains(label), "\(label)")
      }
    }
  }

  @Test func theKernelChartListsEachFilterUpToItsLimit() throws {
    let count = KernelChart.maximumFilters + 8
    let weights = (0..<(count * 4)).map { Float($0 % 7) - 3 }
    let filters = ConvFilters(
      name: "conv_1", number: 1, readsInputChannels: true, filters: count, channels: 1, size: 2,
      weights: weights, bias: [Float](repeating: 0, count: count))
    let chart = KernelChart(
      KernelDistribution(filters), model: "cnn",
      options: ChartOptions(width: 80, colorMode: .none, glyphs: .ascii))
    let text = chart.text()
    #expect(text.hasPrefix("conv_1 kernels: 40 filters 2x2 over 1 channel, 160 weights\n"))
    #expect(text.contains("showing 32 of 40 filters"))
    #expect(text.contains("the kernels as pictures: filters cnn layer 1"))
    // Filter 1 holds -3, -2, -1, 0: norm √14 ≈ 3.742.
    let rows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(rows.contains(["filter", "min", "mean", "max", "norm"]))
    #expect(rows.contains(["1", "-3", "-1.5", "0", "3.742"]))
    #expect(rows.contains { $0.first == "32" } && !rows.contains { $0.first == "33" })
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//g[@class='filters']/text") == 5 * 33)
    #expect(try svg.count("//rect[@class='bar']") > 0)
  }

  @Test func activationsOfMapsNameChannels() throws {
    let layer = ModelViews.LayerActivity(
      name: "conv_1", outputs: Matrix(rows: 2, columns: 3, values: [0, 1, 2, 0, 3, 4]),
      dead: [0], saturated: [], activation: .relu,
      maps: ModelViews.LayerActivity.MapSize(height: 4, width: 5))
    let view = ActivationsView([layer], options: ChartOptions(width: 100, colorMode: .none))
    let text = view.text()
    #expect(text.contains("conv_1 (relu): 2 samples × 3 channels of 4×5, each cell a map's mean"))
    #expect(text.contains("! dead channels: 1"))
    #expect(!text.contains("units"))
  }
}
