/// A grid of cells over the plane of a model's two inputs, whose centres form a batch of
/// inputs. A decision boundary, a regression surface and the hidden-unit maps are a model's
/// outputs on such a grid.
public struct PlaneGrid: Sendable, Equatable {
  /// The range of the first input, left to right.
  public var x: ClosedRange<Double>
  /// The range of the second input, bottom to top.
  public var y: ClosedRange<Double>
  /// Cells per row and rows of cells (negative counts become 0).
  public var columns: Int
  public var rows: Int

  public init(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int) {
    self.x = x
    self.y = y
    self.columns = Swift.max(0, columns)
    self.rows = Swift.max(0, rows)
  }

  /// A grid over the padded extent of `sets` (see `extent(of:)`).
  public init(spanning sets: [Dataset], columns: Int, rows: Int) {
    let (x, y) = PlaneGrid.extent(of: sets)
    self.init(x: x, y: y, columns: columns, rows: rows)
  }

  /// The ranges of the first two features over every sample of `sets`, each widened on both
  /// sides by 8% of its width and at least 0.1. Non-finite values are left out; a feature
  /// with no finite value spans -1…1 before padding. Sets with fewer than two features per
  /// sample are skipped.
  public static func extent(
    of sets: [Dataset]
  ) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    var xs: [Double] = []
    var ys: [Double] = []
    for set in sets where set.features.rowSize >= 2 {
      let stride = set.features.rowSize
      let scalars = set.features.scalars
      for i in 0..<set.count where i * stride + 1 < scalars.count {
        xs.append(Double(scalars[i * stride]))
        ys.append(Double(scalars[i * stride + 1]))
      }
    }
    return (padded(xs.finiteExtent), padded(ys.finiteExtent))
  }

  static func padded(_ range: ClosedRange<Double>?) -> ClosedRange<Double> {
    let r = range ?? -1...1
    let pad = Swift.max((r.upperBound - r.lowerBound) * 0.08, 0.1)
    return (r.lowerBound - pad)...(r.upperBound + pad)
  }

  /// The cells' centres as a batch of shape `[rows · columns, 2]`: row by row from the top
  /// row (largest y), each row left to right.
  ///
  /// - Throws: `LimitError` when the grid has more cells than a tensor may hold.
  public func batch() throws -> Tensor {
    let count = try Shape.elementCount(
      [rows, columns, 2], of: "a grid of \(columns) × \(rows) cells")
    var values: [Float] = []
    values.reserveCapacity(count)
    for r in 0..<rows {
      let v = y.upperBound - (Double(r) + 0.5) / Double(rows) * (y.upperBound - y.lowerBound)
      for c in 0..<columns {
        let u = x.lowerBound + (Double(c) + 0.5) / Double(columns) * (x.upperBound - x.lowerBound)
        values.append(Float(u))
        values.append(Float(v))
      }
    }
    return try Tensor(shape: [rows * columns, 2], scalars: values)
  }
}
