import Foundation

/// Maps data values onto a pixel or cell range, linearly or logarithmically.
///
/// Both back ends use the same scale, so a point lands at the same relative place in the
/// terminal and in the SVG. A degenerate domain (one value, or NaN bounds) is widened to a unit
/// interval around its value so that nothing divides by zero.
public struct Scale: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case linear, log }

  public let kind: Kind
  public let domain: ClosedRange<Double>
  public let range: ClosedRange<Double>
  /// Whether the range runs from `upperBound` to `lowerBound` (y axes grow upwards).
  public let flipped: Bool

  /// - Parameters:
  ///   - kind: linear (default) or log; a log scale needs a positive domain and clamps values
  ///     at or below zero to the domain's lower bound.
  ///   - domain: the data interval.
  ///   - range: the output interval (pixels, cells).
  ///   - flipped: map the domain's lower bound to the range's upper bound.
  public init(
    _ kind: Kind = .linear, domain: ClosedRange<Double>, range: ClosedRange<Double>,
    flipped: Bool = false
  ) {
    self.kind = kind
    self.domain = Scale.sanitized(domain, kind: kind)
    self.range = range
    self.flipped = flipped
  }

  static func sanitized(_ domain: ClosedRange<Double>, kind: Kind) -> ClosedRange<Double> {
    // Halving keeps the span `high - low` finite even for ±greatestFiniteMagnitude.
    let limit = Double.greatestFiniteMagnitude / 4
    var low = domain.lowerBound.isFinite ? Swift.max(-limit, domain.lowerBound) : 0
    var high = domain.upperBound.isFinite ? Swift.min(limit, domain.upperBound) : 1
    if kind == .log {
      if !(low > 0) { low = high > 0 ? high / 10 : 1 }
      if !(high > low) { high = low * 10 }
    } else if !(high > low) {
      low -= 0.5
      high += 0.5
    }
    return low...high
  }

  func transform(_ value: Double) -> Double {
    kind == .log ? log10(Swift.max(value, domain.lowerBound)) : value
  }

  /// The position of `value` in the range: not clamped to it, but always finite and within a
  /// million range-widths of it, so charts can turn positions into cell indices safely.
  public func callAsFunction(_ value: Double) -> Double {
    let low = transform(domain.lowerBound)
    let high = transform(domain.upperBound)
    let t = (transform(value) - low) / (high - low)
    let u = flipped ? 1 - t : t
    guard u.isFinite else { return u == .infinity ? range.upperBound : range.lowerBound }
    let bounded = Swift.max(-1e6, Swift.min(1e6, u))
    return range.lowerBound + bounded * (range.upperBound - range.lowerBound)
  }

  /// The value at position `position` of the range (the inverse of the mapping).
  public func invert(_ position: Double) -> Double {
    let width = range.upperBound - range.lowerBound
    var t = width == 0 ? 0 : (position - range.lowerBound) / width
    if flipped { t = 1 - t }
    let low = transform(domain.lowerBound)
    let high = transform(domain.upperBound)
    let v = low + t * (high - low)
    return kind == .log ? pow(10, v) : v
  }

  /// Nice tick values inside the domain.
  public func ticks(count: Int = 5) -> [Double] {
    if kind == .log {
      let first = Int(floor(log10(domain.lowerBound)))
      let last = Int(ceil(log10(domain.upperBound)))
      var decades: [Double] = []
      for exponent in first...Swift.max(first, last) {
        let value: Double = pow(10, Double(exponent))
        let low: Double = domain.lowerBound * (1 - 1e-9)
        let high: Double = domain.upperBound * (1 + 1e-9)
        if value >= low && value <= high { decades.append(value) }
      }
      if decades.count >= 2 { return decades }
      // Less than a decade or two: 1, 2 and 5 times the powers of ten inside the domain.
      let low: Double = domain.lowerBound * (1 - 1e-9)
      let high: Double = domain.upperBound * (1 + 1e-9)
      var steps: [Double] = []
      for exponent in first...Swift.max(first, last) {
        let power: Double = pow(10, Double(exponent))
        for multiple: Double in [1, 2, 5] where multiple * power >= low && multiple * power <= high
        {
          steps.append(multiple * power)
        }
      }
      if steps.count >= 2 { return steps }
      return Ticks.nice(domain.lowerBound, domain.upperBound, count: count).values
    }
    return Ticks.nice(domain.lowerBound, domain.upperBound, count: count).values
  }
}

extension ClosedRange where Bound == Double {
  /// The smallest interval holding every finite value, or nil when there is none.
  public static func extent<S: Sequence>(of values: S) -> ClosedRange<Double>?
  where S.Element == Double {
    var low = Double.infinity
    var high = -Double.infinity
    for v in values where v.isFinite {
      low = Swift.min(low, v)
      high = Swift.max(high, v)
    }
    return low <= high ? low...high : nil
  }
}
