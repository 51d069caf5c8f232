/// Statements: bindings, control flow, functions, printing and expression statements.
extension Parser {
  // statement -> ( letStatement | modelStatement | ifStatement | forStatement | whileStatement
  //              | functionStatement | returnStatement | printStatement | commandStatement
  //              | expressionStatement ) terminator
  mutating func statement() throws -> Statement {
    if check(.colon), peek(ahead: 1).kind == .identifier {
      let command = peek(ahead: 1)
      report(
        .colonCommandInScript(":" + command.text),
        at: peek.range.through(command.range))
      throw Failure()
    }
    let statement: Statement
    switch peek.kind {
    case .keyword(.let): statement = try letStatement()
    case .keyword(.model): statement = try modelStatement()
    case .keyword(.if): statement = try ifStatement()
    case .keyword(.for): statement = try forStatement()
    case .keyword(.while): statement = try whileStatement()
    case .keyword(.fn): statement = try functionStatement()
    case .keyword(.return): statement = try returnStatement()
    case .keyword(.print): statement = try printStatement()
    case .identifier where isCommandStart: statement = try commandStatement()
    default: statement = try expressionStatement()
    }
    if !atStatementEnd { throw unexpected(after: statement) }
    try terminator()
    return statement
  }

  // terminator -> NEWLINE | ";" | (* before *) "}" | EOF
  mutating func terminator() throws {
    if match(.newline) || match(.semicolon) { return }
    if check(.rightBrace) || isAtEnd { return }
    throw error(.unexpectedAfterStatement(peek), at: peek)
  }

  // block -> "{" { NEWLINE | ";" | statement } "}"
  mutating func block(after construct: String) throws -> [Statement] {
    let open = try consume(.leftBrace, .expectBrace(after: construct, found: peek))
    try enter()
    defer { depth -= 1 }
    var statements: [Statement] = []
    while !check(.rightBrace) {
      if isAtEnd {
        throw error(.unclosedBlock(line: source.line(of: open.range.start)), at: peek)
      }
      if match(.newline) || match(.semicolon) { continue }
      if let statement = recoveringStatement() { statements.append(statement) }
    }
    advance()
    return statements
  }

  /// A name after a keyword such as `let` or `for`, with a clear message for keywords.
  mutating func name(after construct: String) throws -> Name {
    if case .keyword(let keyword) = peek.kind {
      throw error(.keywordAsName(keyword.rawValue), at: peek)
    }
    let token = try consume(.identifier, .expectName(after: construct, found: peek))
    return Name(text: token.text, range: token.range)
  }

  // letStatement -> "let" IDENT "=" expression
  mutating func letStatement() throws -> Statement {
    let start = advance()
    let name = try name(after: "'let'")
    declaredNames.append(name)
    knownNames.insert(name.text)
    try consume(.equal, .expectEqual(after: name.text))
    let value = try expression()
    return Statement(kind: .letBinding(name, value), range: start.range.through(value.range))
  }

  // ifStatement -> "if" expression block [ NEWLINE ] [ "else" ( ifStatement | block ) ]
  mutating func ifStatement() throws -> Statement {
    let start = advance()
    let condition = try expression()
    if check(.equal) { throw error(.assignmentInCondition, at: peek) }
    let body = try block(after: "the condition of `if`")
    var otherwise: [Statement]?
    if check(.newline), peek(ahead: 1).kind == .keyword(.else) { advance() }
    if match(.keyword(.else)) {
      if check(.keyword(.if)) {
        try enter()
        defer { depth -= 1 }
        otherwise = [try ifStatement()]
      } else {
        otherwise = try block(after: "'else'")
      }
    }
    return Statement(
      kind: .ifElse(condition, body, otherwise), range: start.range.through(previous.range))
  }

  // forStatement -> "for" IDENT "in" expression block
  mutating func forStatement() throws -> Statement {
    let start = advance()
    let variable = try name(after: "'for'")
    try consume(.keyword(.in), .expectIn(found: peek))
    let sequence = try expression()
    let body = try block(after: "the sequence of `for`")
    return Statement(
      kind: .forLoop(variable, sequence, body), range: start.range.through(previous.range))
  }

  // whileStatement -> "while" expression block
  mutating func whileStatement() throws -> Statement {
    let start = advance()
    let condition = try expression()
    if check(.equal) { throw error(.assignmentInCondition, at: peek) }
    let body = try block(after: "the condition of `while`")
    return Statement(kind: .whileLoop(condition, body), range: start.range.through(previous.range))
  }

  // functionStatement -> "fn" IDENT "(" [ IDENT { "," IDENT } ] ")" block
  mutating func functionStatement() throws -> Statement {
    let start = advance()
    let name = try name(after: "'fn'")
    declaredNames.append(name)
    knownNames.insert(name.text)
    try consume(.leftParen, .expectParameters(of: name.text))
    var parameters: [Name] = []
    if !check(.rightParen) {
      repeat {
        let parameter = try self.name(after: "'(' or ','")
        if parameters.contains(where: { $0.text == parameter.text }) {
          report(.duplicateParameter(parameter.text), at: parameter.range)
        }
        parameters.append(parameter)
      } while match(.comma)
    }
    try consume(.rightParen, .expectParenAfterParameters(found: peek))
    let body = try block(after: "the parameters of `\(name.text)`")
    let declaration = FunctionDeclaration(name: name, parameters: parameters, body: body)
    return Statement(kind: .function(declaration), range: start.range.through(previous.range))
  }

  // returnStatement -> "return" [ expression ]
  mutating func returnStatement() throws -> Statement {
    let start = advance()
    guard !atStatementEnd else { return Statement(kind: .returnValue(nil), range: start.range) }
    let value = try expression()
    return Statement(kind: .returnValue(value), range: start.range.through(value.range))
  }

  // printStatement -> "print" [ FULL_WORD ] [ expression { "," expression } ]
  mutating func printStatement() throws -> Statement {
    let start = advance()
    let full = atFullWord
    if full { advance() }
    var values: [Expression] = []
    if !atStatementEnd {
      repeat { values.append(try expression()) } while match(.comma)
    }
    return Statement(kind: .print(values, full: full), range: start.range.through(previous.range))
  }

  /// Whether the current token is `full` of `print full X`: the word `full` followed by a
  /// name, number or string, or by `(` or `[` after a space. Otherwise `full` is a name, as
  /// in `print full`, `print full + 1`, `print full[0]` or `print full(x)`.
  var atFullWord: Bool {
    guard peek.kind == .identifier, peek.text == "full" else { return false }
    let next = peek(ahead: 1)
    switch next.kind {
    case .identifier, .number, .string: return true
    case .leftParen, .leftBracket: return next.range.start > peek.range.end
    default: return false
    }
  }

  // expressionStatement -> expression [ "=" expression ]
  mutating func expressionStatement() throws -> Statement {
    let target = try expression()
    guard check(.equal) else {
      return Statement(kind: .expression(target), range: target.range)
    }
    advance()
    guard case .name(let name) = target.kind else {
      report(.invalidAssignmentTarget, at: target.range)
      throw Failure()
    }
    let value = try expression()
    return Statement(
      kind: .assignment(Name(text: name, range: target.range), value),
      range: target.range.through(value.range))
  }
}

extension Diagnostic.Message {
  static func unexpectedAfterStatement(_ token: Token) -> Self {
    Self(
      "Unexpected \(token.quoted) after the statement.",
      hint: "put each statement on its own line, or separate them with ';'")
  }
  static func expectBrace(after construct: String, found token: Token) -> Self {
    Self("Expect '{' after \(construct), found \(token.quoted).")
  }
  static func unclosedBlock(line: Int) -> Self {
    Self("Expect '}' to close the block opened on line \(line).", hint: "add '}'")
  }
  static func keywordAsName(_ keyword: String) -> Self {
    Self("'\(keyword)' is a keyword and cannot be used as a name.", hint: "choose another name")
  }
  static func expectName(after construct: String, found token: Token) -> Self {
    Self("Expect a name after \(construct), found \(token.quoted).")
  }
  static func expectEqual(after name: String) -> Self {
    Self("Expect '=' after `let \(name)`.", hint: "write `let \(name) = value`")
  }
  static let assignmentInCondition = Self(
    "Unexpected '=' in a condition.", hint: "use '==' to compare")
  static func expectIn(found token: Token) -> Self {
    Self(
      "Expect 'in' after the loop variable, found \(token.quoted).",
      hint: "write `for x in [1, 2, 3] { ... }`")
  }
  static func expectParameters(of name: String) -> Self {
    Self("Expect '(' after the function name `\(name)`.", hint: "write `fn \(name)(x) { ... }`")
  }
  static func expectParenAfterParameters(found token: Token) -> Self {
    Self("Expect ')' after the parameters, found \(token.quoted).")
  }
  static func duplicateParameter(_ name: String) -> Self {
    Self("Parameter `\(name)` is listed twice.")
  }
  static let invalidAssignmentTarget = Self(
    "Cannot assign to this expression.", hint: "only names can be assigned, as in `x = 1`")
}
