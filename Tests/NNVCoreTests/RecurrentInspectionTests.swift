import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// What the recurrent views compute: step tokens, gate means, unit correlations against a hand
/// computation, principal components of points with a known axis, and trajectories.
@Suite struct RecurrentInspectionTests {
  /// input [T, F] → `cell` with `units` units (every step) → dense 2 softmax.
  static func model(_ cell: RecurrentCell, steps: Int, features: Int, units: Int) throws
    -> Sequential
  {
    var model = try Sequential(name: "m", inputShape: [steps, features])
    try model.append(
      Recurrent(cell, inputSize: features, units: units, returnsSequences: true, seed: 5))
    try model.append(Dense(inputSize: units, outputSize: 2, activation: .softmax, seed: 6))
    return model
  }

  @Test func tokensNameTheActiveSymbolOrTheValue() throws {
    let brackets = try SequenceDatasets.brackets(n: 3, length: 6, seed: 1)
    let tokens = try SequenceTokens.labels(brackets, sample: 0)
    #expect(tokens.count == 6)
    let row = try brackets.features.row(0)
    for (t, token) in tokens.enumerated() {
      let k = try #require(brackets.featureNames.firstIndex(of: token))
      #expect(row.scalars[t * 3 + k] == 1)
    }
    let text = try TextDatasets.text("ab a", window: 3)
    #expect(try SequenceTokens.labels(text, sample: 0) == ["a", "b", "␣"])
    let values = try Tensor(shape: [3, 1], scalars: [1, -0.25, 0.333])
    #expect(try SequenceTokens.labels(of: values, featureNames: ["x"]) == ["1", "-0.25", "0.33"])
    #expect(throws: TensorError.self) {
      try SequenceTokens.labels(of: Tensor.zeros([4]), featureNames: [])
    }
  }

  @Test func pearsonMatchesAHandComputation() throws {
    // dx = -1.5 -0.5 0.5 1.5, dy = -3 -1 0 4: r = 11 / sqrt(5 · 26).
    let r = try #require(UnitCorrelations.pearson([1, 2, 3, 4], [2, 4, 5, 9]))
    #expect(abs(r - 11 / (130.0).squareRoot()) < 1e-12)
    #expect(abs((UnitCorrelations.pearson([1, 2, 3], [3, 2, 1]) ?? 0) + 1) < 1e-12)
    #expect(UnitCorrelations.pearson([1, 2, 3], [5, 5, 5]) == nil)
    #expect(UnitCorrelations.pearson([1], [1]) == nil)
    let order = UnitCorrelations.ranked([0.2, -0.9, .nan, 0.5]).map(\.unit)
    #expect(order == [1, 3, 0, 2])
  }

  @Test func signalsReadTargetsPositionsAndSymbols() throws {
    let data = try SequenceDatasets.brackets(n: 4, length: 8, seed: 2)
    let target = try UnitCorrelations.signal(.target, in: data, sample: 1)
    #expect(target == data.labels(ofSample: 1).map(Double.init))
    #expect(try UnitCorrelations.signal(.position, in: data, sample: 1) == (0..<8).map(Double.init))
    let open = try UnitCorrelations.signal(.feature("("), in: data, sample: 1)
    let tokens = try SequenceTokens.labels(data, sample: 1)
    #expect(open == tokens.map { $0 == "(" ? 1 : 0 })
    #expect(throws: DataError.self) {
      try UnitCorrelations.signal(.feature("x"), in: data, sample: 0)
    }
  }

  @Test func rankingComputesEveryUnitsCorrelationOverAllSteps() throws {
    // 300 samples: two chunks of the trace.
    let data = try SequenceDatasets.brackets(n: 300, length: 6, seed: 3)
    let model = try Self.model(.gru, steps: 6, features: 3, units: 4)
    let ranked = try UnitCorrelations.rank(model, layer: 1, data: data, signal: .target)
    #expect(ranked.count == 4)
    let trace = try model.trace(layer: 0, on: data.features)
    var y: [Double] = []
    for i in 0..<data.count { y += try UnitCorrelations.signal(.target, in: data, sample: i) }
    for entry in ranked {
      var x: [Double] = []
      for i in 0..<data.count {
        x += HiddenSequence.steps(of: trace.hidden, sample: i).map { $0[entry.unit] }
      }
      let r = try #require(UnitCorrelations.pearson(x, y))
      #expect(abs(r - entry.r) < 1e-9)
    }
    #expect(abs(ranked[0].r) >= abs(ranked[3].r))
    #expect(throws: LayerError.self) {
      try UnitCorrelations.rank(model, layer: 2, data: data, signal: .target)
    }
  }

  @Test func principalComponentsFindAKnownAxis() throws {
    // t along a = (0.6, 0.8, 0), s along b = (0, 0, 1); Σ t·s = 0 and both have mean 0, so
    // the covariance is diagonal in (a, b): variances 20/9 and 10/9.
    let t: [Double] = [-2, -1, 0, 1, 2, -2, -1, 0, 1, 2]
    let s: [Double] = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1]
    let points = zip(t, s).map { [0.6 * $0.0 + 1, 0.8 * $0.0 - 2, $0.1 + 3] }
    let pca = try PrincipalComponents.fit(points, dimension: 3)
    #expect(zip(pca.mean, [1.0, -2, 3]).allSatisfy { abs($0.0 - $0.1) < 1e-12 })
    #expect(zip(pca.axes[0], [0.6, 0.8, 0]).allSatisfy { abs($0.0 - $0.1) < 1e-9 })
    #expect(zip(pca.axes[1], [0.0, 0, 1]).allSatisfy { abs($0.0 - $0.1) < 1e-9 })
    #expect(abs(pca.variances[0] - 20 / 9) < 1e-9)
    #expect(abs(pca.variances[1] - 10 / 9) < 1e-9)
    #expect(abs(pca.explained[0] - 2.0 / 3) < 1e-9)
    let projected = pca.project(points[0])
    #expect(abs(projected[0] + 2) < 1e-9 && abs(projected[1] - 1) < 1e-9)
    #expect(throws: TensorError.self) { try PrincipalComponents.fit([[1, 2]], dimension: 2) }
  }

  @Test func aSequenceKeepsItsStatesAndGateMeans() throws {
    let data = try SequenceDatasets.parity(n: 3, length: 5, seed: 4)
    let model = try Self.model(.lstm, steps: 5, features: 1, units: 3)
    let sequence = try HiddenSequence.of(model, layer: 1, data: data, sample: 2)
    let trace = try model.trace(layer: 0, on: data.features.row(2))
    #expect(sequence.steps == 5 && sequence.units == 3)
    #expect(sequence.unit(1) == (0..<5).map { Double(trace.hidden.scalars[$0 * 3 + 1]) })
    #expect(sequence.gates.map(\.name) == ["i", "f", "g", "o"])
    let f = try #require(trace.gates["f"])
    for step in 0..<5 {
      let mean = (0..<3).map { Double(f.scalars[step * 3 + $0]) }.reduce(0, +) / 3
      #expect(abs(sequence.gates[1].means[step] - mean) < 1e-12)
    }
    let gate = try Tensor(shape: [1, 2, 2], scalars: [1, 3, 5, 7])
    #expect(HiddenSequence.gateMeans(gate, sample: 0) == [2, 6])
    #expect(sequence.tokens == (try SequenceTokens.labels(data, sample: 2)))
    #expect(throws: TensorError.self) {
      try HiddenSequence.of(model, layer: 1, data: data, sample: 3)
    }
  }

  @Test func trajectoriesProjectEveryStateOfTheFirstSequences() throws {
    let data = try SequenceDatasets.parity(n: 10, length: 6, seed: 5)
    let model = try Self.model(.rnn(.tanh), steps: 6, features: 1, units: 4)
    let paths = try HiddenTrajectories.of(model, layer: 1, data: data, count: 4)
    #expect(paths.paths.count == 4)
    #expect(paths.paths.allSatisfy { $0.points.count == 6 })
    #expect(paths.paths[2].label == data.labels(ofSample: 2).last)
    let trace = try model.trace(layer: 0, on: data.features.row(3))
    let state = HiddenSequence.steps(of: trace.hidden, sample: 0)[4]
    let p = paths.components.project(state)
    #expect(abs(p[0] - paths.paths[3].points[4].x) < 1e-6)
    #expect(abs(p[1] - paths.paths[3].points[4].y) < 1e-6)
    #expect(paths.components.explained.reduce(0, +) <= 1 + 1e-9)
  }
}
