/// How the recurrent views write a step's token and a hidden value in one terminal cell.
enum StepGlyphs {
  /// The range of a tanh unit: every hidden view colours -1…1, so pictures compare.
  static let domain = ColorDomain(low: -1, high: 1)

  /// A token in one cell: itself when it is one character (a text's space as a space when
  /// `spaces`, else `␣`), `↵` for a line break, `⇥` for a tab, `·` for anything longer; in
  /// ASCII, any character outside it as `?` (and `/`, `>`, `_`, `.` for those).
  static func cell(_ token: String, ascii: Bool, spaces: Bool = false) -> Character {
    let glyph: Character
    switch token {
    case "␣": glyph = spaces ? " " : (ascii ? "_" : "␣")
    case "\\n": glyph = ascii ? "/" : "↵"
    case "\\t": glyph = ascii ? ">" : "⇥"
    default:
      guard token.count == 1, let only = token.first else { return ascii ? "." : "·" }
      glyph = only
    }
    guard ascii else { return glyph }
    return glyph.isASCII && !(glyph.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? true)
      ? glyph : "?"
  }

  /// Whether every token fits one cell as itself.
  static func fitCells(_ tokens: [String]) -> Bool {
    tokens.allSatisfy { $0.count == 1 || $0 == "\\n" || $0 == "\\t" }
  }

  /// A hidden value without colour, its sign kept: `=` and `-` below zero, `·` near it, `+`
  /// and `#` above (`.` for `·` in ASCII); `?` for NaN.
  static func shade(_ value: Double, ascii: Bool) -> Character {
    guard value.isFinite else { return value.isNaN ? "?" : (value > 0 ? "#" : "=") }
    switch value {
    case ..<(-0.6): return "="
    case ..<(-0.2): return "-"
    case ..<0.2: return ascii ? "." : "·"
    case ..<0.6: return "+"
    default: return "#"
    }
  }

  /// What the shades mean, in a line.
  static func shadeLegend(ascii: Bool) -> String {
    let zero = ascii ? "." : "·"
    return "= below -0.6, - below -0.2, \(zero) near 0, + above 0.2, # above 0.6"
  }

  /// The colour of a hidden value on the diverging map over -1…1.
  static func color(_ value: Double) -> RGB {
    value.isFinite ? ColorMap.diverging.color(at: domain.fraction(value)) : ColorMap.missing
  }

  /// A `width`-column colour bar from -1 to 1, in the colours of `options`.
  static func bar(_ options: ChartOptions, width: Int = 20) -> String {
    var canvas = TextCanvas(width: width, height: 1)
    for i in 0..<width {
      canvas.put(
        " ", i, 0, background: ColorMap.diverging.color(at: Double(i) / Double(width - 1)))
    }
    var bar = canvas.render(options.colorMode)
    bar.removeLast()
    return "-1 " + bar + " 1"
  }

  /// The lines of a canvas rendered for `options`, without the final line break.
  static func lines(_ canvas: TextCanvas, _ options: ChartOptions) -> [String] {
    var text = canvas.render(options.colorMode)
    if text.hasSuffix("\n") { text.removeLast() }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// A horizontal colour bar 200 wide from −1 to 1 at (`x`, `y`), with its ends and middle.
  static func horizontalBar(_ doc: inout SVGDocument, x: Double, y: Double) {
    doc.beginGroup([("class", "colorbar")])
    for i in 0..<50 {
      doc.rect(
        x: x + Double(i) * 4, y: y, width: 4.4, height: 12,
        fill: ColorMap.diverging.color(at: (Double(i) + 0.5) / 50).hex)
    }
    doc.rect(x: x, y: y, width: 200, height: 12, fill: "none", stroke: "#888888")
    for (value, at) in [("-1", 0.0), ("0", 100.0), ("1", 200.0)] {
      doc.text(value, x: x + at, y: y + 26, anchor: "middle", size: 10, fill: "#444444")
    }
    doc.endGroup()
  }
}
