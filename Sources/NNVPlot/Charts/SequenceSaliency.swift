import Foundation

/// Saliency along a sequence: what each step contributed to the output explained at one step.
///
/// The tokens of the sequence (its characters, or a glyph per step) run along a line, and
/// under each one a bar as tall as its step's attribution (summed over the step's features):
/// red for evidence for the class and blue against it in colour, a `+` or `-` row under the
/// bars in monochrome; magnitudes in one colour. The step explained is marked with `^` and
/// the steps after it, which a causal model never saw at that point, read as nothing. A long
/// sequence wraps to the width. The strongest steps are listed with their values.
public struct SequenceSaliency: Sendable {
  /// One token per step, shown one column wide (`tokenGlyph`).
  public var tokens: [String]
  /// Each step's attribution.
  public var values: [Double]
  /// The step explained.
  public var step: Int
  /// What the row explains: which input, class and step.
  public var heading: String
  /// Whether values are signed.
  public var signed: Bool
  /// Lines under the chart: the method, its settings, the completeness gap.
  public var notes: [String]
  public var options: ChartOptions
  /// What the sign of a value means.
  public var meaning = SignMeaning.classEvidence

  public init(
    tokens: [String], values: [Double], step: Int, heading: String, signed: Bool,
    notes: [String] = [], options: ChartOptions = ChartOptions()
  ) {
    self.tokens = tokens
    self.values = values
    self.step = step
    self.heading = heading
    self.signed = signed
    self.notes = notes
    self.options = options
  }

  /// The steps with the largest |attribution|, largest first (at most `count`).
  public func strongest(_ count: Int) -> [Int] {
    let order = values.indices.sorted {
      abs(values[$0]) > abs(values[$1]) || (abs(values[$0]) == abs(values[$1]) && $0 < $1)
    }
    return Array(order.prefix(count).filter { values[$0] != 0 })
  }

  /// A token drawn in one column: itself, or a glyph for a name of several characters (`\n`).
  func tokenGlyph(_ token: String, ascii: Bool) -> Character {
    switch token {
    case "␣": return ascii ? "_" : "␣"
    case "\\n": return ascii ? "/" : "↵"
    case "\\t": return ascii ? ">" : "→"
    default:
      guard token.count == 1, let only = token.first else { return ascii ? "?" : "·" }
      return ascii && !(only.isASCII) ? "?" : only
    }
  }

  /// `text` as it is, or in ASCII: `␣` as `_`, any other character beyond ASCII as `?`.
  func plain(_ text: String, ascii: Bool) -> String {
    guard ascii else { return text }
    return String(text.map { $0 == "␣" ? "_" : $0.isASCII ? $0 : "?" })
  }

  var largest: Double { values.map { abs($0) }.filter(\.isFinite).max() ?? 0 }

  static let positive = RGB(hex: 0xd6604d)
  static let negative = RGB(hex: 0x4393c3)
  static let magnitude = CategoricalPalette.color(0)

  func color(_ value: Double) -> RGB {
    signed ? (value < 0 ? Self.negative : Self.positive) : Self.magnitude
  }

  // MARK: Text

  public func text() -> String {
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    let ascii = options.glyphs.bars.count != 8
    lines.append(TextLayout.clip(plain(heading, ascii: ascii), options.columns))
    let label = 7
    let perLine = Swift.max(8, options.columns - label)
    let top = largest
    for start in stride(from: 0, to: tokens.count, by: perLine) {
      let range = start..<Swift.min(start + perLine, tokens.count)
      lines.append("")
      lines += chunkLines(range, label: label, ascii: ascii, top: top)
    }
    if signed, options.colored {
      lines.append("red: \(meaning.positive), blue: \(meaning.negative)")
    } else if signed {
      lines.append("+: \(meaning.positive), -: \(meaning.negative)")
    }
    let listed = strongest(5).map { t in
      let token = tokens.indices.contains(t) ? plain(tokens[t], ascii: ascii) : "?"
      return "\(t) \(token) \(NumberText.short(values[t]))"
    }
    if !listed.isEmpty {
      lines += NoteText.wrap(
        "strongest steps: " + listed.joined(separator: ", "), width: Swift.max(options.columns, 40))
    }
    lines += notes.flatMap { NoteText.wrap($0, width: Swift.max(options.columns, 40)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The token, bar, sign and mark rows of steps `range`.
  func chunkLines(_ range: Range<Int>, label: Int, ascii: Bool, top: Double) -> [String] {
    // ASCII has a single bar glyph: its ramp shows the levels instead.
    let glyphs =
      options.glyphs.bars.count > 1 ? options.glyphs.bars : Array(options.glyphs.ramp.dropFirst())
    let width = range.count
    var canvas = TextCanvas(width: width, height: 4)
    for (x, t) in range.enumerated() {
      canvas.put(tokenGlyph(tokens[t], ascii: ascii), x, 0)
      let v = t < values.count ? values[t] : 0
      if v.isFinite, v != 0, top > 0 {
        let level = Swift.max(
          0, Swift.min(glyphs.count - 1, Int(abs(v) / top * Double(glyphs.count - 1) + 0.5)))
        canvas.put(glyphs[level], x, 1, color: options.colored ? color(v) : nil)
        if signed, !options.colored { canvas.put(v > 0 ? "+" : "-", x, 2) }
      }
      if t == step { canvas.put("^", x, 3) }
    }
    let rendered = canvas.render(options.colorMode).split(
      separator: "\n", omittingEmptySubsequences: false)
    let names = ["input", signed ? "attr" : "|attr|", "sign", "step"]
    var lines: [String] = []
    for (k, row) in rendered.prefix(4).enumerated() {
      if k == 2, !(signed && !options.colored) { continue }
      if k == 3, !range.contains(step) { continue }
      var line = TextLayout.pad(names[k], label) + row
      while line.last == " " { line.removeLast() }
      if k == 3 { line += " \(step)" }
      lines.append(line)
    }
    return lines
  }
}
