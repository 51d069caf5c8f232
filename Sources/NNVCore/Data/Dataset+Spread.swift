extension Dataset {
  /// At most `limit` of the samples, spread evenly over the set in their order: all of them
  /// when there are no more (the set itself), else samples ⌊i · count / limit⌋ for i below
  /// `limit`. A live view measures a large set on such a sample, whose classes come in their
  /// proportions when the set is ordered by class.
  ///
  /// - Throws: `CancellationError`, or the errors of `subset` (none for a valid set).
  public func spread(limit: Int) throws -> Dataset {
    guard limit >= 1, count > limit else { return self }
    let indices = (0..<limit).map { Int((Double($0) * Double(count) / Double(limit))) }
    return try subset(indices)
  }
}
