/// Whether REPL input is unfinished, so the REPL should read a continuation line.
extension Parser {
  /// True when `text` ends inside a string, brace, bracket or parenthesis, or when parsing
  /// fails only because the input ends (`let x =`, `train net on`).
  ///
  /// As in Lua's REPL, an error anywhere before the end means the input is complete and wrong:
  /// reading more lines could not fix it.
  public static func isIncomplete(_ text: String) -> Bool {
    let source = SourceFile(name: "<input>", text: text)
    let (tokens, lexical) = Lexer.tokenize(source)
    if lexical.contains(where: { $0.message == .unterminatedString }) { return true }
    var open = 0
    for token in tokens {
      switch token.kind {
      case .leftParen, .leftBracket, .leftBrace: open += 1
      case .rightParen, .rightBracket, .rightBrace: open -= 1
      default: break
      }
    }
    if open > 0 { return true }
    let (_, diagnostics) = parse(source)
    var end = source.bytes.count
    while end > 0, [9, 10, 13, 32].contains(source.bytes[end - 1]) { end -= 1 }
    return diagnostics.contains { $0.range.start >= end }
  }
}
