/// Reshaping, transposing, slicing and gathering.
extension Tensor {
  /// The same values read with another shape; one dimension may be `-1` to be inferred.
  ///
  /// - Throws: `TensorError.shapeMismatch` when the element counts differ.
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    var resolved = newShape
    if let unknown = newShape.firstIndex(of: -1) {
      let known = Shape.checkedProduct(
        newShape.enumerated().filter { $0.offset != unknown }.map(\.element))
      guard let known, known > 0, count % known == 0 else {
        throw TensorError.shapeMismatch(
          "cannot reshape \(Tensor.describe(shape)) to \(Tensor.describe(newShape))")
      }
      resolved[unknown] = count / known
    }
    try Tensor.validate(shape: resolved)
    guard Shape.checkedProduct(resolved) == count else {
      throw TensorError.shapeMismatch(
        "cannot reshape \(Tensor.describe(shape)) (\(count) values) to "
          + "\(Tensor.describe(newShape))")
    }
    return Tensor(uncheckedShape: resolved, scalars: scalars)
  }

  /// Every sample flattened to one row: shape `[rows, rowSize]`.
  public var flattenedRows: Tensor {
    Tensor(uncheckedShape: [rows, rowSize], scalars: scalars)
  }

  /// The transpose of a matrix (rank 2); a vector or scalar is returned unchanged.
  public var transposed: Tensor {
    guard rank == 2 else { return self }
    let (m, n) = (shape[0], shape[1])
    return Tensor(shape: [n, m]) { out in
      scalars.withUnsafeBufferPointer { x in
        // Blocked so that both the reads and the writes stay within cache lines.
        let block = 32
        for i0 in stride(from: 0, to: m, by: block) {
          for j0 in stride(from: 0, to: n, by: block) {
            for i in i0..<Swift.min(i0 + block, m) {
              for j in j0..<Swift.min(j0 + block, n) { out[j * m + i] = x[i * n + j] }
            }
          }
        }
      }
    }
  }

  /// Rows `range` of the first dimension (a minibatch, a split).
  ///
  /// - Throws: `TensorError.indexOutOfRange` when the range leaves the tensor.
  public func rows(_ range: Range<Int>) throws -> Tensor {
    guard range.lowerBound >= 0, range.upperBound <= rows else {
      throw TensorError.indexOutOfRange(
        "rows \(range.lowerBound)..<\(range.upperBound) of a tensor with \(rows) rows")
    }
    let size = rowSize
    var newShape = shape
    if newShape.isEmpty { newShape = [1] }
    newShape[0] = range.count
    return Tensor(
      uncheckedShape: newShape,
      scalars: Array(scalars[(range.lowerBound * size)..<(range.upperBound * size)]))
  }

  /// One row (a sample), with the first dimension removed.
  ///
  /// - Throws: `TensorError.indexOutOfRange` for an index outside `0..<rows`.
  public func row(_ index: Int) throws -> Tensor {
    guard index >= 0, index < rows else {
      throw TensorError.indexOutOfRange("row \(index) of a tensor with \(rows) rows")
    }
    let size = rowSize
    return Tensor(
      uncheckedShape: Array(shape.dropFirst()),
      scalars: Array(scalars[(index * size)..<((index + 1) * size)]))
  }

  /// The rows at `indices`, in that order (minibatch gathering).
  ///
  /// - Throws: `TensorError.indexOutOfRange` for an index outside `0..<rows`.
  public func gatheringRows(_ indices: [Int]) throws -> Tensor {
    let n = rows
    if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
      throw TensorError.indexOutOfRange("row \(bad) of a tensor with \(n) rows")
    }
    return gatheringRowsUnchecked(indices)
  }

  /// `gatheringRows` for indices already known to be in range (the trainer's own shuffles).
  func gatheringRowsUnchecked<C: Collection<Int>>(_ indices: C) -> Tensor {
    let size = rowSize
    var newShape = shape.isEmpty ? [1] : shape
    newShape[0] = indices.count
    return Tensor(shape: newShape) { out in
      scalars.withUnsafeBufferPointer { x in
        guard let source = x.baseAddress, let target = out.baseAddress else { return }
        for (k, index) in indices.enumerated() {
          (target + k * size).update(from: source + index * size, count: size)
        }
      }
    }
  }

  /// Stacks tensors of one shape along a new first dimension, or concatenates rows.
  ///
  /// - Throws: `TensorError.shapeMismatch` when the row shapes differ.
  public static func concatenatingRows(_ parts: [Tensor]) throws -> Tensor {
    guard let first = parts.first else { return Tensor.zeros([0]) }
    let rowShape = Array(first.shape.dropFirst())
    guard parts.allSatisfy({ Array($0.shape.dropFirst()) == rowShape }) else {
      throw TensorError.shapeMismatch("cannot join rows of different shapes")
    }
    let total = parts.reduce(0) { $0 + $1.rows }
    var scalars: [Float] = []
    scalars.reserveCapacity(total * first.rowSize)
    for part in parts { scalars += part.scalars }
    return Tensor(uncheckedShape: [total] + rowShape, scalars: scalars)
  }

  /// One-hot rows for class indices: shape `[labels.count, classes]`.
  public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    var out = Tensor.zeros([labels.count, classes])
    for (i, label) in labels.enumerated() where label >= 0 && label < classes {
      out.scalars[i * classes + label] = 1
    }
    return out
  }
}
