/// Principal component analysis: the directions along which points vary most, found as the
/// top eigenvectors of their covariance matrix by power iteration with deflation.
///
/// The `trajectory` view projects every hidden state onto the first two, so a sequence
/// becomes a path in the plane (as in Elman 1990 and Sussillo and Barak 2013).
public struct PrincipalComponents: Sendable, Equatable {
  /// The mean point, which projections are taken around.
  public var mean: [Double]
  /// The components, unit vectors, largest variance first; each has its largest entry
  /// positive, so the result does not depend on the starting vector's sign.
  public var axes: [[Double]]
  /// The variance along each component (the covariance's eigenvalues).
  public var variances: [Double]
  /// The total variance of the points (the covariance's trace).
  public var totalVariance: Double

  /// The share of the total variance each component explains, 0 to 1 (0 when the points
  /// do not vary).
  public var explained: [Double] {
    variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
  }

  /// The top `count` components of `points`, every point `dimension` long (the covariance
  /// divides by n − 1).
  ///
  /// - Throws: `TensorError.shapeMismatch` for points of another length or fewer than 2
  ///   points, `LimitError` when the covariance matrix would exceed the elements-per-tensor
  ///   limit, `CancellationError`.
  public static func fit(_ points: [[Double]], dimension: Int, count: Int = 2) throws
    -> PrincipalComponents
  {
    guard points.count >= 2, dimension >= 1, points.allSatisfy({ $0.count == dimension }) else {
      throw TensorError.shapeMismatch(
        "principal components need at least 2 points of \(dimension) values each")
    }
    _ = try Shape.elementCount([dimension, dimension], of: "the covariance of the points")
    var mean = [Double](repeating: 0, count: dimension)
    for p in points { for k in 0..<dimension { mean[k] += p[k] } }
    mean = mean.map { $0 / Double(points.count) }
    var covariance = [Double](repeating: 0, count: dimension * dimension)
    var poller = Cancellation.Poller()
    for p in points {
      try poller.advance(by: dimension * dimension)
      let centred = (0..<dimension).map { p[$0] - mean[$0] }
      for a in 0..<dimension where centred[a] != 0 {
        for b in a..<dimension { covariance[a * dimension + b] += centred[a] * centred[b] }
      }
    }
    let scale = 1 / Double(points.count - 1)
    for a in 0..<dimension {
      for b in a..<dimension {
        covariance[a * dimension + b] *= scale
        covariance[b * dimension + a] = covariance[a * dimension + b]
      }
    }
    let trace = (0..<dimension).reduce(0.0) { $0 + covariance[$1 * dimension + $1] }
    var axes: [[Double]] = []
    var variances: [Double] = []
    for _ in 0..<Swift.min(count, dimension) {
      let (axis, value) = try dominant(covariance, dimension: dimension, poller: &poller)
      axes.append(axis)
      variances.append(Swift.max(0, value))
      for a in 0..<dimension {
        for b in 0..<dimension { covariance[a * dimension + b] -= value * axis[a] * axis[b] }
      }
    }
    return PrincipalComponents(
      mean: mean, axes: axes, variances: variances, totalVariance: Swift.max(0, trace))
  }

  /// The dominant eigenvector of a symmetric positive semi-definite matrix and its eigenvalue,
  /// by power iteration (at most 1,000 products, until the vector moves less than 1e-12).
  static func dominant(
    _ matrix: [Double], dimension d: Int, poller: inout Cancellation.Poller
  ) throws -> ([Double], Double) {
    // A start with no symmetry, so it is not orthogonal to the answer by construction.
    var v = normalized((0..<d).map { k -> Double in 1 + 0.618 * Double((k * 7 + 3) % 11) / 11 })
    var value = 0.0
    for _ in 0..<1000 {
      try poller.advance(by: d * d)
      var w = [Double](repeating: 0, count: d)
      for a in 0..<d {
        var s = 0.0
        for b in 0..<d { s += matrix[a * d + b] * v[b] }
        w[a] = s
      }
      value = 0
      var squares = 0.0
      for k in 0..<d {
        value += w[k] * v[k]
        squares += w[k] * w[k]
      }
      let norm = squares.squareRoot()
      guard norm > 1e-300, norm.isFinite else { return (signed(v), 0) }
      var change = 0.0
      for k in 0..<d {
        let next = w[k] / norm
        change = Swift.max(change, abs(next - v[k]))
        v[k] = next
      }
      if change < 1e-12 { break }
    }
    return (signed(v), value)
  }

  static func normalized(_ v: [Double]) -> [Double] {
    var squares = 0.0
    for x in v { squares += x * x }
    let norm = squares.squareRoot()
    return norm > 0 ? v.map { $0 / norm } : v
  }

  /// `v` with its largest entry (by magnitude) positive.
  static func signed(_ v: [Double]) -> [Double] {
    guard let largest = v.max(by: { abs($0) < abs($1) }), largest < 0 else { return v }
    return v.map { -$0 }
  }

  /// `point`'s coordinates along the components, around the mean.
  public func project(_ point: [Double]) -> [Double] {
    axes.map { axis in
      var s = 0.0
      for k in 0..<Swift.min(axis.count, point.count, mean.count) {
        s += (point[k] - mean[k]) * axis[k]
      }
      return s
    }
  }
}
