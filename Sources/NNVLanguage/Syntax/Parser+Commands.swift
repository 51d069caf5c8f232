/// Commands in statement form: `train net on data epochs 5`.
///
/// Which words a command takes as clauses comes from its declaration in `BuiltinRegistry`, so
/// clause words are contextual: `epochs` is an ordinary name everywhere else.
extension Parser {
  /// Whether the statement starting here is a command: the name of a statement command not
  /// followed by `(` (the call form) or `=` (an assignment, which the checker rejects).
  var isCommandStart: Bool {
    guard let builtin = BuiltinRegistry.builtin(named: peek.text), builtin.kind == .command
    else { return false }
    let next = peek(ahead: 1).kind
    return next != .leftParen && next != .equal
  }

  // commandStatement -> COMMAND [ expression ] { clause }
  mutating func commandStatement() throws -> Statement {
    let nameToken = advance()
    let name = Name(text: nameToken.text, range: nameToken.range)
    guard let builtin = BuiltinRegistry.builtin(named: name.text) else { throw Failure() }
    var arguments: [Argument] = []
    let clauseWords = builtin.clauseWords
    if builtin.subject != nil, !atStatementEnd,
      !(peek.kind == .identifier && clauseWords.contains(peek.text))
    {
      arguments.append(Argument(label: nil, value: try expression()))
    }
    while !atStatementEnd {
      let argument = try clause(of: builtin)
      if let label = argument.label,
        arguments.contains(where: { $0.label?.text == label.text })
      {
        report(.duplicateOption(label.text), at: label.range)
      }
      arguments.append(argument)
    }
    let invocation = CommandInvocation(name: name, arguments: arguments)
    return Statement(kind: .command(invocation), range: nameToken.range.through(previous.range))
  }

  // clause -> CLAUSE_WORD expression | FLAG_WORD
  mutating func clause(of builtin: Builtin) throws -> Argument {
    let word = peek
    // `from` is a keyword, and a clause word of the commands that take it (`sample`).
    guard word.kind == .identifier || word.kind == .keyword(.from) else {
      throw error(.unexpectedInCommand(word, command: builtin), at: word)
    }
    guard builtin.clauseWords.contains(word.text) else {
      throw error(.unknownOption(word.text, command: builtin), at: word)
    }
    advance()
    let label = Name(text: word.text, range: word.range)
    // A flag's word alone means true.
    if builtin.parameter(named: word.text)?.isFlag == true {
      if peek.kind == .keyword(.true) || peek.kind == .keyword(.false) {
        report(.flagValue(word.text), at: advance().range)
      }
      return Argument(label: label, value: Expression(kind: .boolean(true), range: word.range))
    }
    if atStatementEnd {
      let end = SourceRange(start: word.range.end, end: word.range.end)
      report(.expectOptionValue(word.text, command: builtin), at: end)
      throw Failure()
    }
    let value = try expression()
    return Argument(label: label, value: value)
  }
}

extension Diagnostic.Message {
  static func unknownOption(_ word: String, command: Builtin) -> Self {
    Self(
      "Unknown option '\(word)' for `\(command.name)`.",
      hint: Suggestion.hint(for: word, among: command.clauseWords)
        ?? "`\(command.name)` takes: \(command.clauseWords.joined(separator: ", "))")
  }
  static func unexpectedInCommand(_ token: Token, command: Builtin) -> Self {
    let options =
      command.clauseWords.isEmpty
      ? "`\(command.name)` takes no options"
      : "options of `\(command.name)`: \(command.clauseWords.joined(separator: ", "))"
    return Self("Unexpected \(token.quoted) in the `\(command.name)` statement.", hint: options)
  }
  static func expectOptionValue(_ word: String, command: Builtin) -> Self {
    let placeholder = command.parameter(named: word)?.placeholder ?? "VALUE"
    return Self(
      "Expect a value after '\(word)'.", hint: "write `\(word) \(placeholder)`")
  }
  static func flagValue(_ word: String) -> Self {
    Self(
      "`\(word)` is a flag: it takes no value.",
      hint: "write `\(word)` alone, or `\(word): false` in a call")
  }
  static func duplicateOption(_ word: String) -> Self {
    Self("Option '\(word)' is given twice.", hint: "keep one of them")
  }
}
