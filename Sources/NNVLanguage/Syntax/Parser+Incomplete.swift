/// Whether REPL input is unfinished, so the REPL should read a continuation line.
extension Parser {
  /// True when `text` ends inside a string, brace, bracket or parenthesis, or when parsing
  /// fails only because the input ends (`let x =`, `train net on`).
  ///
  /// As in Lua's REPL, an error anywhere before the end means the input is complete and wrong:
  /// reading more lines could not fix it, even inside an open bracket (`print (1 +) (`); a
  /// closer that does not match its opener (`(]`) ends the entry too.
  public static func isIncomplete(_ text: String) -> Bool {
    let source = SourceFile(name: "<input>", text: text)
    let (tokens, lexical) = Lexer.tokenize(source)
    if lexical.contains(where: { $0.message == .unterminatedString }) { return true }
    guard let open = bracketsLeftOpen(tokens) else { return false }
    let (_, diagnostics) = parse(source)
    var end = source.bytes.count
    while end > 0, [9, 10, 13, 32].contains(source.bytes[end - 1]) { end -= 1 }
    if diagnostics.contains(where: { $0.range.start < end }) { return false }
    return open || !diagnostics.isEmpty
  }

  /// Whether a bracket is still open at the end; nil when a closer does not match its opener
  /// (the input can never be right).
  private static func bracketsLeftOpen(_ tokens: [Token]) -> Bool? {
    var stack: [TokenKind] = []
    for token in tokens {
      let opener: TokenKind
      switch token.kind {
      case .leftParen, .leftBracket, .leftBrace:
        stack.append(token.kind)
        continue
      case .rightParen: opener = .leftParen
      case .rightBracket: opener = .leftBracket
      case .rightBrace: opener = .leftBrace
      default: continue
      }
      guard stack.popLast() == opener else { return nil }
    }
    return !stack.isEmpty
  }
}
