/// The characters a terminal chart draws with, as data.
///
/// `unicode` uses braille dots for lines, half blocks for two-pixel cells and box-drawing
/// characters for axes; `ascii` uses only printable ASCII, for plain terminals and logs.
public struct GlyphSet: Sendable, Equatable {
  /// Whether lines are drawn in braille (2×4 dots per cell) rather than with `point`.
  public var usesBraille: Bool
  /// Whether heatmaps use the upper half block `▀` (two pixels per cell, needs colour).
  public var usesHalfBlocks: Bool
  /// A line chart's point when braille is off.
  public var point: Character
  /// Markers for further series and for data points, in order.
  public var markers: [Character]
  /// A density ramp, lightest first, for monochrome heatmaps.
  public var ramp: [Character]
  /// Bar fill, from one eighth to a full cell (the last is the full block).
  public var bars: [Character]
  public var horizontal: Character
  public var vertical: Character
  public var corner: Character
  public var tickOnX: Character
  public var tickOnY: Character
  public var ellipsis: String
  public var arrowDown: String
  /// Box corners: top left, top right, bottom left, bottom right.
  public var boxCorners: [Character]

  public static let unicode = GlyphSet(
    usesBraille: true, usesHalfBlocks: true, point: "•", markers: ["•", "×", "+", "◆", "▲", "■"],
    ramp: Array(" ░▒▓█"), bars: Array("▁▂▃▄▅▆▇█"), horizontal: "─", vertical: "│", corner: "└",
    tickOnX: "┬", tickOnY: "┤", ellipsis: "…", arrowDown: "↓", boxCorners: Array("┌┐└┘"))

  public static let ascii = GlyphSet(
    usesBraille: false, usesHalfBlocks: false, point: "*", markers: ["*", "x", "+", "o", "#", "@"],
    ramp: Array(" .:-=+*#%@"), bars: Array("#"), horizontal: "-", vertical: "|", corner: "+",
    tickOnX: "+", tickOnY: "+", ellipsis: "...", arrowDown: "v", boxCorners: Array("++++"))

  /// The ramp character for `t` in 0...1 (NaN: `?`).
  public func rampGlyph(_ t: Double) -> Character {
    guard t.isFinite else { return "?" }
    let i = Int((Swift.max(0, Swift.min(1, t)) * Double(ramp.count - 1)).rounded())
    return ramp[Swift.max(0, Swift.min(ramp.count - 1, i))]
  }

  public func marker(_ index: Int) -> Character {
    markers[((index % markers.count) + markers.count) % markers.count]
  }
}
