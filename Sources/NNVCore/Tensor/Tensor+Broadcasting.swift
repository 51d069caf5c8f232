/// NumPy-style broadcasting for element-wise binary operations.
///
/// Two shapes broadcast when, aligned at their last dimension, each pair of sizes is equal or one
/// of them is 1. Training needs it mostly for bias rows (`[n, d] + [d]`), which takes a fast path;
/// the general case walks the output with per-operand strides.
extension Tensor {
  /// The shape two operands broadcast to, or `nil` when they are incompatible.
  public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      if x == y || y == 1 {
        result[i] = x
      } else if x == 1 {
        result[i] = y
      } else {
        return nil
      }
    }
    return result
  }

  /// Combines two tensors element by element after broadcasting them to a common shape.
  ///
  /// - Throws: `TensorError.shapeMismatch` when the shapes do not broadcast.
  public static func broadcasting(
    _ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float
  ) throws -> Tensor {
    if a.shape == b.shape {
      return a.zipWith(b, op)
    }
    guard let shape = broadcastShape(a.shape, b.shape) else {
      throw TensorError.shapeMismatch(
        "shapes \(describe(a.shape)) and \(describe(b.shape)) do not broadcast")
    }
    // Fast path: b repeats along the leading dimensions of a (bias rows, scalars).
    if shape == a.shape, b.count > 0, a.count % b.count == 0,
      Array(a.shape.suffix(b.shape.count)) == b.shape || b.count == 1
    {
      let inner = b.count
      return Tensor(shape: shape) { out in
        a.scalars.withUnsafeBufferPointer { x in
          b.scalars.withUnsafeBufferPointer { y in
            var base = 0
            while base < x.count {
              for j in 0..<inner { out[base + j] = op(x[base + j], y[j]) }
              base += inner
            }
          }
        }
      }
    }
    let aStrides = broadcastStrides(a.shape, to: shape)
    let bStrides = broadcastStrides(b.shape, to: shape)
    let count = shape.reduce(1, *)
    return Tensor(shape: shape) { out in
      a.scalars.withUnsafeBufferPointer { x in
        b.scalars.withUnsafeBufferPointer { y in
          var index = [Int](repeating: 0, count: shape.count)
          for flat in 0..<count {
            var ia = 0
            var ib = 0
            for d in 0..<shape.count {
              ia += index[d] * aStrides[d]
              ib += index[d] * bStrides[d]
            }
            out[flat] = op(x[ia], y[ib])
            var d = shape.count - 1
            while d >= 0 {
              index[d] += 1
              if index[d] < shape[d] { break }
              index[d] = 0
              d -= 1
            }
          }
        }
      }
    }
  }

  /// Strides that read `shape` as if it had `target`'s shape (0 along broadcast dimensions).
  static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: target.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      let t = i + target.count - shape.count
      strides[t] = shape[i] == 1 ? 0 : step
      step *= shape[i]
    }
    return strides
  }

  /// Sums a broadcast result back down to `shape`: the gradient of broadcasting.
  ///
  /// - Precondition: `shape` broadcasts to `self.shape` (autodiff only calls it that way).
  public func summed(toShape target: [Int]) -> Tensor {
    if target == shape { return self }
    let total = target.reduce(1, *)
    // Fast path: target is a suffix (bias rows) or a scalar.
    if total > 0, count % total == 0,
      Array(shape.suffix(target.count)) == target || total == 1
    {
      var out = [Float](repeating: 0, count: total)
      scalars.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { o in
          var base = 0
          while base < x.count {
            for j in 0..<total { o[j] += x[base + j] }
            base += total
          }
        }
      }
      return Tensor(uncheckedShape: target, scalars: out)
    }
    let strides = Tensor.broadcastStrides(target, to: shape)
    var out = [Float](repeating: 0, count: total)
    var index = [Int](repeating: 0, count: shape.count)
    for flat in 0..<count {
      var t = 0
      for d in 0..<shape.count { t += index[d] * strides[d] }
      out[t] += scalars[flat]
      var d = shape.count - 1
      while d >= 0 {
        index[d] += 1
        if index[d] < shape[d] { break }
        index[d] = 0
        d -= 1
      }
    }
    return Tensor(uncheckedShape: target, scalars: out)
  }
}
