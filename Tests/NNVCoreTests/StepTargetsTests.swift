import NNVCore
import Testing

/// Data sets with a target at every step of a sequence: how their labels are stored, kept
/// together by subsets and splits, turned into targets, counted by accuracy and confusion, and
/// checked against a model's output shape.
@Suite struct StepTargetsTests {
  /// `n` sequences of `steps` one-hot symbols out of `classes`, each step labelled with its
  /// own symbol (a model that copies its input at every step is right everywhere).
  static func copies(n: Int, steps: Int = 5, classes: Int = 3, seed: UInt64 = 1) throws -> Dataset {
    var random = RandomGenerator(seed: seed)
    var features = [Float](repeating: 0, count: n * steps * classes)
    var labels: [Int] = []
    for i in 0..<n {
      for t in 0..<steps {
        let symbol = random.integer(below: classes)
        features[(i * steps + t) * classes + symbol] = 1
        labels.append(symbol)
      }
    }
    return Dataset(
      name: "copies", features: try Tensor(shape: [n, steps, classes], scalars: features),
      labels: labels, classNames: (0..<classes).map { "s\($0)" }, targetSteps: steps)
  }

  /// The symbol at every step of sample `index`, read from its one-hot features.
  static func symbols(_ data: Dataset, _ index: Int) throws -> [Int] {
    let classes = data.sampleShape[1]
    let row = try data.features.row(index).scalars
    return stride(from: 0, to: row.count, by: classes).map { start in
      (0..<classes).first { row[start + $0] == 1 } ?? -1
    }
  }

  @Test func labelsAreStoredSampleBySampleAndStepByStep() throws {
    let data = try Self.copies(n: 6)
    #expect(data.targetSteps == 5 && data.targetsPerSample == 5 && data.hasStepTargets)
    #expect(data.labels.count == 30)
    for i in 0..<data.count {
      #expect(Array(data.labels(ofSample: i)) == (try Self.symbols(data, i)))
    }
    #expect(data.labels(ofSample: 6).isEmpty && data.labels(ofSample: -1).isEmpty)
    // Every step is counted in its class.
    #expect(data.classCounts.reduce(0, +) == 30)
    #expect(data.classCounts[1] == data.labels.filter { $0 == 1 }.count)
  }

  @Test func subsetsAndSplitsKeepEachSamplesLabels() throws {
    let data = try Self.copies(n: 40)
    let picked = try data.subset([7, 0, 7])
    #expect(picked.count == 3 && picked.labels.count == 15)
    #expect(Array(picked.labels(ofSample: 0)) == Array(data.labels(ofSample: 7)))
    #expect(Array(picked.labels(ofSample: 1)) == Array(data.labels(ofSample: 0)))
    #expect(Array(picked.labels(ofSample: 2)) == Array(data.labels(ofSample: 7)))
    #expect(throws: (any Error).self) { try data.subset([40]) }
    let parts = try data.split(test: 0.25, seed: 3)
    #expect(parts.train.count == 30 && parts.test.count == 10)
    for part in [parts.train, parts.test] {
      #expect(part.targetSteps == 5 && part.labels.count == part.count * 5)
      for i in 0..<part.count {
        // The labels still describe the sample's own symbols.
        #expect(Array(part.labels(ofSample: i)) == (try Self.symbols(part, i)))
      }
    }
  }

  @Test func targetsAreOneHotAtEveryStep() throws {
    let data = try Self.copies(n: 4)
    let targets = try data.targets(outputShape: [5, 3])
    #expect(targets.shape == [4, 5, 3])
    #expect(targets == data.features)
    #expect((try data.targets(outputSize: 15)) == targets.flattenedRows)
    #expect(throws: DataError.self) { try data.targets(outputShape: [15]) }
    #expect(throws: DataError.self) { try data.targets(outputShape: [5, 4]) }
    #expect(throws: DataError.self) { try data.targets(outputShape: [4, 3]) }
    #expect(throws: DataError.self) { try data.targets(outputSize: 14) }
    // Two classes and one unit at every step: the labels themselves.
    let binary = try Self.copies(n: 4, classes: 2)
    let labels = try binary.targets(outputShape: [5, 1])
    #expect(labels.shape == [4, 5, 1] && labels.scalars == binary.labels.map(Float.init))
    // A set with one target per sample is unchanged.
    let flat = try SyntheticDatasets.xor(n: 10, seed: 1)
    #expect((try flat.targets(outputShape: [2])) == (try flat.targets(outputSize: 2)))
  }

  @Test func valuesAtEveryStepKeepTheirAxes() throws {
    let values = try Tensor(shape: [2, 3, 1], scalars: [1, 2, 3, 4, 5, 6])
    let data = Dataset(
      name: "steps", features: try Tensor(shape: [2, 3, 1], scalars: [0, 1, 2, 3, 4, 5]),
      values: values)
    #expect(data.targetSteps == 3 && data.valuesPerTarget == 1 && !data.isClassification)
    #expect((try data.targets(outputShape: [3, 1])) == values)
    #expect(throws: DataError.self) { try data.targets(outputShape: [3, 2]) }
    #expect(LossCompatibility.Targets(of: data) == .steps(3, each: .values(1)))
    let part = try data.subset([1])
    #expect(part.values?.scalars == [4, 5, 6])
  }

  @Test func predictionsFoldTheStepsIntoRows() throws {
    // Two samples of three steps of two scores.
    let output = try Tensor(shape: [2, 3, 2], scalars: [0, 1, 1, 0, 0, 2, 3, 1, 1, 2, 5, 0])
    let predicted = Metrics.predictedClasses(
      output, fromLogits: true, loss: .categoricalCrossEntropy, steps: 3)
    #expect(predicted == [1, 0, 1, 0, 1, 0])
    let one = try Tensor(shape: [2, 3, 1], scalars: [0.2, 0.7, 0.4, 0.9, 0.1, 0.6])
    #expect(
      Metrics.predictedClasses(one, fromLogits: false, loss: .binaryCrossEntropy, steps: 3)
        == [0, 1, 0, 1, 0, 1])
  }

  @Test func theLossRuleAsksForAnOutputAtEveryStep() throws {
    let data = try Self.copies(n: 4)
    let targets = LossCompatibility.Targets(of: data)
    #expect(targets == .steps(5, each: .classes(3)))
    let fits = LossCompatibility.Output(activation: .softmax, units: 15, shape: [5, 3])
    #expect(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: true, output: fits, targets: targets) == nil)
    let flat = LossCompatibility.Output(activation: .softmax, units: 15, shape: [15, 1])
    let problem = try #require(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: true, output: flat, targets: targets,
        dataName: "copies"))
    #expect(problem.culprit == .output)
    #expect(problem.message.contains("copies has a target at each of its 5 steps"))
    #expect(problem.message.contains("[15, 1]"))
    let narrow = LossCompatibility.Output(activation: .softmax, units: 10, shape: [5, 2])
    let classes = try #require(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: true, output: narrow, targets: targets))
    #expect(classes.message.contains("3 classes") && classes.message.contains("2 output units"))
    // An output at every step for data with one target per sample says so.
    let whole = try #require(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: true, output: fits, targets: .classes(3),
        dataName: "sentences"))
    #expect(whole.message.contains("sentences has one target per sample"))
    #expect(whole.message.contains("[5, 3], a row for every step") && whole.culprit == .output)
    // A flat output (no shape given) has no row for every step.
    let units = LossCompatibility.Output(activation: .softmax, units: 15)
    #expect(
      LossCompatibility.problem(
        loss: .categoricalCrossEntropy, lossGiven: true, output: units, targets: targets)?
        .culprit == .output)
  }
}
