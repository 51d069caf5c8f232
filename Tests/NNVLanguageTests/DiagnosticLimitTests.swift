import NNVLanguage
import Testing

/// However bad the input, what is reported stays short and safe to show in a terminal.
@Suite struct DiagnosticLimitTests {
  func render(_ text: String) -> (diagnostics: [Diagnostic], text: String) {
    let (_, diagnostics) = Parser.parse(SourceFile(name: "junk.nnv", text: text))
    return (diagnostics, DiagnosticRenderer(color: false).render(diagnostics))
  }

  @Test func twentyDiagnosticsAreShownAndTheRestCounted() {
    let (diagnostics, text) = render(String(repeating: "let = 1\n", count: 50))
    #expect(diagnostics.count == 50)
    #expect(text.components(separatedBy: ": error: ").count - 1 == 20)
    #expect(text.hasSuffix("and 30 more errors\n"))
  }

  @Test func aFileOfStrayCharactersGivesAShortReport() {
    // 20 KB of stray characters on one line: each error once quoted, cut to ~200 columns.
    let junk = String(repeating: "@$?`~", count: 4000)
    let (diagnostics, text) = render(junk)
    // The lexer stops after its limit and says so.
    #expect(diagnostics.count == Diagnostic.maximumCollected + 1)
    #expect(diagnostics.last?.message == .tooManyErrors)
    #expect(text.utf8.count < 20 * 3 * 220 + 200)
    #expect(text.hasSuffix("and at least 980 more errors (nnv stopped reading after 1000)\n"))
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= DiagnosticRenderer.maximumLineWidth + 60 })
  }

  @Test func aLongLineIsCutAroundTheCaret() throws {
    let text =
      "let x = " + String(repeating: "1 + ", count: 100) + "nope + "
      + String(repeating: "2 + ", count: 100) + "3"
    let diagnostics = Interpreter(output: CollectingOutput()).check(
      SourceFile(name: "long.nnv", text: text))
    let diagnostic = try #require(diagnostics.first)
    let lines = DiagnosticRenderer(color: false).render(diagnostic).split(separator: "\n")
    let quoted = String(lines[1])
    let caret = String(lines[2])
    #expect(quoted.hasPrefix("…") && quoted.hasSuffix("…"))
    #expect(quoted.count <= DiagnosticRenderer.maximumLineWidth + 2)
    // The caret still sits under the name it points at.
    let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) }
    let start = try #require(column)
    #expect(String(Array(quoted)[start..<(start + 4)]) == "nope")
    #expect(caret.hasSuffix("^~~~"))
  }

  @Test func controlCharactersInTheQuotedLineAreEscapedAndTheCaretFollows() {
    // An ESC and a bell before the stray character: shown as \u{1B} and \u{07}.
    let (_, text) = render("print \"\u{1B}[2J\u{07}\" @")
    #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
    #expect(text.contains("print \"\\u{1B}[2J\\u{07}\" @\n"))
    #expect(text.contains("\n" + String(repeating: " ", count: 24) + "^\n"))
  }

  @Test func aStrayControlCharacterIsNamedEscaped() {
    let (_, text) = render("print 1\u{1B}")
    #expect(text.contains("Unexpected character '\\u{1B}'."))
  }
}
