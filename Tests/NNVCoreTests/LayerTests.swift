import Foundation
import NNVCore
import NNVTestSupport
import Testing

@Suite struct LayerTests {
  func xorModel(seed: UInt64 = 1) throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(
      Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: seed, name: "hidden"))
    try model.append(
      Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: seed + 1, name: "out"))
    return model
  }

  @Test func shapesAndParameterCountsAreInferred() throws {
    let model = try xorModel()
    #expect(model.outputShapes == [[8], [1]])
    #expect(model.parameterCounts == [2 * 8 + 8, 8 + 1])
    #expect(model.parameterCount == 33)
  }

  @Test func mismatchNamesLayerAndBothShapes() throws {
    var model = try Sequential(name: "net", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, name: "a"))
    let error = #expect(throws: LayerError.self) {
      try model.append(Dense(inputSize: 5, outputSize: 2, name: "b"))
    }
    let text = error.map { "\($0)" } ?? ""
    #expect(text.contains("b (dense)") && text.contains("5 features") && text.contains("[3]"))
    #expect(model.layers.count == 1)
  }

  @Test func flattenFeedsDense() throws {
    var model = try Sequential(inputShape: [8, 8])
    #expect(throws: LayerError.self) { try model.append(Dense(inputSize: 64, outputSize: 10)) }
    try model.append(Flatten())
    try model.append(Dense(inputSize: 64, outputSize: 10, activation: .softmax))
    let out = try model.predict(randomTensor([3, 8, 8], seed: 1))
    #expect(out.shape == [3, 10])
    for row in 0..<3 { #expect(abs(try out.row(row).sum - 1) < 1e-5) }
  }

  @Test func layerOutputsGivesEveryLayer() throws {
    let model = try xorModel()
    let outputs = try model.layerOutputs(randomTensor([5, 2], seed: 2))
    #expect(outputs.map(\.shape) == [[5, 8], [5, 1]])
    #expect(outputs[1] == (try model.predict(randomTensor([5, 2], seed: 2))))
    #expect(outputs[0].scalars.allSatisfy { abs($0) <= 1 })
    // One sample without a batch dimension works too.
    #expect(try model.predict(Tensor([0.5, -0.5])).shape == [1, 1])
    #expect(throws: LayerError.self) { try model.predict(Tensor([1, 2, 3])) }
  }

  @Test func initializersAreSeededAndScaled() throws {
    let a = try Dense(inputSize: 100, outputSize: 50, seed: 3)
    let b = try Dense(inputSize: 100, outputSize: 50, seed: 3)
    let c = try Dense(inputSize: 100, outputSize: 50, seed: 4)
    #expect(a.weight == b.weight && a.weight != c.weight)
    let limit = Float((6.0 / 150).squareRoot())
    #expect(a.weight.scalars.allSatisfy { abs($0) <= limit })
    #expect(a.bias == Tensor.zeros([50]))
    let he = Initializer.heNormal.values(count: 20_000, fanIn: 50, fanOut: 10, seed: 5)
    let variance = he.reduce(0) { $0 + Double($1 * $1) } / Double(he.count)
    #expect(abs(variance - 2.0 / 50) < 0.002)
    #expect(Initializer.zeros.values(count: 3, fanIn: 1, fanOut: 1, seed: 0) == [0, 0, 0])
  }

  @Test func dropoutOnlyDropsWhileTraining() throws {
    let dropout = try Dropout(rate: 0.5)
    let x = Tensor(repeating: 1, shape: [100, 10])
    var inference = ForwardContext.inference
    #expect(try dropout.forward(Variable(x), parameters: [], context: &inference).value == x)
    var training = ForwardContext(isTraining: true, random: RandomGenerator(seed: 1))
    let dropped = try dropout.forward(Variable(x), parameters: [], context: &training).value
    let zeros = dropped.scalars.filter { $0 == 0 }.count
    #expect(zeros > 400 && zeros < 600)
    #expect(dropped.scalars.allSatisfy { $0 == 0 || $0 == 2 })
    #expect(throws: LayerError.self) { try Dropout(rate: 1) }
  }

  @Test func dropoutGradientFollowsItsMask() throws {
    let dropout = try Dropout(rate: 0.3)
    let report = try checkGradients(
      of: { v in
        var context = ForwardContext(isTraining: true, random: RandomGenerator(seed: 9))
        return try dropout.forward(v[0], parameters: [], context: &context)
      }, at: [randomTensor([4, 5], seed: 3)])
    #expect(report.passes, "\(report)")
  }

  @Test func activationScalarsAndDerivatives() {
    #expect(Activation.relu(-2) == 0 && Activation.relu(3) == 3)
    #expect(Activation.leakyRelu(slope: 0.1)(-2) == -0.2)
    #expect(abs(Activation.sigmoid(0) - 0.5) < 1e-7)
    #expect(Activation.sigmoid(-100) >= 0 && Activation.sigmoid(100) <= 1)
    #expect(abs(Activation.gelu(1) - 0.841_345) < 1e-5)
    for activation in Activation.allCases where activation != .softmax {
      for x: Float in [-1.3, -0.4, 0.7, 2.1] {
        let h: Float = 1e-3
        let numeric = (activation(x + h) - activation(x - h)) / (2 * h)
        #expect(abs(numeric - activation.derivative(x)) < 1e-2, "\(activation.name) at \(x)")
      }
    }
    #expect(Activation(named: "tanh") == .tanh && Activation(named: "tan") == nil)
  }
}

@Suite struct VectorMathTests {
  @Test func vectorizedTanhAndSigmoidMatchTheScalarFunctions() {
    // 20,001 points over [-10, 10], a length that is not a multiple of the vector width.
    let x = Tensor((0...20_000).map { Float($0) / 1000 - 10 } + [1e-6, -3e-5, 0])
    let tanh = Activation.tanh.apply(x)
    let sigmoid = Activation.sigmoid.apply(x)
    var worstTanh: Float = 0
    var worstSigmoid: Float = 0
    for (i, v) in x.scalars.enumerated() {
      worstTanh = max(worstTanh, abs(tanh.scalars[i] - Foundation.tanh(v)))
      worstSigmoid = max(worstSigmoid, abs(sigmoid.scalars[i] - 1 / (1 + Foundation.exp(-v))))
    }
    #expect(worstTanh < 1e-6, "tanh error \(worstTanh)")
    #expect(worstSigmoid < 1e-6, "sigmoid error \(worstSigmoid)")
    #expect(Activation.tanh.apply(Tensor([1e-6])).scalars == [1e-6])
  }

  /// The sigmoid is accurate in relative terms over the whole Float range, against a Double
  /// reference: 1e-30 at x = −69 keeps its digits (as 0.5 + 0.5·tanh(x/2) it would be 0).
  @Test func sigmoidIsAccurateInRelativeTermsEverywhere() {
    var points: [Float] = []
    var v: Float = -87
    while v <= 30 {
      points.append(v)
      v += 0.0137
    }
    points += [-Float.greatestFiniteMagnitude, -1e30, -200, 200, 1e30, .infinity, -.infinity]
    let sigmoid = Activation.sigmoid.apply(Tensor(points))
    var worst = 0.0
    for (i, x) in points.enumerated() where x >= -87 && x <= 87 {
      let reference = 1 / (1 + Foundation.exp(-Double(x)))
      worst = max(worst, abs(Double(sigmoid.scalars[i]) - reference) / reference)
    }
    #expect(worst < 1e-6, "largest relative error \(worst)")
    let tails = sigmoid.scalars.suffix(7)
    #expect(Array(tails) == [0, 0, 0, 1, 1, 1, 0])
    #expect(Activation.sigmoid.apply(Tensor([-12])).scalars[0] > 6.1e-6)
    #expect(Activation.sigmoid.apply(Tensor([.nan])).scalars[0].isNaN)
  }
}
