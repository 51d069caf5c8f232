import NNVCore
import Testing

/// Each check of `Diagnosis` on a network or data made with its problem on purpose: exactly
/// that finding fires, and a healthy network gets none.
@Suite struct DiagnosisTests {
  typealias F = DiagnosisFixtures

  /// The report's codes, with the findings in the message when they differ from `expected`.
  static func expect(
    _ report: Diagnosis.Report, _ expected: Set<Finding.Code>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      F.codes(report) == expected, "\(report.findings.map { "\($0.code): \($0.message)" })",
      sourceLocation: sourceLocation)
  }

  @Test func aHealthyNetworkGetsNoFinding() throws {
    let (model, train, test) = try F.healthy()
    let report = try Diagnosis.run(model, on: train, validation: test)
    Self.expect(report, [])
    #expect(report.skipped.map(\.check) == [.confusion])
    // Three classes: every check looks, and none fires.
    let parts = try SyntheticDatasets.gauss(n: 300, classes: 3, noise: 0.3, seed: 2).split(
      test: 0.25, seed: 1)
    var three = try F.dense(2, [(16, .relu), (3, .softmax)])
    let untrained = try Diagnosis.run(three, on: parts.train, validation: parts.test)
    #expect(
      untrained.skipped.first { $0.check == .confusion }?.reason.contains("not been trained")
        == true)
    try F.train(&three, on: parts.train, epochs: 40, validation: parts.test)
    let all = try Diagnosis.run(three, on: parts.train, validation: parts.test)
    Self.expect(all, [])
    #expect(all.checked == Diagnosis.Check.allCases && all.skipped.isEmpty)
  }

  @Test func halfTheReLUUnitsDeadIsAWarningAndAllDeadAnError() throws {
    let (train, _) = try F.moons()
    var model = try F.dense(2, [(8, .relu), (2, .softmax)])
    // Inputs stay within ±2 and the weights within ±1: a bias of -5 keeps a unit below 0.
    try F.setBias(&model, layer: 0, [-5, -5, -5, -5, 0, 0, 0, 0])
    let report = try Diagnosis.run(model, on: train)
    Self.expect(report, [.deadUnits])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .warning && finding.layer == "dense_1")
    #expect(finding[evidence: "dead"] == 4 && finding[evidence: "units"] == 8)
    #expect(finding[evidence: "samples"] == 150)
    #expect(finding.suggestion.contains("`dense 8 leaky_relu` instead of `dense 8 relu`"))
    let units = try UnitActivityCheck.layerUnits(model, on: train)
    #expect(units.layers.map(\.dead) == [[0, 1, 2, 3]] && units.samples == 150)
    try F.setBias(&model, layer: 0, Array(repeating: -5, count: 8))
    let all = try Diagnosis.run(model, on: train)
    Self.expect(all, [.deadUnits])
    #expect(all.findings.first?.severity == .error)
    // Three of eight dead is below the threshold of four in ten.
    try F.setBias(&model, layer: 0, [-5, -5, -5, 0, 0, 0, 0, 0])
    Self.expect(try Diagnosis.run(model, on: train), [])
  }

  @Test func tanhUnitsPinnedAtOneAreSaturated() throws {
    let (train, _) = try F.moons()
    var model = try F.dense(2, [(8, .tanh), (2, .softmax)])
    try F.setBias(&model, layer: 0, [10, 10, 10, 10, 10, 0, 0, 0])
    let report = try Diagnosis.run(model, on: train)
    Self.expect(report, [.saturatedUnits])
    let finding = try #require(report.findings.first)
    #expect(finding[evidence: "saturated"] == 5 && finding.layer == "dense_1")
    #expect(finding.suggestion.contains("`standardize true`"))
    #expect(finding.suggestion.contains("`dense 8 relu`"))
  }

  @Test func eightSigmoidLayersMakeTheGradientVanish() throws {
    // 400 samples, so that the 1,986 parameters are not too many for them.
    let train = try SyntheticDatasets.moons(n: 400, noise: 0.1, seed: 3)
    let model = try F.dense(2, Array(repeating: (16, .sigmoid), count: 8) + [(2, .softmax)])
    let report = try Diagnosis.run(model, on: train)
    Self.expect(report, [.vanishingGradients])
    let finding = try #require(report.findings.first)
    let ratio = try #require(finding[evidence: "ratio"])
    #expect(ratio < GradientFlowCheck.vanishingRatio && ratio > 0)
    #expect(finding.layer == "dense_1" && finding.suggestion.contains("`relu`"))
    // The measure: the ratio is the first layer's signal over the last layer's.
    let layers = try GradientFlowCheck.layerGradients(
      model, on: train, loss: .categoricalCrossEntropy)
    #expect(layers.count == 9)
    #expect(abs(layers[0].outputRMS / layers[8].outputRMS - ratio) <= 1e-9 * ratio)
    // Two sigmoid layers pass the gradient on.
    let shallow = try F.dense(2, [(16, .sigmoid), (16, .sigmoid), (2, .softmax)])
    Self.expect(try Diagnosis.run(shallow, on: train), [])
  }

  @Test func largeWeightsThroughEightLinearLayersMakeItExplode() throws {
    let data = try SyntheticDatasets.plane(n: 400, noise: 0.05, seed: 2)
    var model = try F.dense(2, Array(repeating: (16, .linear), count: 7) + [(1, .linear)])
    // Glorot weights pass the gradient back at about its size; five times larger, it grows
    // five times at each of the 7 layers it crosses.
    F.scaleWeights(&model, by: 5)
    let report = try Diagnosis.run(model, on: data)
    Self.expect(report, [.explodingGradients])
    let finding = try #require(report.findings.first)
    #expect((finding[evidence: "ratio"] ?? 0) > GradientFlowCheck.explodingRatio)
    #expect(finding.severity == .warning && finding.suggestion.contains("`clip 1`"))
    // Weights so large that the gradient overflows: an error.
    F.scaleWeights(&model, by: 1e6)
    let overflow = try Diagnosis.run(model, on: data)
    #expect(overflow.findings(.explodingGradients).first?.severity == .error)
  }

  @Test func oneFeatureAThousandTimesLargerIsUnscaled() throws {
    let (train, _) = try F.moons()
    let data = F.scaled(train, column: 1, by: 1000)
    let model = try F.dense(2, [(8, .relu), (2, .softmax)])
    let report = try Diagnosis.run(model, on: data)
    Self.expect(report, [.unscaledInputs])
    let finding = try #require(report.findings.first)
    #expect((finding[evidence: "ratio"] ?? 0) > 100)
    #expect(finding.message.contains("`x2`") && finding.suggestion.contains("`standardize true`"))
    // Every feature in the thousands: large, though alike.
    let large = F.scaled(F.scaled(train, column: 0, by: 1000), column: 1, by: 2000)
    let both = try Diagnosis.run(model, on: large)
    Self.expect(both, [.unscaledInputs])
    #expect(both.findings.first?[evidence: "typical_range"] != nil)
    // A model that standardizes its inputs is not checked.
    var standardized = model
    standardized.standardizer = try Standardizer(fitting: data)
    let skipped = try Diagnosis.run(standardized, on: data)
    Self.expect(skipped, [])
    #expect(
      Set(skipped.skipped.map(\.check)) == [.fitting, .learningRate, .inputScale, .confusion])
  }
}
