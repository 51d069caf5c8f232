/// Finding NaN and infinite values in a data set, so they are reported where they appear
/// (generation, standardization, training) rather than as a model that cannot be saved.
extension Dataset {
  /// Where a NaN or infinite value is.
  public struct NonFiniteValue: Sendable, Equatable {
    /// The sample's index, from 0.
    public var sample: Int
    /// The feature's name, or nil for a target value.
    public var feature: String?
    /// The value itself: NaN or ±infinity.
    public var value: Float

    /// `an infinite value in feature x1 of sample 3`.
    public var description: String {
      let what = value.isNaN ? "a NaN value" : "an infinite value"
      let place = feature.map { "feature \($0)" } ?? "the target"
      return "\(what) in \(place) of sample \(sample) (counting from 0)"
    }
  }

  /// The first NaN or infinite feature or target value, in sample order.
  public var firstNonFiniteValue: NonFiniteValue? {
    let width = Swift.max(features.rowSize, 1)
    if let index = features.scalars.firstIndex(where: { !$0.isFinite }) {
      let column = index % width
      var name = column < featureNames.count ? featureNames[column] : "\(column + 1)"
      // A sequence names the features of one step: the step is said too.
      if sampleShape.count == 2, featureNames.count == sampleShape[1], sampleShape[1] > 0 {
        name = "\(featureNames[column % sampleShape[1]]) at step \(column / sampleShape[1])"
      }
      return NonFiniteValue(
        sample: index / width, feature: name, value: features.scalars[index])
    }
    if let values, let index = values.scalars.firstIndex(where: { !$0.isFinite }) {
      return NonFiniteValue(
        sample: index / Swift.max(values.rowSize, 1), feature: nil, value: values.scalars[index])
    }
    return nil
  }

  /// Throws when a feature or target value is NaN or infinite.
  ///
  /// - Parameter advice: why it happened or what to do about it, ending the message.
  /// - Throws: `DataError.invalidArgument` naming the data set, the sample and the feature.
  public func checkFinite(
    advice: String = "networks cannot learn from NaN or infinite values"
  ) throws {
    guard let bad = firstNonFiniteValue else { return }
    throw DataError.invalidArgument("\(name) has \(bad.description); \(advice)")
  }
}
