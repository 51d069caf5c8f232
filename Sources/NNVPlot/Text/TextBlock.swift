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
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    self.init(lines: lines)
  }

  public init(lines: [String], width: Int? = nil) {
    self.lines = lines
    self.width = Swift.max(width ?? 0, lines.map(TextBlock.visibleWidth).max() ?? 0)
  }

  public var height: Int { lines.count }

  /// The cells `line` takes on a terminal: its characters, less its escape sequences.
  public static func visibleWidth(_ line: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in line.unicodeScalars {
      if inEscape {
        // A control sequence ends with a letter (`m` for colours, `K`, `H`, `A`).
        if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else if scalar.properties.generalCategory != .nonspacingMark {
        width += 1
      }
    }
    return width
  }

  /// `line` cut to at most `width` visible cells, its escape sequences kept (and the colour
  /// reset at the cut, so that it does not run on).
  public static func clipped(_ line: String, to width: Int) -> String {
    guard visibleWidth(line) > width else { return line }
    var result = ""
    var used = 0
    var inEscape = false
    var styled = false
    for character in line {
      if inEscape {
        result.append(character)
        if character.isLetter { inEscape = false }
        continue
      }
      if character == "\u{1B}" {
        inEscape = true
        styled = true
        result.append(character)
        continue
      }
      guard used < width else { continue }
      result.append(character)
      used += 1
    }
    return styled ? result + ANSIStyle.reset : result
  }

  /// `line` cut or padded with spaces to exactly `width` visible cells.
  public static func fitted(_ line: String, to width: Int) -> String {
    let clipped = clipped(line, to: width)
    let gap = width - visibleWidth(clipped)
    return gap > 0 ? clipped + String(repeating: " ", count: gap) : clipped
  }

  /// The block cut to `width` columns and `height` lines.
  public func cropped(width: Int, height: Int) -> TextBlock {
    TextBlock(
      lines: lines.prefix(Swift.max(0, height)).map { TextBlock.clipped($0, to: width) },
      width: nil)
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
    return TextBlock(lines: lines)
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
