/// Samples with their targets: the input to training, evaluation and every plot of data.
///
/// A classification set has class names and one label (a class index) per sample; a regression
/// set has a tensor of target values instead. Features keep their natural shape (`[n, 2]`
/// points, `[n, 64]` flattened digits, `[n, T, F]` sequences of T steps of F features).
///
/// A sequence set may have a target at every step instead of one per sample (`targetSteps`):
/// the next character of a text, the running parity of bits. Its labels then hold
/// `count × T` class indices, sample after sample and step after step within each sample, and
/// its values have shape `[count, T, outputs]` (see Dataset+Steps).
public struct Dataset: Sendable, Equatable {
  /// What the set is called (`xor`, `iris`, or the CSV file's name).
  public var name: String
  /// The inputs, one sample per row: shape `[count] + sampleShape`.
  public var features: Tensor
  /// The class index of every sample (of every step of every sample when `targetSteps` is
  /// set: `labels[i * T + t]`); empty for regression.
  public var labels: [Int]
  /// The target values, `[count, outputs]` (`[count, T, outputs]` with a target at every
  /// step); `nil` for classification.
  public var values: Tensor?
  /// The class names, indexed by label; empty for regression.
  public var classNames: [String]
  /// A name for each input feature (`x1`, `petal_length`); for sequences, usually one for
  /// each feature of a step.
  public var featureNames: [String]
  /// The number of time steps that have a target of their own, T: nil when every sample has
  /// one target (every set that is not a sequence, and a sequence labelled as a whole).
  public var targetSteps: Int?

  /// A classification set; with `targetSteps` T, `labels` holds a class for every step of
  /// every sample, `count × T` of them, sample by sample.
  public init(
    name: String, features: Tensor, labels: [Int], classNames: [String],
    featureNames: [String]? = nil, targetSteps: Int? = nil
  ) {
    self.name = name
    self.features = features
    self.labels = labels
    self.values = nil
    self.classNames = classNames
    self.featureNames = featureNames ?? Dataset.defaultFeatureNames(features.rowSize)
    self.targetSteps = targetSteps
  }

  /// A regression set: `values` of shape `[count, outputs]`, or `[count, T, outputs]` for a
  /// target at each of T steps (which sets `targetSteps`).
  public init(name: String, features: Tensor, values: Tensor, featureNames: [String]? = nil) {
    self.name = name
    self.features = features
    self.labels = []
    self.values = values
    self.classNames = []
    self.featureNames = featureNames ?? Dataset.defaultFeatureNames(features.rowSize)
    self.targetSteps = values.rank == 3 ? values.shape[1] : nil
  }

  static func defaultFeatureNames(_ count: Int) -> [String] { (1...max(count, 1)).map { "x\($0)" } }

  /// The number of samples.
  public var count: Int { features.rows }
  /// Whether targets are classes.
  public var isClassification: Bool { values == nil }
  /// The shape of one sample.
  public var sampleShape: [Int] { Array(features.shape.dropFirst()) }
  /// The number of samples in each class (of steps, with a target at every step).
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classNames.count)
    for label in labels where label >= 0 && label < counts.count { counts[label] += 1 }
    return counts
  }

  /// The samples at `indices`, in that order.
  ///
  /// - Throws: `TensorError.indexOutOfRange` for an index outside the set.
  public func subset(_ indices: [Int]) throws -> Dataset {
    var copy = self
    copy.features = try Self.gathering(features, indices)
    if let values { copy.values = try Self.gathering(values, indices) }
    if !labels.isEmpty {
      let steps = targetsPerSample
      if let bad = indices.first(where: { $0 < 0 || $0 >= labels.count / steps }) {
        throw TensorError.indexOutOfRange("sample \(bad) of a data set with \(count) samples")
      }
      var picked = [Int](repeating: 0, count: indices.count * steps)
      var poller = Cancellation.Poller(interval: 1 << 16)
      for (k, index) in indices.enumerated() {
        // Reading in random order misses the cache: a large subset polls as it goes.
        try poller.advance(by: steps)
        for t in 0..<steps { picked[k * steps + t] = labels[index * steps + t] }
      }
      copy.labels = picked
    }
    return copy
  }

  /// The rows of `tensor` at `indices`, polling `Cancellation` every 262,144 values.
  static func gathering(_ tensor: Tensor, _ indices: [Int]) throws -> Tensor {
    let size = tensor.rowSize
    let chunk = Swift.max(1, (1 << 18) / Swift.max(size, 1))
    guard indices.count > chunk, tensor.rank >= 1 else { return try tensor.gatheringRows(indices) }
    let rows = tensor.rows
    if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
      throw TensorError.indexOutOfRange("row \(bad) of a tensor with \(rows) rows")
    }
    var scalars = [Float](repeating: 0, count: indices.count * size)
    try scalars.withUnsafeMutableBufferPointer { out in
      try tensor.scalars.withUnsafeBufferPointer { x in
        guard let target = out.baseAddress, let source = x.baseAddress else { return }
        for (k, index) in indices.enumerated() {
          if k % chunk == chunk - 1 { try Cancellation.check() }
          (target + k * size).update(from: source + index * size, count: size)
        }
      }
    }
    var shape = tensor.shape
    shape[0] = indices.count
    return try Tensor(shape: shape, scalars: scalars)
  }

  /// The targets a network with `outputSize` outputs is trained against.
  ///
  /// Classes become one-hot rows, except with a single output, which gets the label itself
  /// (0 or 1, for a sigmoid unit). With a target at every step the output size is the steps
  /// times the outputs of a step, and each row holds a sample's steps one after the other
  /// (`targets(outputShape:)` keeps the axes apart).
  ///
  /// - Throws: `DataError.targetMismatch` when the output size cannot represent the targets,
  ///   `LimitError` when one-hot rows would exceed the elements-per-tensor limit.
  public func targets(outputSize: Int) throws -> Tensor {
    if let steps = targetSteps {
      guard steps > 0, outputSize % steps == 0 else {
        throw DataError.targetMismatch(
          "\(name) has a target at each of its \(steps) steps, but the model has "
            + "\(outputSize) outputs, which is not a whole number per step")
      }
      return try stepTargets(units: outputSize / steps, steps: steps).flattenedRows
    }
    if let values {
      guard values.rowSize == outputSize else {
        throw DataError.targetMismatch(
          "\(name) has \(values.rowSize) target value(s) per sample, but the model has "
            + "\(outputSize) output(s)")
      }
      return values.flattenedRows
    }
    if outputSize == 1 {
      guard classNames.count <= 2 else {
        throw DataError.targetMismatch(
          "\(name) has \(classNames.count) classes, but the model has 1 output; give the last "
            + "layer \(classNames.count) units with softmax")
      }
      return Tensor(uncheckedShape: [labels.count, 1], scalars: labels.map(Float.init))
    }
    guard outputSize == classNames.count else {
      throw DataError.targetMismatch(
        "\(name) has \(classNames.count) classes, but the model has \(outputSize) outputs")
    }
    _ = try Shape.elementCount(
      [labels.count, outputSize], of: "the one-hot targets of \(name)")
    return Tensor.oneHot(labels, classes: outputSize)
  }
}
