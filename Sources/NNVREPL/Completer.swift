import NNVLanguage

/// Tab completion for nnv, as a pure function of the line, the session's names and the builtin
/// declarations: no terminal, no libedit, so it is tested as a table (`CompletionTests`).
///
/// What it offers depends on where the cursor is:
/// - at the start of a statement: keywords, commands, functions and the session's names;
/// - after a command's clause word: that clause's values (`optimizer ` → optimizers, `loss ` →
///   losses, `on ` → data sets); elsewhere in a command, the clause words not used yet;
/// - in a model block: layer kinds and activations, and activations after `dense 8 `;
/// - inside a string, or after `:load`/`:save`: file paths;
/// - after `:`: meta-commands, and their arguments (`:help NAME`, `:set OPTION VALUE`).
public struct Completer: Sendable {
  public var environment: CompletionEnvironment

  public init(environment: CompletionEnvironment) {
    self.environment = environment
  }

  public func complete(_ request: CompletionRequest) -> CompletionResult {
    let scalars = Array(request.line.unicodeScalars)
    let cursor = min(max(request.cursor, 0), scalars.count)
    let before = Array(scalars[..<cursor])
    let firstNonBlank = before.firstIndex { $0 != " " && $0 != "\t" }
    if request.preceding.isEmpty, let start = firstNonBlank, before[start] == ":" {
      return completeMeta(before, from: start)
    }
    if let quote = openQuote(in: before) {
      let closed = cursor < scalars.count && scalars[cursor] == "\""
      return completePath(
        Array(before[(quote + 1)...]), base: quote + 1, suffix: closed ? "" : "\"")
    }
    // The word being completed: the identifier characters right before the cursor.
    var from = cursor
    while from > 0, Self.isIdentifierScalar(before[from - 1]) { from -= 1 }
    let word = String(String.UnicodeScalarView(before[from...]))
    if let first = word.unicodeScalars.first, ("0"..."9").contains(first) {
      return CompletionResult(replacingFrom: from, candidates: [])
    }
    if from > 0, before[from - 1] == "." {
      return completeMember(Array(before[..<(from - 1)]), word: word, from: from)
    }
    let head = request.preceding.isEmpty ? "" : request.preceding + "\n"
    let text = head + String(String.UnicodeScalarView(before[..<from]))
    let candidates = wordCandidates(context: Self.context(of: text))
    return CompletionResult(replacingFrom: from, candidates: Self.filter(candidates, word))
  }

  // MARK: - Words in code

  /// Where the cursor sits, from the tokens before the word.
  struct Context {
    /// The current statement's tokens before the word.
    var statement: [Token]
    /// Whether the statement is a layer line in a model block.
    var inModelBlock: Bool
    /// The builtin whose call's parentheses the cursor is in, when right after `(` or `,`.
    var callee: Builtin?
  }

  static func context(of text: String) -> Context {
    let tokens = Lexer.tokenize(SourceFile(name: "<completion>", text: text)).tokens
      .filter { $0.kind != .endOfFile && !($0.kind == .newline && $0.text.isEmpty) }
    var statement: [Token] = []
    var blocks: [Bool] = []  // for each open brace: is it a model block?
    var parens: [Builtin?] = []
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .newline, .semicolon:
        statement = []
        continue
      case .leftBrace:
        blocks.append(statement.first?.kind == .keyword(.model))
        statement = []
        continue
      case .rightBrace:
        _ = blocks.popLast()
        statement = []
        continue
      case .leftParen:
        let previous = index > 0 ? tokens[index - 1] : nil
        parens.append(
          previous?.kind == .identifier
            ? previous.flatMap { BuiltinRegistry.builtin(named: $0.text) }
            : nil)
      case .rightParen:
        _ = parens.popLast()
      default: break
      }
      statement.append(token)
    }
    var callee: Builtin?
    if let last = statement.last?.kind, last == .leftParen || last == .comma,
      let innermost = parens.last
    {
      callee = innermost
    }
    return Context(statement: statement, inModelBlock: blocks.last == true, callee: callee)
  }

  func wordCandidates(context: Context) -> [String] {
    let statement = context.statement
    if context.inModelBlock { return layerCandidates(statement) }
    guard let first = statement.first else { return statementStarts }
    if case .keyword(let keyword) = first.kind {
      switch keyword {
      case .let:
        return statement.contains { $0.kind == .equal } ? expressionWords(context) : []
      case .model:
        if statement.count == 2 { return ["from"] }
        if statement.count == 3, statement[2].kind == .keyword(.from) {
          return environment.names(of: .model)
        }
        return []
      case .fn: return []
      case .for:
        if statement.count == 2 { return ["in"] }
        return statement.count > 2 ? expressionWords(context) : []
      default: return expressionWords(context)
      }
    }
    if first.kind == .identifier, let builtin = BuiltinRegistry.builtin(named: first.text),
      builtin.kind == .command,
      statement.count < 2
        || (statement[1].kind != .leftParen && statement[1].kind != .equal)
    {
      return commandCandidates(builtin, arguments: Array(statement.dropFirst()), context)
    }
    return expressionWords(context)
  }

  /// Keywords, commands, functions and names: what may start a statement.
  var statementStarts: [String] {
    Keyword.allCases.map(\.rawValue)
      + BuiltinRegistry.all.filter { $0.kind != .layer }.map(\.name) + Array(environment.names.keys)
  }

  /// Names, functions and the keywords that may appear inside an expression.
  func expressionWords(_ context: Context) -> [String] {
    var words = ["true", "false", "none", "not", "and", "or"]
    words += BuiltinRegistry.all.filter { $0.kind != .layer && !$0.isForEffect }.map(\.name)
    words += environment.names.keys
    if let callee = context.callee {
      words += callee.parameters.filter { !$0.isPositional }.map { $0.name + ":" }
    }
    return words
  }

  func commandCandidates(_ builtin: Builtin, arguments: [Token], _ context: Context) -> [String] {
    guard let last = arguments.last else {
      if let subject = builtin.subject {
        // `help tr`: the names help knows.
        if subject.takesBareWord { return BuiltinRegistry.helpTopics() }
        return values(for: subject.type)
      }
      return builtin.clauseWords
    }
    let clauses = Set(builtin.clauseWords)
    // A flag takes no value: after it come the other clauses.
    if last.kind == .identifier, clauses.contains(last.text),
      let parameter = builtin.parameter(named: last.text), !parameter.isFlag
    {
      return values(for: parameter.type)
    }
    switch last.kind {
    case .identifier, .number, .string, .rightParen, .rightBracket,
      .keyword(.true), .keyword(.false), .keyword(.none):
      let used = Set(arguments.filter { $0.kind == .identifier }.map(\.text))
      return builtin.clauseWords.filter { !used.contains($0) }
    default:
      return expressionWords(context)
    }
  }

  /// What may be written where a parameter of `type` goes.
  func values(for type: ParameterType) -> [String] {
    switch type {
    case .choice(let words): return words
    case .dataset: return environment.names(of: .dataset)
    case .model: return environment.names(of: .model)
    case .boolean: return ["true", "false"]
    case .number, .integer: return environment.names(of: .number)
    case .string: return []
    case .list, .shape, .any: return Array(environment.names.keys)
    }
  }

  /// A layer line: its kind first, then the words of a positional choice that follows the
  /// numbers written so far (the activation of `dense N`).
  func layerCandidates(_ statement: [Token]) -> [String] {
    guard let first = statement.first else {
      return BuiltinRegistry.all.filter { $0.kind == .layer }.map(\.name)
        + BuiltinRegistry.activationNames
    }
    guard let builtin = BuiltinRegistry.builtin(named: first.text), builtin.kind == .layer,
      statement.count > 1, statement.dropFirst().allSatisfy({ $0.kind == .number })
    else { return [] }
    let positional = builtin.parameters.filter(\.isPositional)
    guard statement.count - 1 < positional.count,
      case .choice(let words) = positional[statement.count - 1].type
    else { return [] }
    return words
  }

  /// `parts.tr` → the fields of the record `parts`.
  func completeMember(_ before: [Unicode.Scalar], word: String, from: Int) -> CompletionResult {
    var start = before.count
    while start > 0, Self.isIdentifierScalar(before[start - 1]) { start -= 1 }
    let name = String(String.UnicodeScalarView(before[start...]))
    guard case .record(let fields) = environment.names[name] else {
      return CompletionResult(replacingFrom: from, candidates: [])
    }
    return CompletionResult(replacingFrom: from, candidates: Self.filter(fields, word))
  }

  // MARK: - Meta-commands

  func completeMeta(_ before: [Unicode.Scalar], from start: Int) -> CompletionResult {
    let text = String(String.UnicodeScalarView(before[start...]))
    let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let endsWithSpace = before.last == " "
    guard let command = parts.first, parts.count > 1 || endsWithSpace else {
      return CompletionResult(
        replacingFrom: start, candidates: Self.filter(environment.metaCommands, text))
    }
    // The argument being typed and its index among the arguments.
    let word = endsWithSpace ? "" : parts.last ?? ""
    let index = parts.count - 1 - (endsWithSpace ? 0 : 1)
    let from = before.count - word.unicodeScalars.count
    switch (command, index) {
    case (":help", 0):
      let names =
        BuiltinRegistry.all.map(\.name) + BuiltinRegistry.activationNames
        + environment.metaCommands
      return CompletionResult(replacingFrom: from, candidates: Self.filter(names, word))
    case (":load", 0), (":save", 0):
      if word.hasPrefix("\"") {
        return completePath(Array(word.unicodeScalars.dropFirst()), base: from + 1, suffix: "\"")
      }
      return completePath(Array(word.unicodeScalars), base: from, suffix: "")
    case (":set", 0):
      return CompletionResult(
        replacingFrom: from, candidates: Self.filter(MetaCommand.settingNames, word))
    case (":set", 1) where ["color", "live", "timing"].contains(parts[1]):
      return CompletionResult(replacingFrom: from, candidates: Self.filter(["on", "off"], word))
    default:
      return CompletionResult(replacingFrom: from, candidates: [])
    }
  }

  // MARK: - Paths

  /// Completes the last component of `path`, which starts at scalar offset `base`.
  func completePath(_ path: [Unicode.Scalar], base: Int, suffix: String) -> CompletionResult {
    let slash = path.lastIndex(of: "/")
    let directoryPart = slash.map { String(String.UnicodeScalarView(path[...$0])) } ?? ""
    let partial = String(String.UnicodeScalarView(path[(slash.map { $0 + 1 } ?? 0)...]))
    let from = base + (slash.map { $0 + 1 } ?? 0)
    let entries = environment.listDirectory(directoryPart.isEmpty ? "." : directoryPart) ?? []
    let matching = entries.filter {
      $0.name.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.name.hasPrefix("."))
    }
    let candidates = matching.map { $0.isDirectory ? $0.name + "/" : $0.name }
    let sole = matching.count == 1 ? matching[0] : nil
    return CompletionResult(
      replacingFrom: from, candidates: Array(Set(candidates)).sorted(),
      suffix: sole?.isDirectory == true ? "" : suffix)
  }

  // MARK: - Helpers

  /// The offset of the quote that opens an unfinished string before the cursor, if any.
  func openQuote(in before: [Unicode.Scalar]) -> Int? {
    var open: Int?
    var escaped = false
    for (index, scalar) in before.enumerated() {
      if let _ = open {
        if escaped {
          escaped = false
        } else if scalar == "\\" {
          escaped = true
        } else if scalar == "\"" {
          open = nil
        }
      } else if scalar == "\"" {
        open = index
      } else if scalar == "#" {
        return nil  // a comment runs to the end of the line
      }
    }
    return open
  }

  static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII only, as in the lexer.
    scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
      || ("0"..."9").contains(scalar)
  }

  /// The candidates starting with `word`, sorted, without repeats.
  static func filter(_ candidates: [String], _ word: String) -> [String] {
    Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
  }
}
