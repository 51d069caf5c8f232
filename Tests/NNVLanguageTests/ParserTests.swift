import NNVLanguage
import Testing

@Suite struct ParserTests {
  func parse(_ text: String) -> (Program, [Diagnostic]) {
    Parser.parse(SourceFile(name: "t", text: text))
  }

  @Test func precedenceFollowsTheTable() {
    let (program, problems) = parse("1 + 2 * 3 ^ 2 ^ 2")
    #expect(problems.isEmpty)
    guard case .expression(let e) = program.statements.first?.kind,
      case .binary(.add, _, let right) = e.kind,
      case .binary(.multiply, _, let power) = right.kind,
      case .binary(.power, _, let exponent) = power.kind,
      case .binary(.power, _, _) = exponent.kind
    else {
      Issue.record("unexpected tree")
      return
    }
  }

  @Test func notBindsLooserThanComparison() {
    let (program, _) = parse("not 1 == 2 and true")
    guard case .expression(let e) = program.statements.first?.kind,
      case .binary(.and, let left, _) = e.kind, case .unary(.not, let inner) = left.kind,
      case .binary(.equal, _, _) = inner.kind
    else {
      Issue.record("unexpected tree")
      return
    }
  }

  @Test func commandStatementBecomesArguments() {
    let (program, problems) = parse("train net on parts.train epochs 300 lr lr")
    #expect(problems.isEmpty)
    guard case .command(let command) = program.statements.first?.kind else {
      Issue.record("not a command")
      return
    }
    #expect(command.name.text == "train")
    #expect(command.arguments.map { $0.label?.text } == [nil, "on", "epochs", "lr"])
  }

  @Test func callFormOfACommandIsAnExpression() {
    let (program, problems) = parse("let r = evaluate(net, on: data)")
    #expect(problems.isEmpty)
    guard case .letBinding(_, let value) = program.statements.first?.kind,
      case .call(_, let arguments) = value.kind
    else {
      Issue.record("not a call")
      return
    }
    #expect(arguments.count == 2)
  }

  @Test func modelBlockOnOneLine() {
    let (program, problems) = parse(
      "model m { input 4; dense 10 relu; dense 1 activation: sigmoid }")
    #expect(problems.isEmpty)
    guard case .model(let model) = program.statements.first?.kind else {
      Issue.record("not a model")
      return
    }
    #expect(model.layers.map(\.kind.text) == ["input", "dense", "dense"])
    #expect(model.layers[2].arguments.last?.label?.text == "activation")
  }

  @Test func elseMayStartTheNextLine() {
    let (_, problems) = parse("if true {\n print 1\n}\nelse {\n print 2\n}")
    #expect(problems.isEmpty)
  }

  @Test func recoversAndReportsEveryError() {
    let (program, problems) = parse("let = 1\nprint 2\nlet y 3\nprint 4 +\nprint 5")
    #expect(problems.count == 3)
    #expect(program.statements.count == 3)
    // `let y 3` did not parse; it is kept for the name it declares.
    guard case .unparsed(let names) = program.statements[1].kind else {
      Issue.record("no placeholder for `let y`")
      return
    }
    #expect(names.map(\.text) == ["y"])
  }

  @Test func deepNestingIsCappedWithADiagnostic() {
    let deep = String(repeating: "(", count: 100_000) + "1"
    let (_, problems) = parse(deep)
    #expect(problems.contains { $0.text.contains("Too deeply nested") })
    let blocks = String(repeating: "if true {\n", count: 2_000)
    #expect(parse(blocks).1.contains { $0.text.contains("Too deeply nested") })
    let chain = (0..<50_000).map(String.init).joined(separator: " + ")
    #expect(parse(chain).1.contains { $0.text.contains("Too deeply nested") })
  }

  @Test func incompleteInput() {
    for text in ["model m {", "print (1 +", "let x = [1,", "print \"abc", "let x =", "if x {\n"] {
      #expect(Parser.isIncomplete(text), "\(text)")
    }
    let wrong = ["print (1 +) (", "let x = (1]", "print [1, 2)", "foo(1 2 (", "let = ["]
    for text in ["print 1", "let x = )", "model m { input 2 }", "}", ""] + wrong {
      #expect(!Parser.isIncomplete(text), "\(text)")
    }
  }
}
