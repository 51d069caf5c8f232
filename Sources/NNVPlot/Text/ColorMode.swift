/// How a terminal chart uses colour. The caller decides (from `COLORTERM`, `NO_COLOR`, a
/// `--color` flag); the renderers never look at the environment.
public enum ColorMode: String, Sendable, CaseIterable {
  /// 24-bit colour escapes (`ESC[38;2;r;g;bm`).
  case truecolor
  /// The xterm 256-colour palette (`ESC[38;5;nm`).
  case ansi256 = "256"
  /// No escapes at all; glyphs alone carry the picture.
  case none
}

/// ANSI escape sequences for a colour mode.
public enum ANSIStyle {
  public static let reset = "\u{1B}[0m"

  public static func foreground(_ color: RGB, _ mode: ColorMode) -> String {
    switch mode {
    case .truecolor: "\u{1B}[38;2;" + rgb(color)
    case .ansi256: "\u{1B}[38;5;\(paletteIndex(color))m"
    case .none: ""
    }
  }

  public static func background(_ color: RGB, _ mode: ColorMode) -> String {
    switch mode {
    case .truecolor: "\u{1B}[48;2;" + rgb(color)
    case .ansi256: "\u{1B}[48;5;\(paletteIndex(color))m"
    case .none: ""
    }
  }

  /// `r;g;bm`, the end of a 24-bit colour sequence; from a table, since charts write one
  /// for every coloured cell.
  static func rgb(_ color: RGB) -> String {
    decimals[Int(color.r)] + ";" + decimals[Int(color.g)] + ";" + decimals[Int(color.b)] + "m"
  }

  /// `0` to `255` as text.
  private static let decimals: [String] = (0...255).map { String($0) }

  /// The nearest entry of xterm's 6×6×6 colour cube (16–231) or grey ramp (232–255).
  public static func paletteIndex(_ color: RGB) -> Int {
    let levels = [0, 95, 135, 175, 215, 255]
    func nearest(_ v: UInt8) -> Int {
      var best = 0
      for (i, level) in levels.enumerated() where abs(level - Int(v)) < abs(levels[best] - Int(v)) {
        best = i
      }
      return best
    }
    let (r, g, b) = (nearest(color.r), nearest(color.g), nearest(color.b))
    let cube = (levels[r], levels[g], levels[b])
    func distance(_ a: (Int, Int, Int)) -> Int {
      let dr = a.0 - Int(color.r)
      let dg = a.1 - Int(color.g)
      let db = a.2 - Int(color.b)
      return dr * dr + dg * dg + db * db
    }
    let average = (Int(color.r) + Int(color.g) + Int(color.b)) / 3
    let grayStep = Swift.max(0, Swift.min(23, (average - 8 + 5) / 10))
    let gray = 8 + grayStep * 10
    if distance((gray, gray, gray)) < distance(cube) { return 232 + grayStep }
    return 16 + 36 * r + 6 * g + b
  }
}
