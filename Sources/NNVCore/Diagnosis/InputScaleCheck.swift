/// Inputs that are not on a common scale: features whose ranges differ by more than 10 times,
/// or values in the hundreds, in a model that does not standardize them.
///
/// A feature is what shares a scale: each value of a flat sample, each feature of a step of a
/// sequence (over every step), each channel of an image (over every pixel).
public enum InputScaleCheck {
  /// Ranges that differ by more than this factor are reported: one feature then dominates the
  /// first layer's sums and the learning rate that suits it is wrong for the others.
  public static let rangeRatio = 10.0
  /// With many features, this share with the smallest ranges and the same share with the
  /// largest are left out before comparing: pixels near an image's border are rarely inked
  /// and span little, which is not a scaling problem.
  public static let trimmedShare = 0.1
  /// The fewest features for trimming; with fewer, every feature counts.
  public static let trimmedMinimum = 10
  /// A typical (median) range above this is reported too: values in the hundreds make the
  /// first layer's sums large enough to saturate units at the usual initial weights.
  public static let largeRange = 100.0

  /// The smallest and largest value of one feature over the data.
  public struct FeatureRange: Sendable, Equatable {
    public var name: String
    public var low: Double
    public var high: Double
    public var width: Double { high - low }
  }

  /// Every feature's range over `data` (see the type's documentation for what a feature is).
  ///
  /// - Throws: `CancellationError`.
  public static func ranges(_ data: Dataset) throws -> [FeatureRange] {
    let shape = data.sampleShape
    let features = shape.count == 3 ? shape[0] : (shape.last ?? 1)
    let plane = shape.count == 3 ? shape[1] * shape[2] : 1
    guard features > 0, plane > 0 else { return [] }
    var low = [Float](repeating: .infinity, count: features)
    var high = [Float](repeating: -.infinity, count: features)
    var poller = Cancellation.Poller()
    let scalars = data.features.scalars
    let chunk = 1 << 16
    for start in stride(from: 0, to: scalars.count, by: chunk) {
      try poller.advance(by: chunk)
      for k in start..<Swift.min(start + chunk, scalars.count) {
        let j = (k / plane) % features
        let x = scalars[k]
        guard x.isFinite else { continue }
        if x < low[j] { low[j] = x }
        if x > high[j] { high[j] = x }
      }
    }
    let names =
      shape.count == 3
      ? (0..<features).map { "channel \($0 + 1)" }
      : (0..<features).map { $0 < data.featureNames.count ? data.featureNames[$0] : "x\($0 + 1)" }
    return (0..<features).compactMap { j in
      low[j] <= high[j]
        ? FeatureRange(name: names[j], low: Double(low[j]), high: Double(high[j])) : nil
    }
  }

  /// The check: a finding when the features' ranges, trimmed, differ by more than
  /// `rangeRatio`, or their median is above `largeRange`; skipped for a model that
  /// standardizes its inputs.
  public static func run(_ subject: Diagnosis.Subject) throws -> Diagnosis.Outcome {
    guard subject.model.standardizer == nil else {
      return .skipped("\(subject.model.name) standardizes its inputs")
    }
    let varying = try ranges(subject.data).filter { $0.width > 0 }.sorted { $0.width < $1.width }
    guard !varying.isEmpty else { return .checked([]) }
    let trim = varying.count >= trimmedMinimum ? Int(Double(varying.count) * trimmedShare) : 0
    let kept = varying[trim..<(varying.count - trim)]
    let median = varying[varying.count / 2]
    guard let small = kept.first, let large = kept.last else { return .checked([]) }
    let ratio = large.width / small.width
    let n = Diagnosis.number
    func spans(_ f: FeatureRange) -> String {
      "`\(f.name)` spans \(n(f.width)) (\(n(f.low)) to \(n(f.high)))"
    }
    let fix =
      "add `standardize true` to `train`: the model keeps the statistics, so it still takes "
      + "raw inputs"
    if ratio > rangeRatio {
      return .checked([
        Finding(
          .unscaledInputs, .warning,
          evidence: [
            .init("ratio", ratio), .init("largest_range", large.width),
            .init("smallest_range", small.width), .init("features", Double(varying.count)),
          ],
          message: "The input features' ranges differ \(n(ratio.rounded()))-fold: "
            + "\(spans(large)), \(spans(small)), so the large one dominates the first layer.",
          suggestion: fix)
      ])
    }
    if median.width > largeRange {
      return .checked([
        Finding(
          .unscaledInputs, .warning,
          evidence: [
            .init("typical_range", median.width), .init("features", Double(varying.count)),
          ],
          message: "The inputs are large: a typical feature, \(spans(median)), so the first "
            + "layer's sums are large enough to saturate its units.",
          suggestion: fix)
      ])
    }
    return .checked([])
  }
}
