import NNVCore

/// The bridge from a convolutional model (NNVCore) to its views: the feature maps of one input
/// with what the model predicts for it, and a conv layer's kernels.
extension ModelViews {
  /// The feature maps of sample `index` (from 0) of `data`, which must have the model's input
  /// shape: the input and every layer with image outputs, or only layer `layer` (from 1, among
  /// those layers) after the input.
  ///
  /// - Throws: `TensorError` for an index outside the data, `LayerError` when the samples do
  ///   not fit the model, `LimitError`, `CancellationError`.
  public static func features(
    _ model: Sequential, on data: Dataset, index: Int, layer: Int? = nil,
    options: ChartOptions = ChartOptions()
  ) throws -> FeatureMapsView {
    let sample = try data.features.row(index)
    let maps = try FeatureMaps.of(model, sample: sample, numbers: layer.map { [$0] })
    var caption = ["\(model.name) on \(data.name) #\(index)"]
    if let prediction = try AttributionViews.predictions(
      model, try data.features.rows(index..<(index + 1))
    ).first {
      caption += AttributionViews.details(
        data, index: index, prediction: prediction, explained: prediction.label, model: model)
    }
    return FeatureMapsView(maps, caption: caption, options: options)
  }

  /// The kernels of conv layer `layer` (from 1, among the conv layers); nil when there is no
  /// such layer.
  public static func filters(
    _ model: Sequential, layer: Int, options: ChartOptions = ChartOptions()
  ) -> FiltersView? {
    ConvFilters.of(model, number: layer).map {
      FiltersView($0, model: model.name, options: options)
    }
  }
}
