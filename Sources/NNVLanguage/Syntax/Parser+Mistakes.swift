/// What to say when words are left after a complete statement.
///
/// Usually something was meant that nnv writes differently: a misspelt command (`evalute net on
/// data`), a word from another language (`var x = 1`, `def f(x)`), or a command used as a value
/// (`let r = evaluate net on data`). These get a message that names the fix; anything else gets
/// "Unexpected ... after the statement".
extension Parser {
  /// The error for the tokens after `statement`, recorded; thrown by the caller.
  mutating func unexpected(after statement: Statement) -> Failure {
    if let command = trailingCommand(of: statement),
      let builtin = BuiltinRegistry.builtin(named: command.text)
    {
      let before = source.text(
        in: SourceRange(start: statement.range.start, end: command.range.start))
      report(
        .commandAsValue(command.text, call: before + callForm(of: builtin)), at: command.range)
      return Failure()
    }
    if case .expression(let expression) = statement.kind, case .name(let word) = expression.kind,
      !knownNames.contains(word), let message = Diagnostic.Message.firstWord(word, next: peek)
    {
      report(message, at: expression.range)
      // `var rate = 0.1`, `def twice(x)`: the name counts as defined, so its uses are not
      // reported as unknown too.
      if Parser.declaringWords.contains(word), peek.kind == .identifier {
        declaredNames.append(Name(text: peek.text, range: peek.range))
      }
      return Failure()
    }
    return error(.unexpectedAfterStatement(peek), at: peek)
  }

  /// Words other languages declare names with.
  static let declaringWords: Set<String> = [
    "var", "const", "val", "dim", "auto", "def", "function", "func", "fun",
  ]

  /// The command a statement ends with as a bare name (`evaluate` in `let r = evaluate`).
  func trailingCommand(of statement: Statement) -> Name? {
    let last: Expression?
    switch statement.kind {
    case .letBinding(_, let value), .assignment(_, let value): last = value
    case .print(let values, _): last = values.last
    case .returnValue(let value): last = value
    default: last = nil
    }
    guard let last, case .name(let word) = last.kind,
      BuiltinRegistry.builtin(named: word)?.kind == .command
    else { return nil }
    return Name(text: word, range: last.range)
  }

  /// The call form of the command whose words follow: `net on data` → `evaluate(net, on: data)`.
  func callForm(of builtin: Builtin) -> String {
    var subject: SourceRange?
    var clauses: [(word: String, value: SourceRange?)] = []
    var depth = 0
    var index = current
    scan: while index < tokens.count {
      let token = tokens[index]
      index += 1
      switch token.kind {
      case .newline, .semicolon, .endOfFile: if depth == 0 { break scan }
      case .rightBrace where depth == 0: break scan
      case .leftParen, .leftBracket, .leftBrace: depth += 1
      case .rightParen, .rightBracket, .rightBrace: depth -= 1
      default: break
      }
      if depth == 0, token.kind == .identifier || token.kind == .keyword(.from),
        builtin.clauseWords.contains(token.text)
      {
        clauses.append((token.text, nil))
      } else if clauses.isEmpty {
        subject = subject.map { $0.through(token.range) } ?? token.range
      } else {
        let last = clauses.count - 1
        clauses[last].value = clauses[last].value.map { $0.through(token.range) } ?? token.range
      }
    }
    var arguments = subject.map { [source.text(in: $0)] } ?? []
    for clause in clauses {
      arguments.append("\(clause.word): " + (clause.value.map { source.text(in: $0) } ?? "..."))
    }
    return "\(builtin.name)(" + arguments.joined(separator: ", ") + ")"
  }
}

extension Diagnostic.Message {
  static func colonCommandInScript(_ command: String) -> Self {
    Self(
      "`\(command)` is a command of the REPL, not of scripts.",
      hint: command == ":help"
        ? "in a script, write `help NAME` without the colon"
        : "type it at the nnv prompt (run `nnv` with no file)")
  }
  static func commandAsValue(_ command: String, call: String) -> Self {
    Self(
      "`\(command)` used as a value takes its arguments in parentheses.",
      hint: "write `\(call)`: the call returns the result")
  }

  /// A message for a statement that starts with `word` followed by `next`, when `word` was
  /// likely meant as something nnv writes differently.
  static func firstWord(_ word: String, next: Token) -> Self? {
    switch word {
    case "var", "const", "val", "dim", "auto":
      return Self(
        "`\(word)` is not a keyword in nnv.", hint: "define names with `let`, as in `let x = 1`")
    case "def", "function", "func", "fun":
      return Self(
        "`\(word)` is not a keyword in nnv.",
        hint: "define functions with `fn`, as in `fn double(x) { return x * 2 }`")
    case "import", "include", "require":
      return nil
    default:
      break
    }
    if let builtin = BuiltinRegistry.builtin(named: word), builtin.kind == .function {
      return Self(
        "`\(word)` is a function: its arguments go in parentheses.",
        hint: "write `\(builtin.usage)`")
    }
    let commands = BuiltinRegistry.all.filter { $0.kind == .command }.map(\.name)
    let statements = ["let", "model", "if", "for", "while", "fn", "return", "print"]
    guard let meant = Suggestion.closest(to: word, among: commands + statements) else {
      return nil
    }
    if let builtin = BuiltinRegistry.builtin(named: meant) {
      return Self(
        "Unknown command '\(word)'.", hint: "did you mean `\(meant)`? usage: \(builtin.usage)")
    }
    return Self("Unknown statement '\(word)'.", hint: "did you mean `\(meant)`?")
  }
}
