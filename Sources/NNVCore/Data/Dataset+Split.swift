/// Dividing a data set into training and test parts.
extension Dataset {
  /// Splits off a fraction of the samples for testing, shuffled with `seed`.
  ///
  /// Classification sets are stratified: each class is divided in the same proportion, so a
  /// small test part still holds every class.
  ///
  /// - Parameter test: the fraction of samples for the test part, strictly between 0 and 1.
  /// - Throws: `DataError.invalidArgument` when either part would be empty.
  public func split(test: Double, seed: UInt64 = 0) throws -> (train: Dataset, test: Dataset) {
    guard test > 0, test < 1 else {
      throw DataError.invalidArgument("the test fraction is between 0 and 1, not \(test)")
    }
    var random = RandomGenerator(seed: seed)
    var trainIndices: [Int] = []
    var testIndices: [Int] = []
    let groups: [[Int]]
    if isClassification {
      var byClass = [[Int]](repeating: [], count: Swift.max(classNames.count, 1))
      for (i, label) in labels.enumerated() {
        byClass[Swift.min(Swift.max(label, 0), byClass.count - 1)].append(i)
      }
      groups = byClass
    } else {
      groups = [Array(0..<count)]
    }
    for group in groups where !group.isEmpty {
      try Cancellation.check()
      let order = try random.cancellablePermutation(group.count).map { group[$0] }
      let testCount = Int((Double(group.count) * test).rounded())
      testIndices += order.prefix(testCount)
      trainIndices += order.dropFirst(testCount)
    }
    guard !trainIndices.isEmpty, !testIndices.isEmpty else {
      throw DataError.invalidArgument(
        "splitting \(count) samples with test fraction \(test) leaves one part empty")
    }
    // Interleave classes again so the parts are not sorted by class.
    try Cancellation.check()
    trainIndices = try random.cancellablePermutation(trainIndices.count).map { trainIndices[$0] }
    testIndices = try random.cancellablePermutation(testIndices.count).map { testIndices[$0] }
    try Cancellation.check()
    return (try subset(trainIndices), try subset(testIndices))
  }
}
