import NNVCore

extension Matrix {
  /// A tensor as a matrix: a rank-1 tensor is one row; a higher rank keeps its first axis as
  /// the rows and flattens the rest into the columns.
  public init(rowsOf tensor: Tensor) {
    let flat = tensor.rank >= 2 ? tensor.flattenedRows : tensor
    self.init(
      rows: flat.rank >= 2 ? flat.rows : 1, columns: flat.rank >= 2 ? flat.rowSize : flat.count,
      values: flat.scalars.map(Double.init))
  }
}
