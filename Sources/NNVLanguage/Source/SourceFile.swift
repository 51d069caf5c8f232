/// A named piece of nnv source text: a script file, a `-e` argument or one REPL entry.
///
/// Positions inside it are UTF-8 byte offsets (`SourceRange`); the file turns them into 1-based
/// lines and columns for people. Columns count characters, not bytes, so a caret lines up under
/// text with accents or emoji.
public struct SourceFile: Sendable, Equatable {
  /// The name shown in diagnostics (`xor.nnv`, `<repl>`, `-e`).
  public let name: String
  /// The text as written.
  public let text: String
  /// The text as UTF-8 bytes, what the lexer reads.
  public let bytes: [UInt8]
  /// The byte offset where each line starts; the first is 0.
  let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  public static func == (a: SourceFile, b: SourceFile) -> Bool {
    a.name == b.name && a.text == b.text
  }

  /// The 1-based line holding byte `offset` (offsets past the end belong to the last line).
  public func line(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// The 1-based line and character column of byte `offset`.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let line = line(of: offset)
    let start = lineStarts[line - 1]
    let end = min(max(offset, start), bytes.count)
    return (line, String(decoding: bytes[start..<end], as: UTF8.self).count + 1)
  }

  /// The text of 1-based `line`, without its line break.
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineBytes(line)], as: UTF8.self)
  }

  /// The byte offsets of 1-based `line`, without its line break.
  func lineBytes(_ line: Int) -> Range<Int> {
    guard line >= 1, line <= lineStarts.count else { return 0..<0 }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<max(start, end)
  }

  /// The source text covered by `range`.
  public func text(in range: SourceRange) -> String {
    let start = min(max(range.start, 0), bytes.count)
    let end = min(max(range.end, start), bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
