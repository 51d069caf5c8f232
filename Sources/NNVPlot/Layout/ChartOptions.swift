/// What every chart needs to know besides its data. Each field has a documented default, so
/// `ChartOptions()` gives a readable chart.
public struct ChartOptions: Sendable {
  /// Terminal columns the text form may use. Default 80; widths under `minimumWidth` are
  /// raised to it, since no axis fits in fewer.
  public var width: Int = 80
  /// Terminal rows of the plotting area (without title, axes and legend). Default 14.
  public var height: Int = 14
  /// The SVG's size in user units (pixels at 100%). Default 640×400.
  public var svgWidth: Double = 640
  public var svgHeight: Double = 400
  /// Colour in the terminal. Default `.none`: monochrome glyphs.
  public var colorMode: ColorMode = .none
  /// The characters of the text form. Default `.unicode`.
  public var glyphs: GlyphSet = .unicode
  /// A heading shown above the chart; none by default.
  public var title: String?
  /// Axis titles; none by default.
  public var xLabel: String?
  public var yLabel: String?

  public static let minimumWidth = 24

  public init(
    width: Int = 80, height: Int = 14, colorMode: ColorMode = .none, glyphs: GlyphSet = .unicode,
    title: String? = nil, xLabel: String? = nil, yLabel: String? = nil
  ) {
    self.width = width
    self.height = height
    self.colorMode = colorMode
    self.glyphs = glyphs
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// The width actually used by the text form.
  var columns: Int { Swift.max(width, ChartOptions.minimumWidth) }
  /// The plotting rows actually used: at least 3.
  var rows: Int { Swift.max(height, 3) }
  /// Whether colour escapes are drawn.
  var colored: Bool { colorMode != .none }
}

/// A rectangle in SVG user units.
public struct Box: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = Swift.max(0, width)
    self.height = Swift.max(0, height)
  }

  public var maxX: Double { x + width }
  public var maxY: Double { y + height }

  /// The box with `top`, `right`, `bottom`, `left` taken off.
  public func inset(_ top: Double, _ right: Double, _ bottom: Double, _ left: Double) -> Box {
    Box(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
  }
}

/// Text helpers shared by the terminal charts.
enum TextLayout {
  /// `text` cut to `width` characters with an ellipsis.
  static func clip(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    if text.count <= width { return text }
    return String(text.prefix(Swift.max(0, width - 1))) + "…"
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: Swift.max(0, width - text.count))
    return right ? gap + text : text + gap
  }

  static func center(_ text: String, _ width: Int) -> String {
    let gap = Swift.max(0, width - text.count)
    return String(repeating: " ", count: gap / 2) + text
  }
}
