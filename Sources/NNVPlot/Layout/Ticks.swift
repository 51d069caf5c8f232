import Foundation

/// Tick values at "nice" numbers, after Paul Heckbert, "Nice Numbers for Graph Labels",
/// Graphics Gems (1990).
///
/// A nice number is 1, 2, 5 or 10 times a power of ten; ticks step by a nice number, so axis
/// labels read 0, 0.2, 0.4 rather than 0, 0.1837, 0.3674.
public enum Ticks {
  /// The nice number closest to `x` (`round`) or the smallest one at least `x`.
  public static func niceNumber(_ x: Double, round: Bool) -> Double {
    guard x > 0, x.isFinite else { return 1 }
    let exponent = floor(log10(x))
    let fraction = x / pow(10, exponent)
    let nice: Double
    if round {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * pow(10, exponent)
  }

  /// About `count` nice ticks covering `low...high`: the values inside the interval, the step,
  /// and the number of decimals that labels them without noise.
  public static func nice(
    _ low: Double, _ high: Double, count: Int = 5
  ) -> (values: [Double], step: Double, decimals: Int) {
    var a = low.isFinite ? low : 0
    var b = high.isFinite ? high : 1
    if a > b { swap(&a, &b) }
    if a == b {
      a -= 0.5
      b += 0.5
    }
    let span = niceNumber(b - a, round: false)
    let step = niceNumber(span / Double(Swift.max(count - 1, 1)), round: true)
    let first = ceil(a / step - 1e-9) * step
    var values: [Double] = []
    var v = first
    while v <= b + step * 1e-9, values.count < 50 {
      values.append(abs(v) < step * 1e-9 ? 0 : v)
      v += step
    }
    // A coarse step can leave a single tick inside a short axis; ask for finer ones.
    if values.count < 2, count < 12 { return nice(low, high, count: count * 2) }
    let decimals = Swift.max(0, -Int(floor(log10(step) + 1e-9)))
    return (values, step, Swift.min(decimals, 10))
  }

  /// `value` as a tick label: fixed decimals, no "-0".
  public static func label(_ value: Double, decimals: Int) -> String {
    NumberText.fixed(value, decimals: decimals)
  }

  /// Ticks paired with their labels, as the axis renderers take them.
  static func labeled(_ values: [Double]) -> [(value: Double, label: String)] {
    zip(values, labels(values)).map { (value: $0.0, label: $0.1) }
  }

  /// Labels for a set of ticks, with enough decimals to tell them apart and the same number on
  /// every label; a value that is zero but for rounding (`-5.6e-17` between −0.5 and 0.5) reads
  /// `0`.
  public static func labels(_ values: [Double]) -> [String] {
    guard values.count >= 2 else { return values.map { NumberText.short($0) } }
    let step = abs(values[1] - values[0])
    let values = values.map { abs($0) < step * 1e-6 ? 0 : $0 }
    var decimals = step > 0 ? Swift.max(0, -Int(floor(log10(step) + 1e-9))) : 2
    // A step of 2.5 units of the last decimal (0.25, 25) needs one decimal more to show it.
    if step > 0 {
      let scaled = step * pow(10, Double(decimals))
      if abs(scaled - scaled.rounded()) > 1e-6 * scaled { decimals += 1 }
    }
    if let biggest = values.map(abs).max(), biggest >= 1e6 || (biggest > 0 && biggest < 1e-4) {
      return values.map { NumberText.short($0) }
    }
    return values.map { label($0, decimals: Swift.min(decimals, 8)) }
  }
}
