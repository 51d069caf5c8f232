/// Samples with their targets: the input to training, evaluation and every plot of data.
///
/// A classification set has class names and one label (a class index) per sample; a regression
/// set has a tensor of target values instead. Features keep their natural shape (`[n, 2]`
/// points, `[n, 64]` flattened digits).
public struct Dataset: Sendable, Equatable {
  /// What the set is called (`xor`, `iris`, or the CSV file's name).
  public var name: String
  /// The inputs, one sample per row: shape `[count] + sampleShape`.
  public var features: Tensor
  /// The class index of every sample; empty for regression.
  public var labels: [Int]
  /// The target values, `[count, outputs]`; `nil` for classification.
  public var values: Tensor?
  /// The class names, indexed by label; empty for regression.
  public var classNames: [String]
  /// A name for each input feature (`x1`, `petal_length`).
  public var featureNames: [String]

  /// A classification set.
  public init(
    name: String, features: Tensor, labels: [Int], classNames: [String],
    featureNames: [String]? = nil
  ) {
    self.name = name
    self.features = features
    self.labels = labels
    self.values = nil
    self.classNames = classNames
    self.featureNames = featureNames ?? Dataset.defaultFeatureNames(features.rowSize)
  }

  /// A regression set.
  public init(name: String, features: Tensor, values: Tensor, featureNames: [String]? = nil) {
    self.name = name
    self.features = features
    self.labels = []
    self.values = values
    self.classNames = []
    self.featureNames = featureNames ?? Dataset.defaultFeatureNames(features.rowSize)
  }

  static func defaultFeatureNames(_ count: Int) -> [String] { (1...max(count, 1)).map { "x\($0)" } }

  /// The number of samples.
  public var count: Int { features.rows }
  /// Whether targets are classes.
  public var isClassification: Bool { values == nil }
  /// The shape of one sample.
  public var sampleShape: [Int] { Array(features.shape.dropFirst()) }
  /// The number of samples in each class.
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
      var picked = [Int](repeating: 0, count: indices.count)
      for (k, index) in indices.enumerated() {
        // Reading in random order misses the cache: a large subset polls as it goes.
        if k & 0xFFFF == 0xFFFF { try Cancellation.check() }
        picked[k] = labels[index]
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
  /// (0 or 1, for a sigmoid unit).
  ///
  /// - Throws: `DataError.targetMismatch` when the output size cannot represent the targets,
  ///   `LimitError` when one-hot rows would exceed the elements-per-tensor limit.
  public func targets(outputSize: Int) throws -> Tensor {
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
