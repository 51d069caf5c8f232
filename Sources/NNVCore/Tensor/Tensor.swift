/// A dense, contiguous, row-major array of `Float` values with up to four dimensions.
///
/// `Tensor` is a value type: copies share storage until one of them is mutated (the storage is a
/// Swift `Array`, which is copy-on-write). Shapes follow the usual convention for batches: the
/// first dimension counts samples, so a minibatch of 32 two-feature points has shape `[32, 2]`,
/// and a batch of 8×8 grey images `[n, 8, 8]` or `[n, 1, 8, 8]`.
///
/// Operations that can fail because of user data (mismatched shapes, an out-of-range index) are
/// checked by the callers that receive user input — the language and the data loaders — and by
/// the `throws` functions here; the arithmetic kernels themselves assume valid shapes.
public struct Tensor: Sendable, Equatable {
  /// The size of each dimension; an empty array is a scalar.
  public private(set) var shape: [Int]
  /// The values in row-major order; `scalars.count == shape.product`.
  public var scalars: [Float]

  /// The largest number of dimensions a tensor may have.
  public static let maximumRank = 4

  /// Creates a tensor from its shape and row-major values.
  ///
  /// - Throws: `TensorError.shapeMismatch` when the number of values does not match the shape,
  ///   `TensorError.invalidShape` when a dimension is negative or the rank exceeds four.
  public init(shape: [Int], scalars: [Float]) throws {
    try Tensor.validate(shape: shape)
    guard Shape.checkedProduct(shape) == scalars.count else {
      throw TensorError.shapeMismatch(
        "\(scalars.count) values do not fill a tensor of shape \(Tensor.describe(shape))")
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// Creates a tensor without checking the shape; for code that has just computed both.
  init(uncheckedShape shape: [Int], scalars: [Float]) {
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape with every element equal to `value`.
  ///
  /// The shape must be valid and within `ResourceLimits.tensorElements`; a shape that comes from
  /// a script or a file is checked with `Shape.elementCount` first.
  public init(repeating value: Float, shape: [Int]) {
    self.shape = shape
    self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

  /// A scalar (rank-0) tensor.
  public init(_ value: Float) {
    self.shape = []
    self.scalars = [value]
  }

  /// A rank-1 tensor holding `values`.
  public init(_ values: [Float]) {
    self.shape = [values.count]
    self.scalars = values
  }

  /// A rank-2 tensor from rows of equal length.
  ///
  /// - Throws: `TensorError.shapeMismatch` when the rows differ in length.
  public init(rows: [[Float]]) throws {
    let columns = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == columns }) else {
      throw TensorError.shapeMismatch("rows of a matrix must all have \(columns) values")
    }
    self.shape = [rows.count, columns]
    self.scalars = rows.flatMap { $0 }
  }

  /// Creates a tensor whose storage is filled by `body`, which must initialize every element.
  ///
  /// As with `init(repeating:shape:)`, the shape must already be checked.
  public init(
    shape: [Int], filling body: (UnsafeMutableBufferPointer<Float>) -> Void
  ) {
    let count = shape.reduce(1, *)
    self.shape = shape
    self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      body(buffer)
      initialized = count
    }
  }

  /// The number of elements.
  public var count: Int { scalars.count }
  /// The number of dimensions.
  public var rank: Int { shape.count }
  /// The first dimension (the number of samples in a batch); 1 for a scalar.
  public var rows: Int { shape.first ?? 1 }
  /// The number of elements in one row (the product of all dimensions but the first).
  public var rowSize: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }
  /// The value of a one-element tensor (or the first element of any other).
  public var scalar: Float { scalars.first ?? 0 }

  /// Checks that a shape is usable: at most four dimensions, none negative.
  public static func validate(shape: [Int]) throws {
    guard shape.count <= maximumRank else {
      throw TensorError.invalidShape(
        "tensors have at most \(maximumRank) dimensions, not \(shape.count)")
    }
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw TensorError.invalidShape("dimensions cannot be negative: \(describe(shape))")
    }
  }

  /// A shape as people write it: `[32, 2]`, or `[]` for a scalar.
  public static func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}

/// An error from a tensor operation given inputs it cannot work with.
public enum TensorError: Error, Equatable, CustomStringConvertible {
  /// Two shapes that had to agree do not.
  case shapeMismatch(String)
  /// A shape is not allowed (too many dimensions, a negative size).
  case invalidShape(String)
  /// An index lies outside a dimension.
  case indexOutOfRange(String)

  public var description: String {
    switch self {
    case .shapeMismatch(let message), .invalidShape(let message), .indexOutOfRange(let message):
      return message
    }
  }
}
