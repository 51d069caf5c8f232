/// Dividing a data set into training and test parts.
extension Dataset {
  /// Splits off a fraction of the samples for testing, shuffled with `seed`.
  ///
  /// Classification sets with one label per sample are stratified: each class is divided in
  /// the same proportion, so a small test part still holds every class. A set with a label at
  /// every step is split by whole samples, each sample keeping its labels.
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
    trainIndices.reserveCapacity(count)
    testIndices.reserveCapacity(count)
    let groups: [[Int]]
    if isClassification, targetSteps == nil {
      var byClass = [[Int]](repeating: [], count: Swift.max(classNames.count, 1))
      for (k, size) in classCounts.enumerated() where k < byClass.count {
        byClass[k].reserveCapacity(size)
      }
      var poller = Cancellation.Poller()
      for (i, label) in labels.enumerated() {
        try poller.advance()
        byClass[Swift.min(Swift.max(label, 0), byClass.count - 1)].append(i)
      }
      groups = byClass
    } else {
      groups = [Array(0..<count)]
    }
    for group in groups where !group.isEmpty {
      try Cancellation.check()
      let order = try shuffled(group, &random)
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
    trainIndices = try shuffled(trainIndices, &random)
    testIndices = try shuffled(testIndices, &random)
    return (try subset(trainIndices), try subset(testIndices))
  }

  /// `values` in the order of a permutation drawn from `random`. Reading them in random order
  /// misses the cache on every read, so a large shuffle polls `Cancellation` as it goes.
  private func shuffled(_ values: [Int], _ random: inout RandomGenerator) throws -> [Int] {
    let order = try random.cancellablePermutation(values.count)
    var result = [Int](repeating: 0, count: values.count)
    for (k, index) in order.enumerated() {
      if k & 0xFFFF == 0xFFFF { try Cancellation.check() }
      result[k] = values[index]
    }
    return result
  }
}
