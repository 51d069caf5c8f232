/// Lines of terminal text laid out as a rectangle, so that views can sit side by side.
///
/// Widths are visible widths: colour sequences (`ESC [ … m`) take no room. Every character a
/// chart draws is one cell wide (box drawing, blocks, braille, letters).
public struct TextBlock: Sendable, Equatable {
  /// The lines, without line breaks.
  public var lines: [String]
  /// The width the block takes: at least the widest line's.
  public var width: Int

  /// The lines of `text` (its last line break dropped), as wide as the widest of them.
  public init(_ text: String) {
    // Split as bytes: finding grapheme clusters in a screenful of colour sequences is slow.
    var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      String(Substring($0))
    }
    if lines.last == "" { lines.removeLast() }
    self.init(lines: lines)
  }

  /// A block of `lines`, as wide as `width` or its widest line, whichever is wider.
  public init(lines: [String], width: Int? = nil) {
    self.lines = lines
    self.width = Swift.max(width ?? 0, lines.map(TextBlock.visibleWidth).max() ?? 0)
  }

  /// The number of lines.
  public var height: Int { lines.count }

  /// The cells `line` takes on a terminal: its characters, less its escape sequences. Every
  /// character nnv draws is one cell wide, so this counts the UTF-8 lead bytes outside escape
  /// sequences.
  public static func visibleWidth(_ line: String) -> Int {
    var width = 0
    var inEscape = false
    for byte in line.utf8 {
      if inEscape {
        // A control sequence ends with a letter (`m` for colours, `K`, `H`, `A`).
        if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { inEscape = false }
      } else if byte == 0x1B {
        inEscape = true
      } else if byte & 0xC0 != 0x80 {
        width += 1
      }
    }
    return width
  }

  /// `line` cut to at most `width` visible cells, its escape sequences kept (and the colour
  /// reset at the cut, so that it does not run on).
  public static func clipped(_ line: String, to width: Int) -> String {
    guard visibleWidth(line) > width else { return line }
    var result = String.UnicodeScalarView()
    var used = 0
    var inEscape = false
    var styled = false
    for scalar in line.unicodeScalars {
      if inEscape {
        result.append(scalar)
        if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
        styled = true
        result.append(scalar)
      } else if used < width {
        result.append(scalar)
        used += 1
      }
    }
    return String(result) + (styled ? ANSIStyle.reset : "")
  }

  /// `line` cut or padded with spaces to exactly `width` visible cells.
  public static func fitted(_ line: String, to width: Int) -> String {
    let clipped = clipped(line, to: width)
    let gap = width - visibleWidth(clipped)
    return gap > 0 ? clipped + String(repeating: " ", count: gap) : clipped
  }

  /// The block cut to `width` columns and `height` lines.
  public func cropped(width: Int, height: Int) -> TextBlock {
    let kept = Array(lines.prefix(Swift.max(0, height)))
    if self.width <= width { return TextBlock(lines: kept, width: self.width, measured: true) }
    return TextBlock(lines: kept.map { TextBlock.clipped($0, to: width) })
  }

  /// A block whose width is known: its lines are not measured again.
  init(lines: [String], width: Int, measured: Bool) {
    self.lines = lines
    self.width = width
  }

  /// This block over `other`.
  public func above(_ other: TextBlock, gap: Int = 0) -> TextBlock {
    TextBlock(
      lines: lines + Array(repeating: "", count: Swift.max(0, gap)) + other.lines,
      width: Swift.max(width, other.width))
  }

  /// Blocks side by side, `gap` spaces apart, top-aligned; lines of a shorter block are blank.
  /// Each block's lines are padded to its width, and trailing blanks trimmed.
  public static func sideBySide(_ blocks: [TextBlock], gap: Int = 1) -> TextBlock {
    let height = blocks.map(\.height).max() ?? 0
    let spacer = String(repeating: " ", count: Swift.max(0, gap))
    var lines: [String] = []
    for row in 0..<height {
      var line = ""
      for (index, block) in blocks.enumerated() {
        if index > 0 { line += spacer }
        let text = row < block.lines.count ? block.lines[row] : ""
        line += index == blocks.count - 1 ? text : fitted(text, to: block.width)
      }
      lines.append(trimmed(line))
    }
    let width = blocks.map(\.width).reduce(0, +) + gap * Swift.max(0, blocks.count - 1)
    return TextBlock(lines: lines, width: width, measured: true)
  }

  /// `line` without trailing spaces outside of any colour.
  static func trimmed(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
  }

  /// The lines joined, each ending in a line break.
  public var text: String { lines.map { $0 + "\n" }.joined() }
}
