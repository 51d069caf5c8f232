/// How a classifier's predictions fall against the true classes: the count of every (actual,
/// predicted) pair, with each class's precision and recall and the accuracy.
///
/// Rows are actual classes, columns predicted ones. Recall of class k is its diagonal count
/// over its row; precision, over its column. A class never present (or never predicted) has
/// no recall (or precision).
public struct ConfusionCounts: Sendable, Equatable {
  /// A square matrix of counts, none negative: `counts[actual][predicted]`.
  public private(set) var counts: [[Int]]

  /// The counts made square (missing ones are 0, as many classes as the longer side) with
  /// negative counts raised to 0.
  public init(counts: [[Int]]) {
    let n = Swift.max(counts.count, counts.map(\.count).max() ?? 0)
    self.counts = (0..<n).map { r in
      (0..<n).map { c in r < counts.count && c < counts[r].count ? Swift.max(0, counts[r][c]) : 0 }
    }
  }

  /// Counts the pairs of actual and predicted labels; a pair with a negative label is
  /// skipped. There are `classCount` classes, or more when a label is larger.
  public init(actual: [Int], predicted: [Int], classCount: Int = 0) {
    let largest = Swift.max(Swift.max(classCount, 0) - 1, actual.max() ?? -1, predicted.max() ?? -1)
    let n = largest < Int.max ? largest + 1 : largest
    var counts = Array(repeating: Array(repeating: 0, count: n), count: n)
    for (a, p) in zip(actual, predicted) where a >= 0 && p >= 0 { counts[a][p] += 1 }
    self.init(counts: counts)
  }

  /// The counts of `model`'s predictions on `data`: the largest output's class, or for one
  /// output class 1 above 0.5 (`Metrics.predictedClasses`). The classes are those named by
  /// the data (else by the model), or more when a label is larger. With a target at every
  /// step, every step is a pair.
  ///
  /// - Throws: `LayerError` when the samples do not fit the model, `CancellationError`.
  public init(_ model: Sequential, on data: Dataset) throws {
    let output = try model.predict(data.features)
    let predicted = Metrics.predictedClasses(
      output, fromLogits: false, loss: .meanSquaredError, steps: data.targetsPerSample)
    let names = data.classNames.isEmpty ? model.classNames : data.classNames
    self.init(actual: data.labels, predicted: predicted, classCount: names.count)
  }

  /// The number of classes.
  public var classCount: Int { counts.count }

  /// The number of pairs counted.
  public var total: Int { counts.joined().reduce(0, +) }

  /// The fraction of class `k`'s samples predicted as `k`; nil when there are none.
  public func recall(_ k: Int) -> Double? {
    guard counts.indices.contains(k) else { return nil }
    let row = counts[k].reduce(0, +)
    return row == 0 ? nil : Double(counts[k][k]) / Double(row)
  }

  /// The fraction of the predictions of class `k` that are right; nil when `k` was never
  /// predicted.
  public func precision(_ k: Int) -> Double? {
    guard counts.indices.contains(k) else { return nil }
    let column = counts.map { $0[k] }.reduce(0, +)
    return column == 0 ? nil : Double(counts[k][k]) / Double(column)
  }

  /// The fraction of all pairs on the diagonal; nil when nothing was counted.
  public var accuracy: Double? {
    total == 0 ? nil : Double(counts.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(total)
  }
}
