import Foundation
import NNVCore
import NNVPlot
import Testing

/// The explanation views of a tiny network whose weights are set here, compared with literal
/// text whose numbers the tests also work out by hand.
@Suite struct ExplanationViewTests {
  /// 2 inputs → dense 2 tanh → dense 1 sigmoid:
  /// z1 = 0.5·x1 + 0.25·x2 + 0.1, z2 = −0.25·x1 + 0.75·x2 − 0.2, z = a1 − 2·a2 + 0.3.
  static func net() throws -> Sequential {
    var net = try Sequential(name: "net", inputShape: [2])
    try net.append(try dense(2, 2, .tanh, [0.5, -0.25, 0.25, 0.75], [0.1, -0.2], "dense_1"))
    try net.append(try dense(2, 1, .sigmoid, [1, -2], [0.3], "dense_2"))
    return net
  }

  static func dense(
    _ inputs: Int, _ units: Int, _ activation: Activation, _ weights: [Float], _ bias: [Float],
    _ name: String
  ) throws -> Dense {
    var layer = try Dense(inputSize: inputs, outputSize: units, activation: activation, name: name)
    layer.weight = try Tensor(shape: [inputs, units], scalars: weights)
    layer.bias = try Tensor(shape: [units], scalars: bias)
    return layer
  }

  static func points() throws -> Dataset {
    Dataset(
      name: "points", features: try Tensor(rows: [[1, 0.5], [-1, 1], [0.5, -0.5]]),
      labels: [1, 0, 1], classNames: ["no", "yes"])
  }

  static let options = ChartOptions(width: 80)

  /// Three decimals, with a true minus sign, as the views write numbers.
  static func shown(_ x: Double, _ decimals: Int = 3) -> String {
    let text = String(format: "%.\(decimals)f", x)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  @Test func theForwardPassIsWrittenOutNeuronByNeuron() throws {
    let explanation = try ForwardExplanation(
      try Self.net(), on: try Self.points(), index: 0, loss: .binaryCrossEntropy)
    let text = try ForwardExplanationView(
      explanation, sampleName: "points, sample 0", options: Self.options
    ).text()
    // By hand, for x = (1, 0.5):
    let z1 = 0.5 * 1 + 0.25 * 0.5 + 0.1  // 0.725
    let z2 = -0.25 * 1 + 0.75 * 0.5 - 0.2  // −0.075
    let (a1, a2) = (tanh(z1), tanh(z2))  // 0.620, −0.075
    let z = 1 * a1 - 2 * a2 + 0.3  // 1.070
    let p = 1 / (1 + exp(-z))  // 0.745
    let loss = -log(p)  // 0.2950
    let expected = """
      net on points, sample 0

      input x = [1.000, 0.500]

      layer 1: dense_1 (dense 2 tanh), 2 inputs → 2 units
        unit 1  z = 0.500·1.000 + 0.250·0.500 + 0.100 = \(Self.shown(z1))
                a = tanh(\(Self.shown(z1))) = \(Self.shown(a1))
        unit 2  z = (−0.250)·1.000 + 0.750·0.500 + (−0.200) = \(Self.shown(z2))
                a = tanh(\(Self.shown(z2))) = \(Self.shown(a2))

      layer 2: dense_2 (dense 1 sigmoid), 2 inputs → 1 unit
        unit 1  z = 1.000·\(Self.shown(a1)) + (−2.000)·(\(Self.shown(a2))) + 0.300 = \(Self.shown(z))
                a = sigmoid(\(Self.shown(z))) = \(Self.shown(p))

      prediction: p(class 1) = \(Self.shown(p)), so class 1 (yes)
      target: class 1 (yes), so loss (bce) = −log p = −log(\(Self.shown(p))) = \(Self.shown(loss, 4))

      Computed by the model's own layers and loss, as predict and evaluate do.

      """
    #expect(text == expected)
    // The same numbers, written as they were checked: nothing above is computed by the view.
    #expect(text.contains("= 0.725\n") && text.contains("= −0.075\n"))
    #expect(text.contains("tanh(0.725) = 0.620") && text.contains("sigmoid(1.070) = 0.745"))
    #expect(text.contains("−log(0.745) = 0.2950"))
  }

  @Test func asciiSpellsTheSigns() throws {
    let explanation = try ForwardExplanation(try Self.net(), sample: Tensor([1, 0.5]))
    var options = Self.options
    options.glyphs = .ascii
    let text = try ForwardExplanationView(explanation, sampleName: "x", options: options).text()
    #expect(text.contains("unit 2  z = (-0.250)*1.000 + 0.750*0.500 + (-0.200) = -0.075"))
    #expect(text.contains("layer 1: dense_1 (dense 2 tanh), 2 inputs -> 2 units"))
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func aUnitShowsItsWeightsAndTheSamplesThatFireIt() throws {
    // Three inputs, so there is no plane to map: z = 2·x1 − 1·x2 + 0.5·x3 − 0.25.
    var net = try Sequential(name: "three", inputShape: [3])
    try net.append(try Self.dense(3, 1, .relu, [2, -1, 0.5], [-0.25], "dense_1"))
    let data = Dataset(
      name: "rows", features: try Tensor(rows: [[1, 0, 0], [0, 1, 0], [1, 1, 2]]),
      labels: [0, 1, 0], classNames: ["a", "b"])
    let neuron = try NeuronExplanation(net, layer: 1, unit: 0, on: data)
    let text = try NeuronExplanationView(neuron, options: Self.options).text()
    // relu(2 − 0.25) = 1.75, relu(−1 − 0.25) = 0, relu(2 − 1 + 1 − 0.25) = 1.75.
    let expected = """
      unit 1 of layer 1 of three (dense_1, dense 1 relu)

      z = 2.000·x1 + (−1.000)·x2 + 0.500·x3 + (−0.250)
      a = relu(z)

        w1[1,1]   2.000  from x1
        w1[2,1]  −1.000  from x2
        w1[3,1]   0.500  from x3
        b1[1]    −0.250  its bias
      it weighs most: x1, x2, x3

      the samples of rows that make it fire most (a):
        sample 0 (class a): \(Self.shown(max(0, 2 - 0.25)))
        sample 2 (class a): \(Self.shown(max(0, 2 - 1 + 1 - 0.25)))
        sample 1 (class b): \(Self.shown(max(0, -1 - 0.25)))

      """
    #expect(text == expected)
  }

  @Test func aStepShowsTheUpdateAndTheCheck() throws {
    var net = try Self.net()
    let step = try StepExplanation.take(
      &net, on: try Self.points(), optimizer: SGD(learningRate: 0.5),
      settings: .init(batch: 3, loss: .binaryCrossEntropy))
    let text = try StepExplanationView(step, options: Self.options).text()
    #expect(text.hasPrefix("one gradient step of net on the first 3 samples of points\n"))
    #expect(text.contains("optimizer sgd(lr: 0.5)"))
    #expect(text.contains("w ← w − lr·g for each layer's weight with the largest |g|:"))
    // Each update line is old − 0.5·g = new with the core's numbers.
    for u in step.updates {
      let old = String(format: "%.4f", Double(u.old)).replacingOccurrences(of: "-", with: "−")
      #expect(text.contains("\(u.name)  ") && text.contains(old + " − 0.5·"))
    }
    let check = try #require(step.check)
    #expect(text.contains("checking the gradient of \(check.name)"))
    #expect(text.contains("finite difference") && text.contains("backpropagation"))
    #expect(text.contains("They agree to"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test func everyViewDrawsAnSVGPage() throws {
    let forward = try ForwardExplanation(try Self.net(), sample: Tensor([1, 0.5]))
    let page = try ForwardExplanationView(forward, sampleName: "x", options: Self.options).svg()
    #expect(page.contains("xml:space=\"preserve\"") && page.contains("tanh(0.725) = 0.620"))
    let neuron = try NeuronExplanation(try Self.net(), layer: 1, unit: 0, on: try Self.points())
    let unit = try NeuronExplanationView(neuron, options: Self.options).svg()
    #expect(unit.contains("<svg") && unit.contains("over the plane of the inputs"))
    _ = try SVGCheck(unit)
  }
}
