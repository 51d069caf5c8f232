import NNVPlot

/// How terminal views are drawn unless a statement says otherwise (`color ...`, `width ...`).
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
}
