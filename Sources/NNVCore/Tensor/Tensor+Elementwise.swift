/// Element-wise maps and combinations of tensors.
extension Tensor {
  /// A tensor of the same shape with `transform` applied to every element.
  public func map(_ transform: (Float) -> Float) -> Tensor {
    Tensor(shape: shape) { out in
      scalars.withUnsafeBufferPointer { x in
        for i in 0..<x.count { out[i] = transform(x[i]) }
      }
    }
  }

  /// Combines two tensors of the same shape element by element.
  public func zipWith(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
    Tensor(shape: shape) { out in
      scalars.withUnsafeBufferPointer { x in
        other.scalars.withUnsafeBufferPointer { y in
          for i in 0..<x.count { out[i] = combine(x[i], y[i]) }
        }
      }
    }
  }

  /// Adds `other * scale` into this tensor in place (shapes must match).
  public mutating func add(_ other: Tensor, scaledBy scale: Float = 1) {
    scalars.withUnsafeMutableBufferPointer { x in
      other.scalars.withUnsafeBufferPointer { y in
        for i in 0..<x.count { x[i] += scale * y[i] }
      }
    }
  }

  public static func + (a: Tensor, b: Tensor) throws -> Tensor { try broadcasting(a, b, +) }
  public static func - (a: Tensor, b: Tensor) throws -> Tensor { try broadcasting(a, b, -) }
  public static func * (a: Tensor, b: Tensor) throws -> Tensor { try broadcasting(a, b, *) }
  public static func / (a: Tensor, b: Tensor) throws -> Tensor { try broadcasting(a, b, /) }

  public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s } }
  public static func - (a: Tensor, s: Float) -> Tensor { a.map { $0 - s } }
  public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
  public static func / (a: Tensor, s: Float) -> Tensor { a.map { $0 / s } }
  public static func * (s: Float, a: Tensor) -> Tensor { a.map { s * $0 } }
  public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

  /// Whether every element is finite (no NaN, no infinity).
  public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}
