/// Targets at every time step of a sequence.
///
/// A sequence set's samples have shape `[T, F]`: T steps of F features. Its targets are either
/// one per sample (a sequence labelled as a whole: balanced brackets or not), or one at every
/// step (`targetSteps` = T: the next character of a text, the running parity of bits). A model
/// learns the second kind when it outputs `[T, units]`, a row for every step, and its loss and
/// accuracy then count every step.
///
/// How they are stored: the labels of a classification set are flat, sample after sample and
/// step after step within each sample (`labels[i * T + t]` is step t of sample i); the values
/// of a regression set keep their axes, `[count, T, outputs]`.
extension Dataset {
  /// The targets of one sample: T with a target at every step, else 1.
  public var targetsPerSample: Int { Swift.max(targetSteps ?? 1, 1) }

  /// Whether every step of a sample has a target of its own.
  public var hasStepTargets: Bool { targetSteps != nil }

  /// The values to predict at each step (or for each sample), for regression; 0 for classes.
  public var valuesPerTarget: Int {
    guard let values else { return 0 }
    return values.shape.last ?? 1
  }

  /// The labels of sample `index`: T of them with a target at every step, else one.
  public func labels(ofSample index: Int) -> ArraySlice<Int> {
    let steps = targetsPerSample
    let start = index * steps
    guard index >= 0, start + steps <= labels.count else { return [] }
    return labels[start..<(start + steps)]
  }

  /// When the samples are sequences of one-hot characters over the classes (a `text` set, whose
  /// inputs and targets share the feature names), the class names; else nil.
  public var vocabulary: [String]? {
    guard targetSteps != nil, isClassification, sampleShape.count == 2,
      sampleShape[1] == classNames.count, featureNames == classNames
    else { return nil }
    return classNames
  }

  /// The targets a network whose output for one sample has shape `outputShape` is trained
  /// against.
  ///
  /// For a set with one target per sample this is `targets(outputSize:)` with the number of
  /// outputs. With a target at every step, the output must be `[T, units]`: classes become
  /// one-hot rows along the last axis, `[count, T, classes]` (or the labels themselves,
  /// `[count, T, 1]`, for one sigmoid unit and two classes), and values keep their shape.
  ///
  /// - Throws: `DataError.targetMismatch` when the output cannot hold the targets,
  ///   `LimitError` when one-hot targets would exceed the elements-per-tensor limit.
  public func targets(outputShape: [Int]) throws -> Tensor {
    guard let steps = targetSteps else {
      guard let size = Shape.checkedProduct(outputShape) else {
        throw DataError.targetMismatch(
          "a model output of shape \(Tensor.describe(outputShape)) is too large")
      }
      return try targets(outputSize: size)
    }
    guard outputShape.count == 2, outputShape[0] == steps else {
      throw DataError.targetMismatch(
        "\(name) has a target at each of its \(steps) steps, so the model's output must be "
          + "[\(steps), N], not \(Tensor.describe(outputShape))")
    }
    return try stepTargets(units: outputShape[1], steps: steps)
  }

  /// Targets `[count, steps, units]` for `units` outputs at every step.
  func stepTargets(units: Int, steps: Int) throws -> Tensor {
    if let values {
      guard values.shape == [count, steps, values.shape.last ?? 0] else {
        throw DataError.targetMismatch(
          "\(name) has target values of shape \(Tensor.describe(values.shape)), not one row "
            + "for each of its \(steps) steps")
      }
      guard values.shape.last == units else {
        throw DataError.targetMismatch(
          "\(name) has \(valuesPerTarget) target value(s) at every step, but the model has "
            + "\(units) output(s) per step")
      }
      return values
    }
    guard labels.count == count * steps else {
      throw DataError.targetMismatch(
        "\(name) has \(labels.count) labels, not one for each of the \(steps) steps of its "
          + "\(count) samples")
    }
    if units == 1 {
      guard classNames.count <= 2 else {
        throw DataError.targetMismatch(
          "\(name) has \(classNames.count) classes, but the model has 1 output per step; give "
            + "the last layer \(classNames.count) units with softmax")
      }
      return Tensor(uncheckedShape: [count, steps, 1], scalars: labels.map(Float.init))
    }
    guard units == classNames.count else {
      throw DataError.targetMismatch(
        "\(name) has \(classNames.count) classes, but the model has \(units) outputs per step")
    }
    _ = try Shape.elementCount(
      [count, steps, units], of: "the one-hot targets of \(name)")
    var scalars = [Float](repeating: 0, count: labels.count * units)
    var poller = Cancellation.Poller()
    for (i, label) in labels.enumerated() where label >= 0 && label < units {
      try poller.advance(by: units)
      scalars[i * units + label] = 1
    }
    return Tensor(uncheckedShape: [count, steps, units], scalars: scalars)
  }
}
