/// What the trainer checks besides the options: the data's values and size, and after every
/// epoch, whether the weights can still be trained.
extension Trainer {
  /// The largest weight magnitude training accepts: 10^8.
  ///
  /// Near it, neighbouring `Float` values are 8 apart, so gradient steps no longer change a
  /// weight, and products of such weights soon overflow. Weights that grow past it come from a
  /// learning rate far too large for the data, so training stops and restores the last good
  /// weights rather than leaving a ruined model with a finite loss.
  public static let largestWeight: Float = 1e8

  /// Why the weights after an epoch cannot be kept, or nil when they can.
  static func instability(_ model: Sequential) -> String? {
    var largest: Float = 0
    var culprit: (layer: String, name: String)?
    for (layer, tensors) in zip(model.layers, model.parameters) {
      for (tensor, name) in zip(tensors, layer.parameterNames) {
        for value in tensor.scalars where !(abs(value) <= largest) {
          // NaN fails every comparison, so it is caught here too.
          if value.isNaN { return "a \(name) of \(layer.name) became NaN" }
          largest = abs(value)
          culprit = (layer.name, name)
        }
      }
    }
    guard largest > largestWeight, let culprit else { return nil }
    if largest.isInfinite { return "a \(culprit.name) of \(culprit.layer) became infinite" }
    return "a \(culprit.name) of \(culprit.layer) grew to \(largest), past the largest "
      + "trainable weight (1e8)"
  }

  /// Refuses data with NaN or infinite values, and batches whose values exceed
  /// `ResourceLimits.batchActivations`.
  static func checkResources(
    _ model: Sequential, _ data: Dataset, _ options: TrainingOptions
  ) throws {
    let advice = "networks cannot learn from NaN or infinite values: fix or remove the sample"
    try data.checkFinite(advice: advice)
    try options.validation?.checkFinite(advice: advice)
    let batch = Swift.min(options.batchSize, data.count)
    let values = Shape.product(batch, model.sampleActivations)
    guard let values, ResourceLimits.batchActivations.allows(values) else {
      throw TrainingError.invalidOptions(
        "a batch of \(ResourceLimit.grouped(batch)) samples through \(model.name) would need "
          + "\(ResourceLimit.amount(Double(batch) * Double(model.sampleActivations))) values, "
          + "over the limit of \(ResourceLimits.batchActivations); use a batch of at most "
          + "\(ResourceLimit.grouped(model.samplesPerPass))")
    }
  }
}
