/// What one hidden unit computes over the plane of a model's two inputs (TensorFlow
/// Playground's neuron thumbnails).
public struct HiddenUnitMap: Sendable, Equatable {
  /// The most units mapped from one layer, and in all.
  public static let unitsPerLayer = 16
  public static let maximumCount = 32
  /// Cells per side of the grid the maps are usually drawn from.
  public static let side = 24

  /// The unit's layer.
  public var layer: String
  /// The unit's position in its layer, from 0.
  public var unit: Int
  /// The unit's output at each cell of the grid: row by row from the top, each row left to
  /// right.
  public var values: [Double]

  public init(layer: String, unit: Int, values: [Double]) {
    self.layer = layer
    self.unit = unit
    self.values = values
  }

  /// The maps of the first `unitsPerLayer` units of every layer with parameters but the
  /// last, in order, until there are `maximumCount`. None for a model of one layer.
  ///
  /// - Throws: `LayerError` when the model does not take two inputs, `LimitError` when the
  ///   outputs of every layer over the grid are too large, `CancellationError`.
  public static func maps(_ model: Sequential, over plane: PlaneGrid) throws -> [HiddenUnitMap] {
    guard model.layers.count > 1 else { return [] }
    let batch = try plane.batch()
    let cells = batch.rows
    let outputs = try model.layerOutputs(batch)
    var maps: [HiddenUnitMap] = []
    for (layer, out) in zip(model.layers.dropLast(), outputs.dropLast())
    where layer.parameterCount > 0 {
      let units = out.rowSize
      for u in 0..<Swift.min(units, unitsPerLayer) where maps.count < maximumCount {
        try Cancellation.check()
        let values = (0..<cells).map { Double(out.scalars[$0 * units + u]) }
        maps.append(HiddenUnitMap(layer: layer.name, unit: u, values: values))
      }
    }
    return maps
  }
}
