import Foundation
import NNVCore

/// A lesson's prose (`note "..."`) as terminal text: paragraphs wrapped to a width, with a
/// little markup.
///
/// - A blank line separates paragraphs. Other line breaks, and the spaces around them, are
///   spaces, so a long note can be written over several lines of a script.
/// - A line that starts with `- `, `* ` or a number and a period (`2. `) is an item of a list:
///   it starts a line of its own, and its text wraps under its first word; the item goes on
///   to the next blank line.
/// - Lines indented by 4 spaces or more after a blank line (or first) are kept as they are,
///   indented by 2 (a formula, a line of code), coloured as code when `styled`.
/// - `**bold**` is bold when `styled`, plain text otherwise.
/// - `` `code` `` is something to type: when `styled`, coloured without its backticks;
///   otherwise written with them, as in a log. It is not broken across lines unless it is wider
///   than a line.
///
/// Control characters in the text are shown escaped (`TerminalText`), so prose read from a file
/// cannot move the cursor.
public enum Prose {
  /// How a run of characters is drawn.
  struct Style: Equatable {
    var bold = false
    var code = false
  }

  /// A run of characters in one style.
  struct Piece {
    var text: String
    var style: Style
  }

  /// A word: pieces without a space between them (a code span keeps its spaces).
  typealias Word = [Piece]

  /// The indentation that keeps a line as it is.
  static let verbatimIndent = 4

  /// `text` wrapped to `width` columns (at least 20): a blank line first, to set the prose
  /// apart from what was printed before, and one between paragraphs; the items of a list and
  /// the lines kept as they are follow each other without one.
  ///
  /// - Throws: `CancellationError` when the running work is cancelled while a long text is
  ///   read.
  public static func render(_ text: String, width: Int, styled: Bool) throws -> String {
    let width = Swift.max(20, width)
    let escaped = TerminalText.escaped(text, keepingLayout: true)
      .replacingOccurrences(of: "\t", with: "    ")
    var out = ""
    var previous: Block.Kind?
    for block in blocks(escaped) {
      if previous != nil, block.kind == .paragraph || block.kind != previous { out += "\n" }
      previous = block.kind
      if block.kind == .verbatim {
        let words = [[Piece(text: block.text, style: Style(code: true))]]
        for line in wrap(words, width: width, first: 2, rest: 2) {
          out += "  " + render(line, styled: styled) + "\n"
        }
        continue
      }
      let words = try self.words(block.text, styled: styled)
      let indent = String(repeating: " ", count: block.marker.count)
      let lines = wrap(words, width: width, first: block.marker.count, rest: indent.count)
      for (index, line) in lines.enumerated() {
        out += (index == 0 ? block.marker : indent) + render(line, styled: styled) + "\n"
      }
    }
    return out.isEmpty ? "" : "\n" + out
  }

  /// A paragraph, an item of a list or a line kept as it is: its marker (`- `, `2. `; empty
  /// but for an item) and its text on one line.
  struct Block {
    enum Kind: Equatable { case paragraph, item, verbatim }
    var kind: Kind
    var marker = ""
    var text: String
  }

  /// The paragraphs, list items and verbatim lines of `text`, in order.
  static func blocks(_ text: String) -> [Block] {
    var blocks: [Block] = []
    var current: Block?
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = rawLine.trimmingSpaces
      let indent = rawLine.prefix { $0 == " " }.count
      if line.isEmpty {
        if let block = current { blocks.append(block) }
        current = nil
      } else if indent >= verbatimIndent, current == nil || current?.kind == .verbatim {
        // A verbatim line keeps its spaces after the indentation that marks it.
        if let block = current { blocks.append(block) }
        var kept = String(rawLine.dropFirst(verbatimIndent))
        while kept.hasSuffix(" ") { kept.removeLast() }
        current = Block(kind: .verbatim, text: kept)
      } else if let marker = itemMarker(line) {
        if let block = current { blocks.append(block) }
        current = Block(kind: .item, marker: marker, text: String(line.dropFirst(marker.count)))
      } else if current != nil, current?.kind != .verbatim {
        current?.text += " " + line
      } else {
        if let block = current { blocks.append(block) }
        current = Block(kind: .paragraph, text: line)
      }
    }
    if let block = current { blocks.append(block) }
    return blocks
  }

  /// `- `, `* ` or `12. ` at the start of `line`, if it starts a list item.
  static func itemMarker(_ line: String) -> String? {
    if line.hasPrefix("- ") || (line.hasPrefix("* ") && !line.hasPrefix("**")) {
      return String(line.prefix(2))
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 3 else { return nil }
    let rest = line.dropFirst(digits.count)
    return rest.hasPrefix(". ") ? digits + ". " : nil
  }
}

extension Prose {
  /// The words of one block, with their markup read: bold and code spans. An opening `**` or
  /// backtick without its closing one is plain text. Each character is looked at a bounded
  /// number of times, and the running work's cancellation is polled as it goes.
  static func words(_ text: String, styled: Bool) throws -> [Word] {
    var words: [Word] = []
    var word: Word = []
    var bold = false
    var poller = Cancellation.Poller(interval: 1 << 16)
    func add(_ text: String, _ style: Style) {
      if let last = word.last, last.style == style {
        word[word.count - 1].text += text
      } else {
        word.append(Piece(text: text, style: style))
      }
    }
    func finish() {
      if !word.isEmpty { words.append(word) }
      word = []
    }
    var rest = Substring(text)
    while let character = rest.first {
      let before = rest.utf8.count
      if character == "`", let close = rest.dropFirst().firstIndex(of: "`") {
        let code = String(rest[rest.index(after: rest.startIndex)..<close])
        add(styled ? code : "`" + code + "`", Style(bold: bold, code: true))
        rest = rest[rest.index(after: close)...]
      } else if rest.hasPrefix("**"), bold || hasMarker(rest.dropFirst(2)) {
        bold.toggle()
        rest = rest.dropFirst(2)
      } else if character == " " {
        finish()
        rest = rest.dropFirst()
      } else {
        // A run of plain characters (a lone `*`, an unclosed backtick) up to the next one
        // that may mean something.
        let end =
          rest.dropFirst().firstIndex { $0 == " " || $0 == "`" || $0 == "*" } ?? rest.endIndex
        add(String(rest[..<end]), Style(bold: bold))
        rest = rest[end...]
      }
      try poller.advance(by: before - rest.utf8.count)
    }
    finish()
    return words
  }

  /// Whether `text` holds a `**`, scanning only up to the first.
  static func hasMarker(_ text: Substring) -> Bool {
    var star = false
    for character in text {
      if character == "*" {
        if star { return true }
        star = true
      } else {
        star = false
      }
    }
    return false
  }

  /// The number of columns a word takes.
  static func length(_ word: Word) -> Int { word.reduce(0) { $0 + $1.text.count } }

  /// Words broken into lines: the first `width - first` columns wide, the others
  /// `width - rest`; a word wider than a line is cut.
  static func wrap(_ words: [Word], width: Int, first: Int, rest: Int) -> [[Word]] {
    var lines: [[Word]] = []
    var line: [Word] = []
    var used = 0
    for word in words {
      let available = width - (lines.isEmpty ? first : rest)
      let size = length(word)
      if !line.isEmpty, used + 1 + size > available {
        lines.append(line)
        line = []
        used = 0
      }
      let room = width - (lines.isEmpty ? first : rest)
      if line.isEmpty, size > room {
        // A word wider than a line is cut into lines; its last part starts the next line.
        var parts = cut(word, first: Swift.max(1, room), rest: Swift.max(1, width - rest))
        let last = parts.popLast() ?? []
        lines += parts.map { [$0] }
        line = last.isEmpty ? [] : [last]
        used = length(last)
        continue
      }
      used += (line.isEmpty ? 0 : 1) + size
      line.append(word)
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// A word cut into parts of `first` characters, then `rest` each (the last may be shorter),
  /// walking its characters once.
  static func cut(_ word: Word, first: Int, rest: Int) -> [Word] {
    var parts: [Word] = []
    var part: Word = []
    var room = first
    for piece in word {
      var characters = Substring(piece.text)
      while !characters.isEmpty {
        if room == 0 {
          parts.append(part)
          part = []
          room = rest
        }
        let taken = characters.prefix(room)
        part.append(Piece(text: String(taken), style: piece.style))
        room -= taken.count
        characters = characters.dropFirst(taken.count)
      }
    }
    if !part.isEmpty { parts.append(part) }
    return parts
  }

  /// A line's words with spaces between them; runs of one style (a space between two bold
  /// words is bold too) between one pair of colour sequences.
  static func render(_ line: [Word], styled: Bool) -> String {
    var pieces: [Piece] = []
    func append(_ piece: Piece) {
      if let last = pieces.last, last.style == piece.style {
        pieces[pieces.count - 1].text += piece.text
      } else {
        pieces.append(piece)
      }
    }
    for (index, word) in line.enumerated() {
      if index > 0 {
        let before = pieces.last?.style ?? Style()
        append(Piece(text: " ", style: before == word.first?.style ? before : Style()))
      }
      word.forEach(append)
    }
    return pieces.map { piece in
      guard styled, piece.style != Style() else { return piece.text }
      let codes = (piece.style.bold ? ["1"] : []) + (piece.style.code ? ["36"] : [])
      return "\u{1B}[" + codes.joined(separator: ";") + "m" + piece.text + "\u{1B}[0m"
    }.joined()
  }
}

extension StringProtocol {
  /// Without spaces at either end.
  fileprivate var trimmingSpaces: String {
    let characters = Array(self)
    guard let start = characters.firstIndex(where: { $0 != " " }),
      let end = characters.lastIndex(where: { $0 != " " })
    else { return "" }
    return String(characters[start...end])
  }
}
