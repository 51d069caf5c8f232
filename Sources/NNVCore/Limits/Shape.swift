/// Checked arithmetic on shapes and sizes that come from scripts or files.
///
/// Multiplying sizes with `*` traps on overflow, and a product that fits in an `Int` may still
/// be far too large to allocate. These helpers report both as a `LimitError` naming the limit
/// and the shape, before anything is allocated.
public enum Shape {
  /// The number of elements of `shape`, or nil when the product overflows `Int` or a size is
  /// negative.
  public static func checkedProduct(_ shape: [Int]) -> Int? {
    var product = 1
    for size in shape {
      guard size >= 0 else { return nil }
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// The product as a `Double`, for messages about products that overflow.
  public static func estimatedProduct(_ shape: [Int]) -> Double {
    shape.reduce(1.0) { $0 * Double($1) }
  }

  /// The number of elements of a tensor of `shape`.
  ///
  /// - Parameters:
  ///   - limit: the bound on the product; the elements-per-tensor limit by default.
  ///   - subject: what has the shape, for the message (`a tensor of shape [2, 3]` by default).
  /// - Throws: `TensorError.invalidShape` for a negative size, `LimitError` when the product
  ///   overflows or exceeds `limit`.
  public static func elementCount(
    _ shape: [Int], limit: ResourceLimit = ResourceLimits.tensorElements,
    of subject: String? = nil
  ) throws -> Int {
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw TensorError.invalidShape("dimensions cannot be negative: \(Tensor.describe(shape))")
    }
    let count = checkedProduct(shape)
    try limit.check(
      count, estimate: estimatedProduct(shape),
      for: subject ?? "a tensor of shape \(Tensor.describe(shape))")
    return count ?? 0
  }

  /// `a · b`, or nil when it overflows.
  public static func product(_ a: Int, _ b: Int) -> Int? {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : value
  }

  /// `a + b`, or nil when it overflows.
  public static func sum(_ a: Int, _ b: Int) -> Int? {
    let (value, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : value
  }
}
