import Foundation

/// A continuous colour map: evenly spaced colour stops, linearly interpolated.
///
/// Colour maps are values, so a chart's options name one (`.viridis`, `.diverging`, `.hot`) and
/// tests can compare them. Values are mapped through a `ColorMap.Domain` first.
public struct ColorMap: Sendable, Equatable {
  public let name: String
  public let stops: [RGB]
  /// Whether the map is meant for signed values with zero at its centre.
  public let isDiverging: Bool

  public init(name: String, stops: [RGB], isDiverging: Bool = false) {
    self.name = name
    self.stops = stops.isEmpty ? [.black, .white] : stops
    self.isDiverging = isDiverging
  }

  /// The colour at `t` in 0...1 (clamped; NaN gives the middle grey of the chart, see
  /// `missing`).
  public func color(at t: Double) -> RGB {
    guard t.isFinite else { return ColorMap.missing }
    let u = Swift.max(0, Swift.min(1, t)) * Double(stops.count - 1)
    let i = Swift.min(Int(u), stops.count - 2)
    guard stops.count > 1 else { return stops[0] }
    return stops[i].mixed(with: stops[i + 1], u - Double(i))
  }

  /// The colour shown for NaN and infinite values.
  public static let missing = RGB(200, 200, 200)

  /// Viridis, the perceptually uniform default of matplotlib (van der Walt and Smith, 2015):
  /// 17 stops taken every 16th entry of its published 256-entry table (CC0).
  public static let viridis = ColorMap(
    name: "viridis",
    stops: [
      (0.267004, 0.004874, 0.329415), (0.282327, 0.094955, 0.417331),
      (0.278826, 0.175490, 0.483397), (0.258965, 0.251537, 0.524736),
      (0.229739, 0.322361, 0.545706), (0.199430, 0.387607, 0.554642),
      (0.172719, 0.448791, 0.557885), (0.149039, 0.508051, 0.557250),
      (0.127568, 0.566949, 0.550556), (0.120638, 0.625828, 0.533488),
      (0.157851, 0.683765, 0.501686), (0.246070, 0.738910, 0.452024),
      (0.369214, 0.788888, 0.382914), (0.515992, 0.831158, 0.294279),
      (0.678489, 0.863742, 0.189503), (0.845561, 0.887322, 0.099702),
      (0.993248, 0.906157, 0.143936),
    ].map { RGB(unit: $0.0, $0.1, $0.2) })

  /// Blue–white–red for signed values (weights, gradients): negative blue, zero white, positive
  /// red. The outer stops are ColorBrewer's RdBu ends; the centre is pure white so that zero
  /// reads as "nothing".
  public static let diverging = ColorMap(
    name: "diverging",
    stops: [
      0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b,
    ]
    .map { RGB(hex: $0) },
    isDiverging: true)

  /// Black–red–yellow–white, like matplotlib's `hot`.
  public static let hot = ColorMap(
    name: "hot",
    stops: [0x000000, 0x800000, 0xff0000, 0xff8000, 0xffff00, 0xffff80, 0xffffff].map {
      RGB(hex: $0)
    })

  /// Every named map, for option parsing.
  public static let all: [ColorMap] = [.viridis, .diverging, .hot]

  public static func named(_ name: String) -> ColorMap? { all.first { $0.name == name } }
}

/// The data interval a colour map spans.
public struct ColorDomain: Sendable, Equatable {
  public var low: Double
  public var high: Double

  public init(low: Double, high: Double) {
    let sane = Scale.sanitized(low...high, kind: .linear)
    self.low = sane.lowerBound
    self.high = sane.upperBound
  }

  /// The finite extent of `values`; for a diverging map, symmetric around zero so that zero
  /// stays white.
  public init<S: Sequence>(fitting values: S, diverging: Bool) where S.Element == Double {
    let extent = ClosedRange<Double>.extent(of: values) ?? 0...1
    if diverging {
      let m = Swift.max(abs(extent.lowerBound), abs(extent.upperBound))
      self.init(low: -(m > 0 ? m : 1), high: m > 0 ? m : 1)
    } else {
      self.init(low: extent.lowerBound, high: extent.upperBound)
    }
  }

  /// Where `value` falls, 0 at `low` and 1 at `high` (NaN for NaN).
  public func fraction(_ value: Double) -> Double {
    guard value.isFinite else { return value.isNaN ? .nan : (value > 0 ? 1 : 0) }
    return (value - low) / (high - low)
  }
}

extension ColorMap {
  /// The map for values of unknown sign: diverging around zero when any is negative,
  /// viridis otherwise.
  public static func fitting(_ values: [Double]) -> ColorMap {
    values.contains { $0 < 0 } ? .diverging : .viridis
  }
}
