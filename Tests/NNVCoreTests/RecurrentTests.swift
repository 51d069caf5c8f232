import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Recurrent layers: values computed by hand from the formulas, gradients through time against
/// finite differences, and what a trace shows.
@Suite struct RecurrentTests {
  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// One sequence of two steps with one feature, through a layer of one unit.
  func run(_ layer: Recurrent, _ steps: [Float]) throws -> Tensor {
    let x = try Tensor(shape: [1, steps.count, 1], scalars: steps)
    var context = ForwardContext.inference
    return try layer.forward(
      Variable(x), parameters: layer.parameters.map { Variable($0) }, context: &context
    ).value
  }

  func matrix(_ values: [Float]) throws -> Tensor {
    try Tensor(shape: [1, values.count], scalars: values)
  }

  @Test func elmanStepsByHand() throws {
    // h0 = tanh(0.5·1 + 0.1), h1 = tanh(0.5·2 − h0 + 0.1).
    let layer = try Recurrent(
      .rnn(.tanh), inputWeight: matrix([0.5]), recurrentWeight: matrix([-1]),
      biases: [Tensor([0.1])], returnsSequences: true)
    let out = try run(layer, [1, 2])
    let h0 = tanh(0.6)
    let h1 = tanh(1.1 - h0)
    #expect(out.shape == [1, 2, 1])
    #expect(abs(Double(out.scalars[0]) - h0) < 1e-6 && abs(Double(out.scalars[1]) - h1) < 1e-6)
    // relu, last step only: h0 = relu(0.6) = 0.6, h1 = relu(1.1 − 0.6·1) with U = 1 → 1.7.
    let relu = try Recurrent(
      .rnn(.relu), inputWeight: matrix([0.5]), recurrentWeight: matrix([1]),
      biases: [Tensor([0.1])])
    let last = try run(relu, [1, 2])
    #expect(last.shape == [1, 1])
    #expect(abs(last.scalar - 1.7) < 1e-6)
  }

  @Test func lstmStepsByHand() throws {
    let (w, u, b): ([Double], [Double], [Double]) = (
      [0.5, -0.3, 0.8, 0.2], [0.4, 0.6, -0.7, 0.1], [0.1, 0.2, -0.1, 0.05]
    )
    let layer = try Recurrent(
      .lstm, inputWeight: matrix(w.map(Float.init)), recurrentWeight: matrix(u.map(Float.init)),
      biases: [Tensor(b.map(Float.init))], returnsSequences: true)
    var (h, c) = (0.0, 0.0)
    var expected: [Double] = []
    for x in [1.0, -2.0] {
      let a = (0..<4).map { x * w[$0] + h * u[$0] + b[$0] }
      let (i, f, g, o) = (Self.sigmoid(a[0]), Self.sigmoid(a[1]), tanh(a[2]), Self.sigmoid(a[3]))
      c = f * c + i * g
      h = o * tanh(c)
      expected.append(h)
    }
    let out = try run(layer, [1, -2])
    for (got, want) in zip(out.scalars, expected) { #expect(abs(Double(got) - want) < 1e-6) }
  }

  @Test func gruStepsByHandKeepTheRecurrentBiasInsideTheReset() throws {
    let (w, u): ([Double], [Double]) = ([0.5, -0.3, 0.8], [0.4, 0.6, -0.7])
    let (bi, bh): ([Double], [Double]) = ([0.1, 0.2, -0.1], [0.3, -0.2, 0.5])
    let layer = try Recurrent(
      .gru, inputWeight: matrix(w.map(Float.init)), recurrentWeight: matrix(u.map(Float.init)),
      biases: [Tensor(bi.map(Float.init)), Tensor(bh.map(Float.init))], returnsSequences: true)
    var h = 0.0
    var expected: [Double] = []
    for x in [1.0, -2.0] {
      let r = Self.sigmoid(x * w[0] + bi[0] + h * u[0] + bh[0])
      let z = Self.sigmoid(x * w[1] + bi[1] + h * u[1] + bh[1])
      let n = tanh(x * w[2] + bi[2] + r * (h * u[2] + bh[2]))
      h = (1 - z) * n + z * h
      expected.append(h)
    }
    let out = try run(layer, [1, -2])
    for (got, want) in zip(out.scalars, expected) { #expect(abs(Double(got) - want) < 1e-6) }
  }

  /// The cells and settings the gradient checks cover.
  static let cases: [(RecurrentCell, Bool, Bool)] = [
    RecurrentCell.rnn(.tanh), .rnn(.relu), .lstm, .gru,
  ].flatMap { cell in
    [(true, true), (false, true), (true, false), (false, false)].map { (cell, $0.0, $0.1) }
  }

  func isReluCase(_ index: Int) -> Bool { Self.cases[index].0 == .rnn(.relu) }

  @Test(arguments: 0..<16)
  func gradientsThroughTimeMatchFiniteDifferences(_ index: Int) throws {
    let (cell, sequences, bias) = Self.cases[index]
    let (features, units) = (2, 3)
    let shapes = cell.parameterShapes(features: features, units: units, bias: bias)
    let seed = UInt64((isReluCase(index) ? 140 : 40) + 5 * index)
    let isRelu = cell == .rnn(.relu)
    // relu has a kink at 0: inputs and weights away from it, and a smaller step.
    var inputs = [
      isRelu
        ? randomTensorAvoidingZero([2, 4, features], seed: seed)
        : randomTensor([2, 4, features], seed: seed)
    ]
    for (k, shape) in shapes.enumerated() {
      inputs.append(randomTensor(shape, seed: seed + 1 + UInt64(k), in: -0.8...0.8))
    }
    let report = try checkGradients(
      of: { v in
        try Variable.recurrent(
          v[0], inputWeight: v[1], recurrentWeight: v[2], biases: Array(v.dropFirst(3)),
          cell: cell, returnsSequences: sequences)
      }, at: inputs, step: isRelu ? 1e-3 : 1e-2)
    #expect(report.passes, "\(cell) sequences \(sequences) bias \(bias): \(report)")
    #expect(report.checked == inputs.reduce(0) { $0 + $1.count })
  }

  /// Sizes that fill the kernels' 8 × 32 tiles and their vectors of 16 units, with units left
  /// over (20 = 16 + 4; a GRU's 60 columns = 32 + 28).
  @Test(arguments: [(RecurrentCell.lstm, 32), (.gru, 20), (.rnn(.tanh), 32)])
  func gradientsAtTheSizesOfTheTiledProducts(_ cell: RecurrentCell, _ units: Int) throws {
    let shapes = cell.parameterShapes(features: 3, units: units, bias: true)
    let inputs =
      [randomTensor([8, 3, 3], seed: 70)]
      + shapes.enumerated().map { randomTensor($1, seed: 71 + UInt64($0), in: -0.3...0.3) }
    let report = try checkGradients(
      of: { v in
        try Variable.recurrent(
          v[0], inputWeight: v[1], recurrentWeight: v[2], biases: Array(v.dropFirst(3)),
          cell: cell, returnsSequences: true)
      }, at: inputs, step: 1e-2)
    #expect(report.passes, "\(cell) \(units) units: \(report)")
  }

  /// One-hot inputs (one value in sixteen is 1) take the kernels' path that skips zeros.
  @Test(arguments: [RecurrentCell.lstm, .gru])
  func gradientsWithOneHotInputs(_ cell: RecurrentCell) throws {
    let symbols = [3, 0, 15, 7, 7, 1, 12, 9]
    let x = try Tensor.oneHot(symbols, classes: 16).reshaped([2, 4, 16])
    let shapes = cell.parameterShapes(features: 16, units: 5, bias: true)
    let inputs = [x] + shapes.enumerated().map { randomTensor($1, seed: 90 + UInt64($0)) }
    let report = try checkGradients(
      of: { v in
        try Variable.recurrent(
          v[0], inputWeight: v[1], recurrentWeight: v[2], biases: Array(v.dropFirst(3)),
          cell: cell, returnsSequences: true)
      }, at: inputs, step: 1e-2)
    #expect(report.passes, "\(cell): \(report)")
  }

  /// An LSTM of 64 units over 16 sequences, step by step in double precision from the formulas.
  @Test func aLargerLSTMMatchesTheFormulasInDoublePrecision() throws {
    let (batch, steps, features, units) = (16, 4, 5, 64)
    let layer = try Recurrent(
      .lstm, inputWeight: randomTensor([features, 4 * units], seed: 80, in: -0.2...0.2),
      recurrentWeight: randomTensor([units, 4 * units], seed: 81, in: -0.2...0.2),
      biases: [randomTensor([4 * units], seed: 82, in: -0.2...0.2)], returnsSequences: true)
    let x = randomTensor([batch, steps, features], seed: 83)
    let out = try run2(layer, x)
    let (w, u, bias) = (layer.inputWeight.scalars, layer.recurrentWeight.scalars, layer.biases[0])
    var worst = 0.0
    for b in 0..<batch {
      var (h, c) = ([Double](repeating: 0, count: units), [Double](repeating: 0, count: units))
      for t in 0..<steps {
        var a = bias.scalars.map(Double.init)
        for k in 0..<(4 * units) {
          for f in 0..<features {
            a[k] += Double(x.scalars[(b * steps + t) * features + f]) * Double(w[f * 4 * units + k])
          }
          for j in 0..<units { a[k] += h[j] * Double(u[j * 4 * units + k]) }
        }
        for j in 0..<units {
          let (i, f) = (Self.sigmoid(a[j]), Self.sigmoid(a[units + j]))
          let (g, o) = (tanh(a[2 * units + j]), Self.sigmoid(a[3 * units + j]))
          c[j] = f * c[j] + i * g
          h[j] = o * tanh(c[j])
          let got = Double(out.scalars[((b * steps + t) * units) + j])
          worst = max(worst, abs(got - h[j]))
        }
      }
    }
    #expect(worst < 1e-5, "largest difference \(worst)")
  }

  @Test func aWholeCharacterModelDifferentiatesThroughTheLoss() throws {
    // lstm 3 sequences true → dense 4 softmax, cross-entropy over [n, steps, 4] on logits.
    var model = try Sequential(name: "chars", inputShape: [3, 4])
    try model.append(Recurrent(.lstm, inputSize: 4, units: 3, returnsSequences: true, seed: 5))
    try model.append(Dense(inputSize: 3, outputSize: 4, activation: .softmax, seed: 6))
    let labels = [0, 3, 1, 2, 2, 0]
    let target = Tensor.oneHot(labels, classes: 4)
    let targets = try target.reshaped([2, 3, 4])
    let counts = model.layers.map(\.parameters.count)
    let inputs = [randomTensor([2, 3, 4], seed: 8)] + model.parameters.flatMap { $0 }
    let report = try checkGradients(
      of: { v in
        var offset = 1
        let parameters = counts.map { count in
          defer { offset += count }
          return Array(v[offset..<(offset + count)])
        }
        var context = ForwardContext.inference
        let logits = try model.forward(
          v[0], parameters: parameters, context: &context, stopBeforeFinalActivation: true)
        let loss = Loss.categoricalCrossEntropy
        return try loss(logits, targets, fromLogits: true)
      }, at: inputs, step: 1e-2)
    #expect(report.passes, "\(report)")
  }

  @Test func aTraceShowsEveryStepAndTheGates() throws {
    let layer = try Recurrent(.lstm, inputSize: 2, units: 3, seed: 11)
    let x = randomTensor([2, 5, 2], seed: 12)
    let trace = try layer.trace(x)
    #expect(trace.hidden.shape == [2, 5, 3])
    #expect(Set(trace.gates.keys) == ["i", "f", "g", "o"])
    // The layer's output (the last step) is the trace's last step.
    let last = try run2(layer, x)
    for b in 0..<2 {
      for j in 0..<3 {
        #expect(last.scalars[b * 3 + j] == trace.hidden.scalars[(b * 5 + 4) * 3 + j])
      }
    }
    // h = o ⊙ tanh(c) at every step, from the trace's own gates and cells.
    let o = try #require(trace.gates["o"])
    let cells = try #require(trace.cells)
    for k in 0..<trace.hidden.count {
      #expect(
        abs(trace.hidden.scalars[k] - o.scalars[k] * Float(tanh(Double(cells.scalars[k])))) < 1e-5)
      #expect(o.scalars[k] > 0 && o.scalars[k] < 1)
    }
    let gru = try Recurrent(.gru, inputSize: 2, units: 3, seed: 13).trace(x)
    #expect(Set(gru.gates.keys) == ["r", "z", "n"] && gru.cells == nil)
    #expect(try Recurrent(.rnn(.tanh), inputSize: 2, units: 3).trace(x).gates.isEmpty)
  }

  func run2(_ layer: Recurrent, _ x: Tensor) throws -> Tensor {
    var context = ForwardContext.inference
    return try layer.forward(
      Variable(x), parameters: layer.parameters.map { Variable($0) }, context: &context
    ).value
  }

  @Test func aModelTracesItsRecurrentLayerAfterTheLayersBefore() throws {
    var model = try Sequential(name: "m", inputShape: [4, 2])
    try model.append(Dense(inputSize: 2, outputSize: 3, activation: .tanh, seed: 1))
    try model.append(Recurrent(.gru, inputSize: 3, units: 2, seed: 2))
    let x = randomTensor([4, 2], seed: 3)
    let trace = try model.trace(layer: 1, on: x)
    #expect(trace.hidden.shape == [1, 4, 2])
    let output = try model.predict(x)
    #expect(Array(trace.hidden.scalars.suffix(2)) == output.scalars)
    #expect(throws: LayerError.self) { try model.trace(layer: 0, on: x) }
  }

  @Test func aLongSequenceStopsWhenCancelled() throws {
    let layer = try Recurrent(.lstm, inputSize: 4, units: 64, seed: 1)
    let x = randomTensor([1, 5000, 4], seed: 2)
    let token = CancellationToken(cancellingAtPoll: 3)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) { _ = try run2(layer, x) }
    }
    // Polled a few times, not once per step.
    #expect(token.pollCount == 3)
    #expect(try run2(layer, x).shape == [1, 64])
  }

  @Test func aLongBackwardPassThroughTimeStopsWhenCancelled() throws {
    let tape = Tape()
    let layer = try Recurrent(.gru, inputSize: 4, units: 64, returnsSequences: true, seed: 1)
    let out = try Variable.recurrent(
      tape.variable(randomTensor([1, 5000, 4], seed: 2)),
      inputWeight: tape.variable(layer.inputWeight),
      recurrentWeight: tape.variable(layer.recurrentWeight),
      biases: layer.biases.map { tape.variable($0) }, cell: .gru, returnsSequences: true)
    let counter = CancellationToken()
    try Cancellation.run(with: counter) { _ = try tape.cancellableGradients(of: out) }
    // The tape polls once a node (five here); the rest come from inside the recurrent node.
    #expect(counter.pollCount > 10, "polled \(counter.pollCount) times")
    let token = CancellationToken(cancellingAtPoll: counter.pollCount / 2)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) { _ = try tape.cancellableGradients(of: out) }
    }
    #expect(token.pollCount == counter.pollCount / 2)
  }
}
