/// Checking a model file's header completely before anything it describes is allocated.
///
/// A header with a valid checksum may still be hostile or damaged: shapes whose product
/// overflows, a billion units, parameter shapes that disagree with the layers, a history whose
/// run numbers would overflow on the next `train`. Each is refused here with a message, using
/// checked arithmetic and the resource limits, so that reading a file never traps and never
/// allocates more than the file's own size.
extension ModelArchive {
  /// The parameter shapes of every layer, as the header's architecture requires them, after
  /// checking that the header lists exactly those and that the file holds their values.
  static func validate(
    _ header: Header, headerLength: Int, fileSize: Int, invalid: (String) -> PersistenceError
  ) throws -> [[[Int]]] {
    guard ResourceLimits.modelLayers.allows(header.layers.count) else {
      throw invalid(
        "it lists \(header.layers.count) layers, over the limit of \(ResourceLimits.modelLayers)")
    }
    var shape = try checkedInputShape(header.inputShape, invalid: invalid)
    var total = 0
    var layouts: [[[Int]]] = []
    for record in header.layers {
      let expected: [[Int]]
      do {
        (expected, shape) = try layout(of: record, input: shape, invalid: invalid)
      } catch let error as LimitError {
        throw invalid("layer \(record.name) is too large: \(error)")
      }
      guard record.parameterShapes == expected else {
        throw invalid(
          "layer \(record.name) lists parameters of shapes "
            + record.parameterShapes.map(Tensor.describe).joined(separator: ", ")
            + ", but its architecture has "
            + (expected.isEmpty ? "none" : expected.map(Tensor.describe).joined(separator: ", ")))
      }
      let count = expected.reduce(0) { $0 + $1.reduce(1, *) }  // bounded by `layout`
      guard let sum = Shape.sum(total, count), ResourceLimits.modelParameters.allows(sum) else {
        throw invalid("its layers hold more than \(ResourceLimits.modelParameters)")
      }
      total = sum
      layouts.append(expected)
    }
    // `total` is at most 2^26, so these sums cannot overflow.
    guard fileSize == 16 + headerLength + 4 * total + 8 else {
      throw invalid(
        "it should hold \(total) weights after the header, but its size does not match")
    }
    try checkStandardizer(header.standardizer, inputShape: header.inputShape, invalid: invalid)
    try checkFeatureNames(
      header.featureNames ?? [], inputShape: header.inputShape, invalid: invalid)
    try checkHistory(header.history, invalid: invalid)
    return layouts
  }

  /// The input shape, if it is one to three positive sizes within the elements limit.
  static func checkedInputShape(
    _ shape: [Int], invalid: (String) -> PersistenceError
  ) throws -> [Int] {
    guard (1..<Tensor.maximumRank).contains(shape.count), shape.allSatisfy({ $0 > 0 }) else {
      throw invalid("its input shape \(Tensor.describe(shape)) is not 1 to 3 positive sizes")
    }
    do {
      _ = try Shape.elementCount(shape, of: "its input shape \(Tensor.describe(shape))")
    } catch {
      throw invalid("\(error)")
    }
    return shape
  }

  /// The parameter shapes a layer record must have given its input shape, and its output shape.
  static func layout(
    of record: LayerRecord, input: [Int], invalid: (String) -> PersistenceError
  ) throws -> (parameters: [[Int]], output: [Int]) {
    guard let kind = LayerRegistry.kind(named: record.kind) else {
      throw invalid("layer \(record.name) has a kind this nnv does not know: '\(record.kind)'")
    }
    let shapes: LayerKind.Shapes?
    do {
      shapes = try kind.shapes(for: input, configuration: record.settings)
    } catch let error as LayerError {
      throw invalid("layer \(record.name): \(error)")
    }
    guard let shapes else { throw invalid("\(kind.name) layer \(record.name) is incomplete") }
    return (shapes.parameters, shapes.output)
  }

  /// A standardizer must have one finite mean and one positive finite deviation per feature.
  static func checkStandardizer(
    _ standardizer: Standardizer?, inputShape: [Int], invalid: (String) -> PersistenceError
  ) throws {
    guard let standardizer else { return }
    let features = inputShape.reduce(1, *)  // checked in `checkedInputShape`
    guard standardizer.mean.count == features, standardizer.deviation.count == features,
      standardizer.mean.allSatisfy(\.isFinite),
      standardizer.deviation.allSatisfy({ $0.isFinite && $0 > 0 })
    else {
      throw invalid(
        "its standardization does not have a finite mean and a positive deviation for each "
          + "of its \(features) input features")
    }
  }

  /// Feature names, when there are any, name every input value, or every feature of a step.
  static func checkFeatureNames(
    _ names: [String], inputShape: [Int], invalid: (String) -> PersistenceError
  ) throws {
    guard !Sequential.featureNames(names, fit: inputShape) else { return }
    let features = inputShape.reduce(1, *)  // checked in `checkedInputShape`
    let step = inputShape.count == 2 ? " (or \(inputShape[1]), one for each feature of a step)" : ""
    throw invalid(
      "it lists \(names.count) feature names, but its input \(Tensor.describe(inputShape)) has "
        + "\(features) features\(step)")
  }

  /// Run and epoch numbers count from 1, and runs never go back. Every run has at least one
  /// epoch, so no run number exceeds the number of epochs, and a next run cannot overflow.
  static func checkHistory(
    _ history: TrainingHistory, invalid: (String) -> PersistenceError
  ) throws {
    var run = 1
    for metrics in history.epochs {
      guard metrics.run >= run, metrics.run <= history.epochs.count, metrics.epoch >= 1 else {
        throw invalid(
          "its training history has an epoch numbered run \(metrics.run), epoch \(metrics.epoch) "
            + "after run \(run), among \(history.epochs.count) epochs")
      }
      run = metrics.run
    }
  }
}
