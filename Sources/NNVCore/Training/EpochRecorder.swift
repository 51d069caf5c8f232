/// Adds statistics about the model to an epoch's metrics at the end of the epoch, before the
/// metrics join the model's history (and so before the history is thinned and saved).
///
/// The trainer computes only what training needs; what a caller wants to look at later, such
/// as the weight distributions behind `weights net over epochs`, is recorded by the recorders
/// it attaches to `TrainingOptions.recorders`.
public struct EpochRecorder: Sendable {
  /// Called with the model after the epoch (its final weights) and the epoch's metrics.
  public var record: @Sendable (Sequential, inout EpochMetrics) -> Void

  public init(_ record: @escaping @Sendable (Sequential, inout EpochMetrics) -> Void) {
    self.record = record
  }

  /// Records each parameter tensor's distribution (`WeightDistribution.of`) in
  /// `EpochMetrics.weights`.
  public static let weightDistributions = EpochRecorder { model, metrics in
    metrics.weights = WeightDistribution.of(model)
  }
}
