import Foundation

extension Diagnosis.Subject {
  /// The loss of a model that learned nothing but the targets' overall distribution: for
  /// classes, the entropy of their frequencies (what cross-entropy scores when the output is
  /// always those frequencies: ln 2 for two even classes); for numbers, their variance (what
  /// the mean squared error scores when the output is always their mean). Nil when the loss
  /// does not fit the targets.
  ///
  /// - Throws: `CancellationError`.
  static func guessingLoss(_ data: Dataset, loss: Loss) throws -> Double? {
    if data.isClassification {
      guard loss != .meanSquaredError else { return nil }
      let counts = data.classCounts
      let total = Double(counts.reduce(0, +))
      guard total > 0 else { return nil }
      return counts.filter { $0 > 0 }.map { Double($0) / total }.reduce(0) { $0 - $1 * log($1) }
    }
    guard loss == .meanSquaredError else { return nil }
    return try targetVariance(data)
  }

  /// The mean over the target values' columns (the last axis) of their variance.
  ///
  /// - Throws: `CancellationError`.
  static func targetVariance(_ data: Dataset) throws -> Double? {
    guard let values = data.values, values.count > 0 else { return nil }
    let width = Swift.max(1, values.shape.last ?? 1)
    let rows = values.count / width
    guard rows > 0 else { return nil }
    var sums = [Double](repeating: 0, count: width)
    var squares = [Double](repeating: 0, count: width)
    var poller = Cancellation.Poller()
    let scalars = values.scalars
    for start in stride(from: 0, to: rows * width, by: width) {
      try poller.advance(by: width)
      for j in 0..<width {
        let x = Double(scalars[start + j])
        sums[j] += x
        squares[j] += x * x
      }
    }
    let n = Double(rows)
    let variances = zip(sums, squares).map { s, q in Swift.max(0, q / n - (s / n) * (s / n)) }
    return variances.reduce(0, +) / Double(width)
  }
}
