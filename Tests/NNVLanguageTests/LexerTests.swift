import NNVLanguage
import Testing

@Suite struct LexerTests {
  func kinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
  }

  @Test func readsAStatement() {
    #expect(
      kinds("let x = 1.5e3 # note")
        == [.keyword(.let), .identifier, .equal, .number, .newline, .endOfFile])
  }

  @Test func decodesStringEscapes() {
    let (tokens, problems) = Lexer.tokenize(SourceFile(name: "t", text: #""a\n\"b\"\\""#))
    #expect(problems.isEmpty)
    #expect(tokens.first?.text == "a\n\"b\"\\")
  }

  @Test func ranges() {
    #expect(kinds("0..<5") == [.number, .halfOpenRange, .number, .newline, .endOfFile])
    #expect(kinds("1...5") == [.number, .closedRange, .number, .newline, .endOfFile])
    #expect(kinds("a.b") == [.identifier, .dot, .identifier, .newline, .endOfFile])
  }

  @Test func newlinesInsideParenthesesAndBracketsAreSkipped() {
    #expect(
      kinds("f(1,\n2)\n[3,\n4]") == [
        .identifier, .leftParen, .number, .comma, .number, .rightParen, .newline,
        .leftBracket, .number, .comma, .number, .rightBracket, .newline, .endOfFile,
      ])
    #expect(kinds("{\n}").contains(.newline))
  }

  @Test func blankLinesCollapse() {
    #expect(kinds("a\n\n\n\nb") == [.identifier, .newline, .identifier, .newline, .endOfFile])
  }

  @Test func strayCharactersAreReportedOnce() {
    let (tokens, problems) = Lexer.tokenize(SourceFile(name: "t", text: "let x = 1 @ 2"))
    #expect(problems.count == 1)
    #expect(problems.first?.text == "Unexpected character '@'.")
    #expect(tokens.contains { $0.kind == .invalid })
  }

  @Test func unterminatedStringPointsAtItsQuote() {
    let (_, problems) = Lexer.tokenize(SourceFile(name: "t", text: "print \"abc"))
    #expect(problems.map(\.text) == ["Unterminated string."])
    #expect(problems.first?.range.start == 6)
  }

  @Test func helpfulOperatorMistakes() {
    for (text, hint) in [
      ("2 ** 3", "'^'"), ("!x", "`not`"), ("a && b", "`and`"), ("1..5", "0..<5"),
    ] {
      let (_, problems) = Lexer.tokenize(SourceFile(name: "t", text: text))
      #expect(problems.first?.hint?.contains(hint) == true, "\(text)")
    }
  }

  @Test func keywordsAreReservedButCommandWordsAreNot() {
    #expect(kinds("while")[0] == .keyword(.while))
    #expect(kinds("epochs")[0] == .identifier)
    #expect(kinds("train")[0] == .identifier)
  }
}
