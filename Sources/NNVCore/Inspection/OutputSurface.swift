/// A regression model's output over the plane of its two inputs: each grid cell's first
/// output.
public struct OutputSurface: Sendable, Equatable {
  /// The grid the model was evaluated on.
  public var plane: PlaneGrid
  /// Row by row from the top, each row left to right: the model's first output at the cell's
  /// centre.
  public var values: [Double]

  /// Evaluates `model` at the centre of every cell of `plane`.
  ///
  /// - Throws: `LayerError` when the model does not take two inputs, `LimitError` for a grid
  ///   too large, `CancellationError`.
  public init(_ model: Sequential, over plane: PlaneGrid) throws {
    self.plane = plane
    let output = try model.predict(try plane.batch())
    let width = output.rowSize
    let scalars = output.scalars
    values = (0..<(plane.rows * plane.columns)).map { i in
      i * width < scalars.count ? Double(scalars[i * width]) : .nan
    }
  }
}
