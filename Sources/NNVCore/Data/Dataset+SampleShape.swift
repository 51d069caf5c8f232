/// How a sample's shape is decided: by the model that reads it.
///
/// A data set stores each sample's numbers with the shape it was made with (`digits()`: 64
/// numbers, `[64]`). A model whose input has as many numbers reads them in its own shape, in
/// the same row-major order, so the digits train a `dense` network declared `input 64` and a
/// convolutional one declared `input [1, 8, 8]` alike. Any other count does not fit.
extension Dataset {
  /// Whether samples of `shape` have as many numbers as this data set's samples.
  public func fits(_ shape: [Int]) -> Bool {
    Dataset.sameSize(sampleShape, shape)
  }

  /// Whether samples of the two shapes hold the same number of values.
  public static func sameSize(_ a: [Int], _ b: [Int]) -> Bool {
    a == b || (Shape.checkedProduct(a).map { $0 == Shape.checkedProduct(b) } ?? false)
  }

  /// The data set with its samples read in `shape`; nil when the sizes differ.
  public func reading(as shape: [Int]) -> Dataset? {
    if shape == sampleShape { return self }
    guard fits(shape), let features = try? features.reshaped([count] + shape) else {
      return nil
    }
    var copy = self
    copy.features = features
    return copy
  }
}
