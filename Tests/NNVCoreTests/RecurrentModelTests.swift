import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Recurrent layers in models: shapes, limits, per-step dense layers and losses, model files,
/// and learning to remember.
@Suite struct RecurrentModelTests {
  func configuration(_ units: Int, sequences: Bool? = nil, bias: Bool? = nil)
    -> LayerConfiguration
  {
    var configuration = LayerConfiguration(["units": .integer(units)])
    if let sequences { configuration["sequences"] = .boolean(sequences) }
    if let bias { configuration["bias"] = .boolean(bias) }
    return configuration
  }

  @Test func shapesFollowTheCellAndTheSettings() throws {
    let rnn = try #require(try LayerKind.rnn.shapes(for: [5, 3], configuration: configuration(4)))
    #expect(rnn.output == [4] && rnn.parameters == [[3, 4], [4, 4], [4]])
    let lstm = try #require(
      try LayerKind.lstm.shapes(for: [5, 3], configuration: configuration(4, sequences: true)))
    #expect(lstm.output == [5, 4] && lstm.parameters == [[3, 16], [4, 16], [16]])
    let gru = try #require(try LayerKind.gru.shapes(for: [5, 3], configuration: configuration(4)))
    #expect(gru.parameters == [[3, 12], [4, 12], [12], [12]])
    let bare = try #require(
      try LayerKind.gru.shapes(for: [5, 3], configuration: configuration(4, bias: false)))
    #expect(bare.parameters == [[3, 12], [4, 12]])
    // Without biases the counts are PyTorch's: nn.LSTM(3, 4, bias=False) has 4·4·(3 + 4).
    let lstmBare = try #require(
      try LayerKind.lstm.shapes(for: [5, 3], configuration: configuration(4, bias: false)))
    #expect(lstmBare.parameterCount == 112)
    // Not a sequence: no shapes.
    #expect(!LayerKind.lstm.accepts([6]) && !LayerKind.lstm.accepts([1, 8, 8]))
    #expect(try LayerKind.lstm.shapes(for: [6], configuration: configuration(4)) == nil)
    // A dense layer on sequences applies at every step.
    let dense = try #require(
      try LayerKind.dense.shapes(
        for: [5, 4], configuration: LayerConfiguration(["units": .integer(7)])))
    #expect(dense.output == [5, 7] && dense.parameters == [[4, 7], [7]])
  }

  @Test func absurdSizesAreRefusedBeforeAllocating() throws {
    #expect(throws: LimitError.self) {
      try LayerKind.lstm.shapes(for: [5, 3], configuration: configuration(1_000_000_000))
    }
    #expect(throws: LimitError.self) {
      try Recurrent(.gru, inputSize: 100_000, units: 100_000)
    }
    #expect(throws: LimitError.self) {
      try Recurrent(.rnn(.tanh), inputSize: 1, units: Int.max / 2)
    }
    #expect(throws: LayerError.self) { try Recurrent(.lstm, inputSize: 3, units: 0) }
    // What a pass keeps is checked too: a very long batch of sequences.
    let layer = try Recurrent(.lstm, inputSize: 1, units: 1024)
    #expect(throws: LimitError.self) {
      try Variable.recurrent(
        Tape().variable(Tensor.zeros([80, 1000, 1])),
        inputWeight: Variable(layer.inputWeight), recurrentWeight: Variable(layer.recurrentWeight),
        biases: layer.biases.map { Variable($0) }, cell: .lstm, returnsSequences: false)
    }
  }

  @Test func aModelReadsSequencesStepByStep() throws {
    var model = try Sequential(name: "chars", inputShape: [6, 5])
    try model.append(Recurrent(.lstm, inputSize: 5, units: 4, returnsSequences: true, seed: 1))
    try model.append(Dense(inputSize: 4, outputSize: 5, activation: .softmax, seed: 2))
    #expect(model.outputShapes == [[6, 4], [6, 5]])
    #expect(model.parameterCount == 5 * 16 + 4 * 16 + 16 + 4 * 5 + 5)
    let x = randomTensor([3, 6, 5], seed: 3)
    let out = try model.predict(x)
    #expect(out.shape == [3, 6, 5])
    // Softmax at every step: each step's five values add up to 1.
    for row in 0..<18 {
      let total = out.scalars[(row * 5)..<(row * 5 + 5)].reduce(0, +)
      #expect(abs(total - 1) < 1e-5)
    }
    // The dense layer is the same affine map at every step.
    let hidden = try model.layerOutputs(x)[0]
    let dense = try #require(model.layers[1] as? Dense)
    let step = try Tensor.matmul(try hidden.reshaped([18, 4]), dense.weight)
    var context = ForwardContext.inference
    let logits = try model.forward(
      Variable(x), parameters: model.parameters.map { $0.map { Variable($0) } },
      context: &context, stopBeforeFinalActivation: true
    ).value
    for (a, b) in zip(step.scalars, logits.scalars) { #expect(abs(a - b) < 1e-5) }
  }

  @Test func crossEntropyOverStepsAveragesOverSamplesAndSteps() throws {
    let logits = randomTensor([2, 3, 4], seed: 9)
    let labels = [1, 0, 3, 2, 2, 1]
    let targets = try Tensor.oneHot(labels, classes: 4).reshaped([2, 3, 4])
    let loss = Loss.categoricalCrossEntropy
    let value = try loss(Variable(logits), targets, fromLogits: true).value.scalar
    // By hand: the mean over the six rows of −log softmax at the label.
    var total = 0.0
    for (row, label) in labels.enumerated() {
      let z = logits.scalars[(row * 4)..<(row * 4 + 4)].map(Double.init)
      let top = z.max() ?? 0
      let logSum = log(z.map { exp($0 - top) }.reduce(0, +)) + top
      total += logSum - z[label]
    }
    #expect(abs(Double(value) - total / 6) < 1e-5)
    // Gradients for logits and for probabilities, over [n, steps, classes].
    let fused = try checkGradients(
      of: { v in try loss(v[0], targets, fromLogits: true) }, at: [logits], step: 1e-2)
    #expect(fused.passes, "\(fused)")
    let probabilities = Activation.softmax.apply(logits)
    let plain = try checkGradients(
      of: { v in try loss(v[0], targets) }, at: [probabilities], step: 1e-3)
    #expect(plain.passes, "\(plain)")
    // The other losses average over every value.
    let mse = try Loss.meanSquaredError.callAsFunction(Variable(logits), targets).value.scalar
    let flat = try Loss.meanSquaredError.callAsFunction(
      Variable(try logits.reshaped([6, 4])), try targets.reshaped([6, 4])
    ).value.scalar
    #expect(mse == flat)
  }

  @Test func aClassPerSampleOnAnOutputAtEveryStepIsExplained() throws {
    var model = try Sequential(name: "m", inputShape: [8, 8])
    try model.append(Recurrent(.lstm, inputSize: 8, units: 4, returnsSequences: true, seed: 1))
    try model.append(Dense(inputSize: 4, outputSize: 10, activation: .softmax, seed: 2))
    let output = LossCompatibility.Output(of: model)
    #expect(output.shape == [8, 10] && output.units == 80)
    let problem = try #require(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: false, output: output, targets: .classes(10)))
    #expect(problem.message.contains("a row for every step") && problem.culprit == .output)
    #expect(problem.fix.contains("sequences false"))
    // Ten classes from the last step only: nothing to say.
    var last = try Sequential(name: "m", inputShape: [8, 8])
    try last.append(Recurrent(.lstm, inputSize: 8, units: 4, seed: 1))
    try last.append(Dense(inputSize: 4, outputSize: 10, activation: .softmax, seed: 2))
    #expect(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: false, output: .init(of: last),
        targets: .classes(10)) == nil)
  }

  @Test func modelFilesKeepRecurrentLayers() throws {
    var model = try Sequential(name: "m", inputShape: [4, 3])
    try model.append(
      Recurrent(
        .gru, inputSize: 3, units: 5, returnsSequences: true, bias: false, seed: 4,
        name: "gru_1"))
    try model.append(
      Recurrent(.rnn(.relu), inputSize: 5, units: 2, seed: 5, name: "rnn_1"))
    let loaded = try ModelArchive.decode(try ModelArchive.encode(model))
    #expect(loaded.parameters == model.parameters)
    #expect(loaded.outputShapes == [[4, 5], [2]])
    let gru = try #require(loaded.layers[0] as? Recurrent)
    #expect(gru.cell == .gru && gru.returnsSequences && !gru.hasBias)
    let rnn = try #require(loaded.layers[1] as? Recurrent)
    #expect(rnn.cell == .rnn(.relu) && !rnn.returnsSequences && rnn.hasBias)
    let x = randomTensor([2, 4, 3], seed: 6)
    #expect(try loaded.predict(x) == model.predict(x))
    #expect(gru.written() == "gru 5 sequences true bias false" && rnn.written() == "rnn 2 relu")
  }

  @Test func weightsStartGlorotFromTwoSeedsAndBiasesAtZero() throws {
    let layer = try Recurrent(.lstm, inputSize: 3, units: 2, seed: 800)
    let input = Initializer.glorotUniform.values(count: 24, fanIn: 3, fanOut: 8, seed: 800)
    let recurrent = Initializer.glorotUniform.values(count: 16, fanIn: 2, fanOut: 8, seed: 801)
    #expect(layer.inputWeight.scalars == input && layer.recurrentWeight.scalars == recurrent)
    #expect(layer.biases.map(\.shape) == [[8]] && layer.biases[0].scalars.allSatisfy { $0 == 0 })
    #expect(layer.parameterNames == ["input_weight", "recurrent_weight", "bias"])
    #expect(layer.weightFlags == [true, true, false])
  }

  /// Sequences of ±1 whose class is the sign of the first step: the rest is noise, so the
  /// network must carry the first value to the end.
  static func firstStepTask(count: Int, steps: Int, seed: UInt64) throws -> Dataset {
    var random = RandomGenerator(seed: seed)
    var values: [Float] = []
    var labels: [Int] = []
    for _ in 0..<count {
      let row = (0..<steps).map { _ in random.uniform() < 0.5 ? Float(-1) : 1 }
      values += row
      labels.append(row[0] > 0 ? 1 : 0)
    }
    return Dataset(
      name: "first", features: try Tensor(shape: [count, steps, 1], scalars: values),
      labels: labels, classNames: ["negative", "positive"])
  }

  @Test func anLSTMRemembersTheFirstStep() throws {
    let train = try Self.firstStepTask(count: 256, steps: 8, seed: 21)
    let test = try Self.firstStepTask(count: 200, steps: 8, seed: 22)
    var model = try Sequential(name: "memory", inputShape: [8, 1])
    try model.append(Recurrent(.lstm, inputSize: 1, units: 8, seed: 23))
    try model.append(Dense(inputSize: 8, outputSize: 2, activation: .softmax, seed: 24))
    let before = try Metrics.evaluate(model, on: test, loss: .categoricalCrossEntropy)
    let options = TrainingOptions(epochs: 40, batchSize: 32, loss: .categoricalCrossEntropy)
    try Trainer.train(&model, on: train, optimizer: Adam(learningRate: 0.02), options: options)
    let after = try Metrics.evaluate(model, on: test, loss: .categoricalCrossEntropy)
    let accuracy = try #require(after.accuracy)
    #expect(accuracy > 0.97, "held-out accuracy \(accuracy)")
    #expect(after.loss < before.loss / 4)
  }
}
