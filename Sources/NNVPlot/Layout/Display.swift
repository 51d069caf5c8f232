import NNVCore

/// How terminal views are drawn unless a statement says otherwise (`color ...`, `width ...`):
/// the session's setting, which each view command turns into its chart options.
///
/// The executable fills it from the terminal (its width, `COLORTERM`, `NO_COLOR`, `--color`);
/// scripts whose output goes to a file or a pipe get monochrome glyphs at 80 columns.
public struct Display: Sendable, Equatable {
  public var colorMode: ColorMode
  public var width: Int
  /// Draw with ASCII characters only (`TERM=dumb`), unless a statement says `ascii false`.
  public var asciiOnly: Bool

  public init(colorMode: ColorMode = .none, width: Int = 80, asciiOnly: Bool = false) {
    self.colorMode = colorMode
    self.width = width
    self.asciiOnly = asciiOnly
  }

  /// The colours a terminal offers: 24-bit when `COLORTERM` says `truecolor` or `24bit`, else
  /// the 256-colour palette every modern terminal has.
  public static func colorMode(enabled: Bool, environment: [String: String]) -> ColorMode {
    guard enabled else { return .none }
    let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
    return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .ansi256
  }

  /// The widest text view drawn: wider than any screen is a typo, and clamping keeps it from
  /// allocating a huge canvas.
  public static let maximumWidth = ResourceLimits.viewWidth.maximum

  /// The options a view is drawn with: this display's, except where the command says
  /// otherwise. A text file is read later, elsewhere: it gets no colour escapes, and the
  /// terminal's ASCII fallback does not apply to it (only an explicit `ascii`).
  public func chartOptions(
    width: Int? = nil, color: ColorMode? = nil, ascii: Bool? = nil, forTextFile: Bool = false
  ) -> ChartOptions {
    var options = ChartOptions()
    options.width = Swift.min(Swift.max(1, width ?? self.width), Self.maximumWidth)
    options.colorMode = forTextFile ? .none : color ?? colorMode
    let asciiOnly = forTextFile ? ascii == true : ascii ?? self.asciiOnly
    options.glyphs = asciiOnly ? .ascii : .unicode
    return options
  }
}
