import NNVCore
import NNVTestSupport
import Testing

/// Every differentiable operation: autodiff gradients against central finite differences.
@Suite struct AutodiffTests {
  func expectGradients(
    _ inputs: [Tensor], _ function: ([Variable]) throws -> Variable,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let report = try checkGradients(of: function, at: inputs)
    #expect(report.passes, "\(report)", sourceLocation: sourceLocation)
  }

  @Test func addSameShape() throws {
    try expectGradients([randomTensor([3, 4], seed: 1), randomTensor([3, 4], seed: 2)]) {
      try $0[0] + $0[1]
    }
  }

  @Test func addBroadcastsBiasRow() throws {
    try expectGradients([randomTensor([5, 3], seed: 1), randomTensor([3], seed: 2)]) {
      try $0[0] + $0[1]
    }
  }

  @Test func subtractBroadcastsColumn() throws {
    try expectGradients([randomTensor([4, 3], seed: 3), randomTensor([4, 1], seed: 4)]) {
      try $0[0] - $0[1]
    }
  }

  @Test func multiplyBroadcastsGeneral() throws {
    try expectGradients([randomTensor([2, 1, 3], seed: 5), randomTensor([4, 1], seed: 6)]) {
      try $0[0] * $0[1]
    }
  }

  @Test func scalarMultiplyAndNegate() throws {
    try expectGradients([randomTensor([3, 2], seed: 7)]) { -($0[0] * 2.5) }
  }

  @Test func matmul() throws {
    try expectGradients([randomTensor([4, 3], seed: 8), randomTensor([3, 5], seed: 9)]) {
      try Variable.matmul($0[0], $0[1])
    }
  }

  @Test func affine() throws {
    try expectGradients([
      randomTensor([6, 4], seed: 10), randomTensor([4, 3], seed: 11), randomTensor([3], seed: 12),
    ]) { try Variable.affine($0[0], $0[1], $0[2]) }
  }

  @Test func reshape() throws {
    try expectGradients([randomTensor([2, 6], seed: 13), randomTensor([3, 4], seed: 14)]) {
      try $0[0].reshaped([3, 4]) * $0[1]
    }
  }

  @Test(arguments: Activation.allCases)
  func activation(_ activation: Activation) throws {
    try expectGradients([randomTensorAvoidingZero([4, 5], seed: 15)]) { activation.apply($0[0]) }
  }

  @Test(arguments: Loss.allCases, [false, true])
  func loss(_ loss: Loss, fromLogits: Bool) throws {
    let rows = 6
    let width = loss == .binaryCrossEntropy ? 1 : 4
    var logits = randomTensor([rows, width], seed: 16, in: -2...2)
    var targets: Tensor
    switch loss {
    case .meanSquaredError:
      targets = randomTensor([rows, width], seed: 17)
    case .binaryCrossEntropy:
      targets = Tensor(shape: [rows, 1]) { for i in 0..<rows { $0[i] = Float(i % 2) } }
      if !fromLogits { logits = Activation.sigmoid.apply(logits) }
    case .categoricalCrossEntropy:
      targets = Tensor.oneHot((0..<rows).map { $0 % width }, classes: width)
      if !fromLogits { logits = Activation.softmax.apply(logits) }
    }
    try expectGradients([logits]) { try loss($0[0], targets, fromLogits: fromLogits) }
  }

  @Test func fusedCrossEntropyStaysFiniteWhenConfidentlyWrong() throws {
    let logits = try Tensor(shape: [2, 2], scalars: [1000, -1000, -1000, 1000])
    let targets = Tensor.oneHot([1, 0], classes: 2)
    let value = try Loss.categoricalCrossEntropy(
      Variable(logits), targets, fromLogits: true
    ).value.scalar
    #expect(value.isFinite)
    #expect(abs(value - 2000) < 1)
    let binary = try Loss.binaryCrossEntropy(
      Variable(try Tensor(shape: [1, 1], scalars: [-500])), Tensor(repeating: 1, shape: [1, 1]),
      fromLogits: true
    ).value.scalar
    #expect(binary.isFinite && abs(binary - 500) < 1e-3)
  }

  @Test func valueUsedTwiceAccumulatesGradient() throws {
    // f(x) = x * x + x: the gradient 2x + 1 needs both uses of x to be summed.
    let x = randomTensor([3], seed: 18)
    try expectGradients([x]) { try $0[0] * $0[0] + $0[0] }
    let tape = Tape()
    let v = tape.variable(x)
    let gradient = tape.gradients(of: try v * v + v)[v]
    for (g, value) in zip(gradient.scalars, x.scalars) { #expect(abs(g - (2 * value + 1)) < 1e-6) }
  }

  @Test func standardizerIsDifferentiableInItsInput() throws {
    let standardizer = Standardizer(mean: [0.5, -1, 2], deviation: [2, 0.5, 1])
    try expectGradients([randomTensor([4, 3], seed: 19)]) { try standardizer.apply($0[0]) }
  }

  @Test func twoLayerNetworkWithRespectToInputsAndParameters() throws {
    try expectGradients([
      randomTensor([5, 3], seed: 20), randomTensor([3, 4], seed: 21), randomTensor([4], seed: 22),
      randomTensor([4, 2], seed: 23), randomTensor([2], seed: 24),
    ]) { v in
      let hidden = Activation.tanh.apply(try Variable.affine(v[0], v[1], v[2]))
      let logits = try Variable.affine(hidden, v[3], v[4])
      return try Loss.categoricalCrossEntropy(
        logits, Tensor.oneHot([0, 1, 1, 0, 1], classes: 2), fromLogits: true)
    }
  }

  @Test func inferenceRecordsNothing() throws {
    let x = Variable(randomTensor([2, 2], seed: 25))
    let y = try x * x + x
    #expect(y.tape == nil)
    #expect(y.node == -1)
  }

  @Test func gradientOfUnusedLeafIsZero() {
    let tape = Tape()
    let a = tape.variable(randomTensor([2], seed: 26))
    let b = tape.variable(randomTensor([2], seed: 27))
    let gradients = tape.gradients(of: a * 3)
    #expect(gradients[b] == Tensor.zeros([2]))
    #expect(gradients[a] == Tensor(repeating: 3, shape: [2]))
  }
}

extension Activation: CustomTestStringConvertible {
  public var testDescription: String { name }
}

@Suite struct InputGradientTests {
  @Test func linearModelGradientIsTheTargetWeightColumn() throws {
    var model = try Sequential(inputShape: [3])
    try model.append(Dense(inputSize: 3, outputSize: 2, activation: .softmax, seed: 4))
    let x = randomTensor([5, 3], seed: 1)
    let (gradients, targets, _) = try InputGradient.compute(
      model, inputs: x, targets: [0, 1, 1, 0, 1])
    #expect(targets == [0, 1, 1, 0, 1])
    let w = model.parameters[0][0]
    for (row, target) in targets.enumerated() {
      for feature in 0..<3 {
        #expect(gradients.scalars[row * 3 + feature] == w.scalars[feature * 2 + target])
      }
    }
  }

  @Test func batchedGradientMatchesOneSampleAtATimeAndFiniteDifferences() throws {
    var model = try Sequential(inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 6, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 6, outputSize: 3, activation: .softmax, seed: 2))
    let x = randomTensor([4, 4], seed: 2)
    let batched = try InputGradient.compute(model, inputs: x)
    for row in 0..<4 {
      let single = try InputGradient.compute(model, inputs: try x.row(row))
      #expect(single.targets == [batched.targets[row]])
      let expected = Array(batched.gradients.scalars[(row * 4)..<(row * 4 + 4)])
      for (a, b) in zip(single.gradients.scalars, expected) { #expect(abs(a - b) < 1e-6) }
      // Central differences of the target logit.
      let target = batched.targets[row]
      for feature in 0..<4 {
        var plus = try x.row(row)
        var minus = plus
        plus.scalars[feature] += 1e-2
        minus.scalars[feature] -= 1e-2
        func logit(_ input: Tensor) throws -> Float {
          let hidden = Activation.tanh.apply(
            try Tensor.matmul(input.reshaped([1, 4]), model.parameters[0][0])
              + model.parameters[0][1])
          return try (Tensor.matmul(hidden, model.parameters[1][0]) + model.parameters[1][1])
            .scalars[target]
        }
        let numeric = (try logit(plus) - logit(minus)) / 2e-2
        #expect(abs(numeric - expected[feature]) < 1e-3)
      }
    }
  }
}

@Suite struct TapeLifetimeTests {
  @Test func tapeIsFreedAfterTheBackwardPass() throws {
    weak var weakTape: Tape?
    do {
      let tape = Tape()
      weakTape = tape
      let x = tape.variable(randomTensor([3, 2], seed: 1))
      let w = tape.variable(randomTensor([2, 4], seed: 2))
      let b = tape.variable(randomTensor([4], seed: 3))
      let h = Activation.tanh.apply(try Variable.affine(x, w, b))
      let y = try (h * h + h - Variable(randomTensor([4], seed: 4))) * 2
      let z = try Variable.matmul(try y.reshaped([4, 3]), x)
      let loss = try Loss.meanSquaredError(z, Tensor.zeros([4, 2]))
      _ = tape.gradients(of: loss)[w]
    }
    #expect(weakTape == nil, "a backward closure keeps its tape alive")
  }
}
