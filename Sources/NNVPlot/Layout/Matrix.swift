/// A dense rows × columns grid of numbers, row-major. Plain data for heatmaps.
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public var values: [Double]

  /// A matrix from equally long rows; shorter rows are padded with NaN.
  public init(_ rows: [[Double]]) {
    self.rows = rows.count
    let width = rows.map(\.count).max() ?? 0
    columns = width
    values = rows.flatMap { $0 + Array(repeating: .nan, count: width - $0.count) }
  }

  public init(rows: Int, columns: Int, values: [Double]) {
    self.rows = Swift.max(0, rows)
    self.columns = Swift.max(0, columns)
    let n = self.rows * self.columns
    self.values =
      Array(values.prefix(n)) + Array(repeating: .nan, count: Swift.max(0, n - values.count))
  }

  public subscript(row: Int, column: Int) -> Double {
    guard row >= 0, row < rows, column >= 0, column < columns else { return .nan }
    return values[row * columns + column]
  }

  public var isEmpty: Bool { rows == 0 || columns == 0 }

  /// The matrix shrunk to at most `maxRows` × `maxColumns` by averaging blocks (NaN entries
  /// are ignored; a block of only NaN stays NaN). Returns the factors used.
  public func downsampled(maxRows: Int, maxColumns: Int) -> (
    matrix: Matrix, rowStep: Int, columnStep: Int
  ) {
    let rowStep = Swift.max(1, (rows + Swift.max(1, maxRows) - 1) / Swift.max(1, maxRows))
    let columnStep = Swift.max(
      1, (columns + Swift.max(1, maxColumns) - 1) / Swift.max(1, maxColumns))
    if rowStep == 1 && columnStep == 1 { return (self, 1, 1) }
    let newRows = (rows + rowStep - 1) / rowStep
    let newColumns = (columns + columnStep - 1) / columnStep
    var result: [Double] = []
    result.reserveCapacity(newRows * newColumns)
    for r in 0..<newRows {
      for c in 0..<newColumns {
        var sum = 0.0
        var n = 0
        for i in (r * rowStep)..<Swift.min(rows, (r + 1) * rowStep) {
          for j in (c * columnStep)..<Swift.min(columns, (c + 1) * columnStep) {
            let v = values[i * columns + j]
            if v.isFinite {
              sum += v
              n += 1
            }
          }
        }
        result.append(n == 0 ? .nan : sum / Double(n))
      }
    }
    return (Matrix(rows: newRows, columns: newColumns, values: result), rowStep, columnStep)
  }
}
