import Foundation

/// Small images side by side, one row per input: the input, one or more attribution maps and,
/// for a single map, an overlay of the map on the input. The saliency and sanity views of image
/// data are drawn with it.
///
/// Every image is a `Matrix` whose rows are the image's rows. Inputs share one grey scale
/// (white at the lowest value, black at the highest, like ink on paper). Each map has its own
/// scale, because attributions of different inputs differ in size by orders of magnitude and a
/// shared scale would leave most maps blank: signed maps use the diverging map with zero at
/// white, magnitudes the sequential viridis map. The SVG puts a colour bar with values next to
/// every map; the terminal prints each map's range under it.
public struct SaliencyGrid: Sendable {
  /// One input: a short label (`#12`), details (`true 3`, `predicted 3 (98%)`), its image and
  /// its maps (one per entry of `mapTitles`).
  public struct Row: Sendable {
    public var label: String
    public var details: [String]
    public var input: Matrix
    public var maps: [Matrix]

    public init(label: String, details: [String], input: Matrix, maps: [Matrix]) {
      self.label = label
      self.details = details
      self.input = input
      self.maps = maps
    }
  }

  /// A map drawn below the rows on its own, such as the mean |attribution| over a data set.
  public struct Summary: Sendable {
    public var title: String
    public var map: Matrix

    public init(title: String, map: Matrix) {
      self.title = title
      self.map = map
    }
  }

  /// Column headings of the maps (`attribution`, or `trained` and `randomized`).
  public var mapTitles: [String]
  /// Whether the maps are signed (diverging colours) or magnitudes (sequential colours).
  public var signed: Bool
  /// Whether a last column shows the first map over the input.
  public var overlay: Bool
  public var rows: [Row]
  /// Drawn after the rows, always as a magnitude; none by default.
  public var summary: Summary?
  /// Lines under the chart: the method, its settings, the completeness gap.
  public var notes: [String]
  public var options: ChartOptions
  /// What the sign of a map means, for the legend. Default: evidence for or against a class.
  public var meaning = SignMeaning.classEvidence

  public init(
    mapTitles: [String], signed: Bool, overlay: Bool, rows: [Row], summary: Summary? = nil,
    notes: [String] = [], options: ChartOptions = ChartOptions()
  ) {
    self.mapTitles = mapTitles
    self.signed = signed
    self.overlay = overlay
    self.rows = rows
    self.summary = summary
    self.notes = notes
    self.options = options
  }

  /// A pixel is marked in a monochrome overlay when its |attribution| is at least this
  /// fraction of the largest in its map.
  public static let overlayThreshold = 0.5

  // MARK: Colours

  /// White (low) to black (high), for inputs.
  public static let ink = ColorMap(name: "ink", stops: [.white, RGB(hex: 0x000000)])
  static let positive = RGB(hex: 0xb2182b)
  static let negative = RGB(hex: 0x2166ac)

  var mapColors: ColorMap { signed ? .diverging : .viridis }

  /// The grey scale shared by every input: from min(0, lowest) to the highest value.
  var inputDomain: ColorDomain {
    let all = rows.flatMap(\.input.values)
    let extent = ClosedRange.extent(of: all) ?? 0...1
    return ColorDomain(low: Swift.min(0, extent.lowerBound), high: extent.upperBound)
  }

  /// A map's own domain: symmetric around zero when signed, from zero when a magnitude.
  static func domain(_ map: Matrix, signed: Bool) -> ColorDomain {
    if signed { return ColorDomain(fitting: map.values, diverging: true) }
    let high = ClosedRange.extent(of: map.values)?.upperBound ?? 1
    return ColorDomain(low: 0, high: high > 0 ? high : 1)
  }

  /// The map's value as a signed fraction of its largest magnitude, in -1...1 (0 for NaN).
  static func strength(_ value: Double, in domain: ColorDomain, signed: Bool) -> Double {
    guard value.isFinite else { return 0 }
    let scale = signed ? Swift.max(abs(domain.low), abs(domain.high)) : domain.high
    return scale > 0 ? Swift.max(-1, Swift.min(1, value / scale)) : 0
  }

  /// The overlay colour: the input as a light grey, tinted by the attribution in proportion to
  /// its strength (red for, blue against; red for a magnitude).
  static func overlayColor(input t: Double, strength s: Double) -> RGB {
    let grey = ink.color(at: t.isFinite ? t : 0).mixed(with: .white, 0.55)
    return grey.mixed(with: s >= 0 ? positive : negative, Swift.min(1, abs(s) * 1.15))
  }

  /// The text of a map's range: `±0.42`, or `0…0.42` for a magnitude.
  static func rangeText(_ domain: ColorDomain, signed: Bool) -> String {
    signed
      ? "±" + NumberText.short(Swift.max(abs(domain.low), abs(domain.high)))
      : "0…" + NumberText.short(domain.high)
  }
}
