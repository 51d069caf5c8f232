/// Builds the syntax tree from tokens by recursive descent, one function per production of
/// `Grammar/nnv.ebnf`, each named after its production and opening with it as a comment.
///
/// On an error the parser records a diagnostic, throws to the enclosing statement, skips to the
/// next statement (`synchronize()`, panic mode) and goes on, so one run reports every error in
/// a file. Nesting is capped at `maximumDepth` so no input can overflow the stack.
public struct Parser {
  let source: SourceFile
  let tokens: [Token]
  var current = 0
  /// The current nesting: blocks, parentheses, operator chains. See `maximumDepth`.
  var depth = 0
  var diagnostics: [Diagnostic] = []
  /// Set after `Diagnostic.maximumCollected` problems: the rest is not parsed.
  var stopped = false
  /// The names declared so far by the statement being parsed (`x` once `let x` is read), kept
  /// when the rest of the statement fails; see `recoveringStatement`.
  var declaredNames: [Name] = []
  /// Whether the model block being parsed has been told that layers need separators.
  var reportedLayerSeparator = false
  /// Names defined so far (the session's, then each `let`, `model` and `fn`): a statement that
  /// starts with one of them is not a misspelt command.
  var knownNames: Set<String> = []

  /// How deeply blocks and expressions may nest. Deeper input is rejected with a diagnostic
  /// instead of exhausting the stack of the parser, checker or interpreter.
  public static let maximumDepth = 256

  /// Thrown to unwind to the enclosing statement after a diagnostic has been recorded.
  struct Failure: Error {}

  /// Parses `source` into a program and every lexical and syntax error found.
  ///
  /// - Parameter names: names already defined (the REPL session's), for messages.
  public static func parse(
    _ source: SourceFile, names: Set<String> = []
  ) -> (program: Program, diagnostics: [Diagnostic]) {
    let (tokens, lexical) = Lexer.tokenize(source)
    var parser = Parser(source: source, tokens: tokens)
    parser.knownNames = names
    let program = parser.program()
    let all = (lexical + parser.diagnostics).sorted { $0.range.start < $1.range.start }
    return (program, all)
  }

  init(source: SourceFile, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  // MARK: Token access

  var peek: Token { tokens[min(current, tokens.count - 1)] }

  func peek(ahead offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }

  var previous: Token { tokens[max(0, min(current - 1, tokens.count - 1))] }

  var isAtEnd: Bool { peek.kind == .endOfFile }

  func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

  @discardableResult
  mutating func advance() -> Token {
    let token = peek
    if !isAtEnd { current += 1 }
    return token
  }

  mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  /// Consumes a token of `kind` or reports `message` at the current token.
  @discardableResult
  mutating func consume(_ kind: TokenKind, _ message: Diagnostic.Message) throws -> Token {
    guard check(kind) else {
      // A missing closer is reported right after the last token when the next token is on a
      // later line: that is where it belongs, not at the start of the next statement.
      if current > 0, source.line(of: peek.range.start) > source.line(of: previous.range.end) {
        report(message, at: SourceRange(start: previous.range.end, end: previous.range.end))
        throw Failure()
      }
      throw error(message, at: peek)
    }
    return advance()
  }

  /// Whether the current token ends a statement (without consuming it).
  var atStatementEnd: Bool {
    switch peek.kind {
    case .newline, .semicolon, .rightBrace, .endOfFile: true
    default: false
    }
  }

  // MARK: Errors

  /// Records `message` at `token` and returns the error to throw.
  ///
  /// Nothing is recorded at an `.invalid` token: the lexer has already explained it.
  mutating func error(_ message: Diagnostic.Message, at token: Token) -> Failure {
    var range = token.range
    // "found end of line" points right after the line's last token, not past a comment.
    if token.kind == .newline, current > 0, previous.range.end <= token.range.start {
      range = SourceRange(start: previous.range.end, end: previous.range.end)
    }
    report(message, at: range, suppressed: token.kind == .invalid)
    return Failure()
  }

  mutating func report(
    _ message: Diagnostic.Message, at range: SourceRange, suppressed: Bool = false
  ) {
    guard !suppressed, !stopped else { return }
    diagnostics.append(Diagnostic(message, at: range, in: source))
    if diagnostics.count >= Diagnostic.maximumCollected {
      let end = SourceRange(start: range.end, end: range.end)
      diagnostics.append(Diagnostic(.tooManyErrors, at: end, in: source))
      stopped = true
    }
  }

  /// Enters one level of nesting, failing past `maximumDepth`.
  mutating func enter() throws {
    depth += 1
    if depth > Parser.maximumDepth {
      throw error(.nestedTooDeeply, at: peek)
    }
  }

  /// Skips to the start of the next statement after an error (panic mode).
  ///
  /// It stops after a newline or `;`, or before a `}` that closes the enclosing block. A block
  /// opened in the skipped text is skipped whole, so its lines do not cascade into more errors.
  mutating func synchronize() {
    var braces = 0
    while !isAtEnd {
      switch peek.kind {
      case .newline,
        .semicolon where braces == 0:
        advance()
        return
      case .rightBrace where braces == 0:
        return
      case .leftBrace:
        braces += 1
      case .rightBrace:
        braces -= 1
      default:
        break
      }
      advance()
    }
  }

  /// Runs `body`; on failure synchronizes and returns nil. Restores the nesting depth.
  mutating func recovering<T>(_ body: (inout Parser) throws -> T) -> T? {
    let savedDepth = depth
    do {
      return try body(&self)
    } catch {
      depth = savedDepth
      synchronize()
      return nil
    }
  }

  // program -> { NEWLINE | ";" | statement } EOF
  mutating func program() -> Program {
    var statements: [Statement] = []
    while !isAtEnd, !stopped {
      if match(.newline) || match(.semicolon) { continue }
      if check(.rightBrace) {
        report(.unmatchedBrace, at: advance().range)
        continue
      }
      if let statement = recoveringStatement() { statements.append(statement) }
    }
    return Program(statements: statements)
  }

  /// A statement; after an error, the names it had declared as an `.unparsed` statement (nil
  /// when there are none), so that the checker can go on without a cascade of unknown names.
  mutating func recoveringStatement() -> Statement? {
    let start = peek.range
    let outer = declaredNames
    declaredNames = []
    defer { declaredNames = outer }
    if let statement = recovering({ try $0.statement() }) { return statement }
    guard !declaredNames.isEmpty else { return nil }
    return Statement(kind: .unparsed(declaredNames), range: start)
  }
}

extension Diagnostic.Message {
  static let nestedTooDeeply = Self(
    "Too deeply nested (more than \(Parser.maximumDepth) levels).",
    hint: "split the expression or block into smaller named parts with `let` or `fn`")
  static let unmatchedBrace = Self(
    "Unexpected '}' with no open block.", hint: "remove it, or check the '{' lines above")
}
