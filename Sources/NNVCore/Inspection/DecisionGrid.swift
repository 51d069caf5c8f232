/// What a classifier decides over the plane of its two inputs, as TensorFlow Playground shows
/// it: each grid cell's predicted class and the probability of that class.
public struct DecisionGrid: Sendable {
  /// The grid the model was evaluated on.
  public var plane: PlaneGrid
  /// Row by row from the top, each row left to right: the cell's prediction, read as a
  /// classifier's (`ClassPrediction.reading(lastActivation:outputs:classifier:)`), so every
  /// value is a probability.
  public var predictions: [ClassPrediction]

  /// Evaluates `model` at the centre of every cell of `plane`.
  ///
  /// - Throws: `LayerError` when the model does not take two inputs, `LimitError` for a grid
  ///   too large, `CancellationError`.
  public init(_ model: Sequential, over plane: PlaneGrid) throws {
    self.plane = plane
    predictions = try ClassPrediction.predict(model, try plane.batch(), classifier: true)
  }

  /// Each cell's predicted class, in the order of `predictions`.
  public var labels: [Int] { predictions.map(\.label) }

  /// The probability of each cell's predicted class, in the order of `predictions`.
  public var confidences: [Double] { predictions.map(\.value) }
}
