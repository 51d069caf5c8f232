/// Sums, means, maxima and arg-maxima, over all elements or along one axis.
extension Tensor {
  /// The sum of all elements, accumulated in `Double` so long sums stay accurate.
  public var sum: Float {
    var total = 0.0
    for x in scalars { total += Double(x) }
    return Float(total)
  }

  /// The mean of all elements (0 for an empty tensor).
  public var mean: Float { count == 0 ? 0 : Float(Double(sum) / Double(count)) }

  /// The largest element (−∞ for an empty tensor).
  public var max: Float { scalars.max() ?? -.infinity }

  /// The smallest element (+∞ for an empty tensor).
  public var min: Float { scalars.min() ?? .infinity }

  /// Splits the shape around `axis` into (outer, axis length, inner) extents.
  private func extents(_ axis: Int) throws -> (outer: Int, length: Int, inner: Int, axis: Int) {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < rank else {
      throw TensorError.indexOutOfRange("axis \(axis) of a tensor of rank \(rank)")
    }
    let outer = shape[..<a].reduce(1, *)
    let inner = shape[(a + 1)...].reduce(1, *)
    return (outer, shape[a], inner, a)
  }

  /// Reduces along `axis` with `combine`, starting every reduction at `initial`.
  private func reduce(
    axis: Int, initial: Float, _ combine: (Float, Float) -> Float
  ) throws -> Tensor {
    let (outer, length, inner, a) = try extents(axis)
    var newShape = shape
    newShape.remove(at: a)
    var out = [Float](repeating: initial, count: outer * inner)
    scalars.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<outer {
          for k in 0..<length {
            let base = (i * length + k) * inner
            for j in 0..<inner { o[i * inner + j] = combine(o[i * inner + j], x[base + j]) }
          }
        }
      }
    }
    return Tensor(uncheckedShape: newShape, scalars: out)
  }

  /// The sums along `axis` (negative axes count from the end); the axis is removed.
  public func sum(axis: Int) throws -> Tensor { try reduce(axis: axis, initial: 0, +) }

  /// The means along `axis`; the axis is removed.
  public func mean(axis: Int) throws -> Tensor {
    let length = try extents(axis).length
    return try sum(axis: axis) * (length == 0 ? 0 : 1 / Float(length))
  }

  /// The maxima along `axis`; the axis is removed.
  public func max(axis: Int) throws -> Tensor {
    try reduce(axis: axis, initial: -.infinity) { Swift.max($0, $1) }
  }

  /// The index of the largest value along `axis` (the first on ties); the axis is removed.
  public func argmax(axis: Int) throws -> [Int] {
    let (outer, length, inner, _) = try extents(axis)
    var result = [Int](repeating: 0, count: outer * inner)
    scalars.withUnsafeBufferPointer { x in
      for i in 0..<outer {
        for j in 0..<inner {
          var best = -Float.infinity
          var bestIndex = 0
          for k in 0..<length {
            let v = x[(i * length + k) * inner + j]
            if v > best || (k == 0) {
              best = v
              bestIndex = k
            }
          }
          result[i * inner + j] = bestIndex
        }
      }
    }
    return result
  }
}
