import NNVCore
import Testing

/// Sizes from scripts and files are checked before anything is allocated: overflows and
/// requests over the resource limits are errors naming the limit, never traps.
@Suite struct LimitTests {
  /// The `LimitError` thrown by `body`, or nil (recorded as an issue) when it throws none.
  func limitError(
    _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
  ) -> LimitError? {
    do {
      try body()
      Issue.record("expected a LimitError", sourceLocation: sourceLocation)
    } catch let error as LimitError {
      return error
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
    return nil
  }

  @Test func elementCountsAreCheckedForOverflowAndTheLimit() throws {
    #expect(try Shape.elementCount([2, 3, 4]) == 24)
    #expect(Shape.checkedProduct([Int.max, 2]) == nil)
    #expect(Shape.checkedProduct([3, -1]) == nil)
    let overflow = limitError { _ = try Shape.elementCount([10_000_000, 10_000_000, 10_000_000]) }
    #expect(overflow?.limit == ResourceLimits.tensorElements)
    #expect(overflow?.description.contains("[10000000, 10000000, 10000000]") == true)
    #expect(overflow?.description.contains("1e+21 elements") == true)
    #expect(
      overflow?.description.contains("over the limit of 268,435,456 elements per tensor") == true)
    let wrapped = limitError { _ = try Shape.elementCount([Int.max, Int.max]) }
    #expect(wrapped?.description.contains("8.5") == true)  // (2^63)^2 ≈ 8.5e37
    #expect(throws: TensorError.self) { _ = try Shape.elementCount([-2, 3]) }
  }

  @Test func limitsDescribeThemselves() {
    #expect(ResourceLimits.epochs.description == "1,000,000 epochs per training run")
    #expect(ResourceLimit.grouped(1234567) == "1,234,567")
    #expect(ResourceLimit.grouped(-1000) == "-1,000")
    #expect(ResourceLimit.amount(1e21) == "1e+21")
    #expect(ResourceLimits.all.allSatisfy { $0.maximum > 0 && !$0.unit.isEmpty })
  }

  @Test func tensorShapesThatOverflowAreErrors() throws {
    #expect(throws: TensorError.self) { _ = try Tensor(shape: [Int.max, 2], scalars: [1, 2]) }
    let t = Tensor([1, 2, 3, 4])
    #expect(throws: TensorError.self) { _ = try t.reshaped([Int.max, 2]) }
    #expect(throws: TensorError.self) { _ = try t.reshaped([-1, Int.max, 4]) }
    #expect(try t.reshaped([-1, 2]).shape == [2, 2])
  }

  @Test func denseLayersOverTheParameterLimitAreRefusedBeforeAllocating() {
    // 4e9 · 4e9 overflows Int; 10^10 weights would be 40 GB.
    for (inputs, units) in [(4_000_000_000, 4_000_000_000), (100_000, 100_000), (Int.max, 2)] {
      let error = limitError { _ = try Dense(inputSize: inputs, outputSize: units) }
      #expect(error?.limit == ResourceLimits.modelParameters)
      #expect(error?.description.contains("67,108,864 parameters per model") == true)
    }
    #expect(throws: LayerError.self) { _ = try Dense(inputSize: 0, outputSize: 3) }
  }

  @Test func inputShapesAndFlattenAreChecked() throws {
    let input = limitError {
      _ = try Sequential(inputShape: [10_000_000, 10_000_000, 10_000_000])
    }
    #expect(input?.subject.contains("input sample") == true)
    #expect(input?.limit == ResourceLimits.tensorElements)
    let flatten = limitError { _ = try Flatten().outputShape(for: [Int.max, 2]) }
    #expect(flatten?.subject.contains("flattening") == true)
    var model = try Sequential(inputShape: [8, 8])
    try model.append(Flatten())
    #expect(model.outputShape == [64])
    #expect(model.sampleActivations == 128)
  }

  @Test func aModelOverTheParameterLimitIsRefusedWhenTheLayerIsAdded() throws {
    var model = try Sequential(name: "big", inputShape: [4096])
    try model.append(Dense(inputSize: 4096, outputSize: 8192, initializer: .zeros))
    let second = try Dense(inputSize: 8192, outputSize: 4096, initializer: .zeros)
    let error = limitError { try model.append(second) }
    #expect(error?.limit == ResourceLimits.modelParameters)
    #expect(error?.subject.hasPrefix("big with") == true)
    #expect(model.layers.count == 1)
  }

  @Test func oneSampleOverTheBatchLimitIsRefused() throws {
    var model = try Sequential(inputShape: [8192, 8192])  // 2^26 values: at the limit
    let error = limitError { try model.append(Flatten()) }
    #expect(error?.limit == ResourceLimits.batchActivations)
  }

  @Test func predictionsAndLayerOutputsStayWithinTheLimits() throws {
    var model = try Sequential(inputShape: [1])
    try model.append(Dense(inputSize: 1, outputSize: 1_000_000, initializer: .zeros))
    #expect(model.samplesPerPass == ResourceLimits.batchActivations.maximum / 1_000_001)
    let x = Tensor.zeros([100, 1])
    let error = limitError { _ = try model.layerOutputs(x) }
    #expect(error?.limit == ResourceLimits.batchActivations)
    let outputs = limitError { _ = try model.predict(Tensor.zeros([300, 1])) }
    #expect(outputs?.limit == ResourceLimits.tensorElements)
  }

  @Test func oneSampleOfSeveralDimensionsIsAcceptedAndMismatchesSaySomethingTrue() throws {
    var model = try Sequential(name: "m", inputShape: [2, 2])
    try model.append(Flatten())
    try model.append(Dense(inputSize: 4, outputSize: 1, initializer: .zeros))
    // One sample of shape [2, 2] is a batch of one, not "samples of shape [2]".
    #expect(try model.predict(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])).shape == [1, 1])
    #expect(try model.predict(Tensor.zeros([5, 2, 2])).shape == [5, 1])
    do {
      _ = try model.predict(Tensor([1, 2, 3]))
      Issue.record("expected an error")
    } catch {
      let text = "\(error)"
      #expect(text.contains("one sample of shape [2, 2] or a batch of shape [n, 2, 2]"), "\(text)")
      #expect(text.contains("has shape [3]"), "\(text)")
    }
  }

  @Test func oneHotTargetsOverTheLimitAreRefused() throws {
    let n = 3_000_000
    let data = Dataset(
      name: "many", features: Tensor.zeros([n, 1]), labels: Array(repeating: 0, count: n),
      classNames: (0..<100).map(String.init))
    let error = limitError { _ = try data.targets(outputSize: 100) }
    #expect(error?.subject.contains("one-hot targets of many") == true)
  }
}
