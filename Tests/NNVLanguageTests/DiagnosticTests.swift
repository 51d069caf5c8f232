import NNVLanguage
import Testing

/// Where and what each diagnostic says, with positions marked in the source (`1️⃣`).
@Suite struct DiagnosticTests {
  /// Parses and checks marked text; returns the diagnostics.
  func diagnose(_ marked: MarkedSource) -> [Diagnostic] {
    Interpreter(output: CollectingOutput()).check(marked.source)
  }

  func expect(
    _ text: String, _ expectations: [(marker: String, message: String)],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let marked = MarkedSource(text)
    let diagnostics = diagnose(marked)
    #expect(
      diagnostics.count == expectations.count,
      "got \(diagnostics.map { "\($0.range.start): \($0.text)" })", sourceLocation: sourceLocation)
    for (diagnostic, expected) in zip(diagnostics, expectations) {
      #expect(
        diagnostic.range.start == marked.offset(expected.marker), sourceLocation: sourceLocation)
      #expect(
        diagnostic.text.contains(expected.message), "\(diagnostic.text)",
        sourceLocation: sourceLocation)
    }
  }

  @Test func missingClosingParenthesis() {
    expect("print (1 + 21️⃣\nprint 3", [("1️⃣", "Expect ')' after the expression")])
  }

  @Test func unknownOptionSuggestsTheClosest() {
    expect(
      "let d = xor()\nmodel m { input 2; dense 1 }\ntrain m on d 1️⃣epoch 5",
      [("1️⃣", "Unknown option 'epoch' for `train`.")])
    let marked = MarkedSource("let d = xor()\nmodel m { input 2; dense 1 }\ntrain m on d epoch 5")
    #expect(diagnose(marked).first?.hint == "did you mean `epochs`?")
  }

  @Test func unknownNameSuggestsANameInScope() {
    let marked = MarkedSource("let learning = 1\nprint 1️⃣lerning")
    let diagnostics = diagnose(marked)
    #expect(diagnostics.first?.range.start == marked.offset("1️⃣"))
    #expect(diagnostics.first?.hint == "did you mean `learning`?")
  }

  /// Syntax errors do not stop the check: the statements that parsed are checked too, and a
  /// name whose `let` failed counts as defined.
  @Test func severalErrorsInOneFile() {
    expect(
      "let 1️⃣= 3\nlet x = 2️⃣)\nmodel m { input 2; 3️⃣dens 4 }\nprint x, 4️⃣y",
      [
        ("1️⃣", "Expect a name after 'let'"), ("2️⃣", "Expect an expression"),
        ("3️⃣", "Unknown layer kind 'dens'"), ("4️⃣", "Unknown name 'y'"),
      ])
  }

  @Test func checkerErrorsAfterACleanParse() {
    expect(
      "model m { input [1, 8, 8]; 1️⃣dense 4 }\n2️⃣return 1\ntrain m on 3️⃣dat optimizer 4️⃣adma",
      [
        ("1️⃣", "`dense` needs a flat input"), ("2️⃣", "`return` outside a function"),
        ("3️⃣", "Unknown name 'dat'"), ("4️⃣", "Unknown optimizer 'adma'"),
      ])
  }

  @Test func wrongLiteralTypeAndMissingClause() {
    expect(
      "let d = xor()\nmodel m { input 2; dense 1 }\ntrain m on d epochs 1️⃣\"ten\"\n2️⃣train m",
      [("1️⃣", "`epochs` of `train` must be a whole number"), ("2️⃣", "`train` needs `on DATA`")])
  }

  @Test func rendererShowsLineCaretAndHint() {
    let marked = MarkedSource("let d = xor()\nprint lenn(d)")
    guard let diagnostic = diagnose(marked).first else {
      Issue.record("no diagnostic")
      return
    }
    let text = DiagnosticRenderer(color: false).render(diagnostic)
    #expect(
      text == """
        test.nnv:2:7: error: Unknown name 'lenn'.
        print lenn(d)
              ^~~~
        hint: did you mean `len`?

        """)
    let colored = DiagnosticRenderer(color: true).render(diagnostic)
    #expect(colored.contains("\u{1B}[1;31merror:"))
  }

  @Test func caretCountsCharactersNotBytes() {
    let source = SourceFile(name: "t.nnv", text: "print \"é\" @")
    let (_, problems) = Parser.parse(source)
    let text = DiagnosticRenderer(color: false).render(problems)
    #expect(text.contains("t.nnv:1:11:"))
    #expect(text.contains("\n          ^\n"))
  }
}
