/// Model blocks: `model net { input 2; dense 8 tanh; dense 1 sigmoid }`.
extension Parser {
  // modelStatement -> "model" IDENT ( "from" IDENT [ layerBlock ] | layerBlock )
  mutating func modelStatement() throws -> Statement {
    let start = advance()
    let name = try name(after: "'model'")
    declaredNames.append(name)
    knownNames.insert(name.text)
    var base: Name?
    if match(.keyword(.from)) {
      base = try self.name(after: "'from'")
      if atStatementEnd {
        let declaration = ModelDeclaration(name: name, base: base, layers: [])
        return Statement(kind: .model(declaration), range: start.range.through(previous.range))
      }
    }
    let layers = try layerBlock(for: name)
    let declaration = ModelDeclaration(name: name, base: base, layers: layers)
    return Statement(kind: .model(declaration), range: start.range.through(previous.range))
  }

  // layerBlock -> "{" { NEWLINE | ";" | layerLine } "}"
  mutating func layerBlock(for name: Name) throws -> [LayerLine] {
    let open = try consume(.leftBrace, .expectModelBrace(name.text, found: peek))
    try enter()
    defer { depth -= 1 }
    reportedLayerSeparator = false
    var layers: [LayerLine] = []
    while !check(.rightBrace) {
      if isAtEnd {
        throw error(.unclosedBlock(line: source.line(of: open.range.start)), at: peek)
      }
      if match(.newline) || match(.semicolon) { continue }
      let start = peek.range
      if let line = recovering({ try $0.layerLine() }) {
        layers.append(line)
      } else {
        // Kept so that the checker knows the shapes after it are unknown.
        layers.append(
          LayerLine(
            kind: Name(text: "", range: start), arguments: [], range: start, isUnparsed: true))
      }
    }
    advance()
    return layers
  }

  // layerLine -> IDENT { layerArgument } terminator
  mutating func layerLine() throws -> LayerLine {
    guard check(.identifier) else { throw error(.expectLayer(found: peek), at: peek) }
    let kindToken = advance()
    var arguments: [Argument] = []
    var nextLayer = false
    while !atStatementEnd {
      // `model m { input 2 dense 8 relu }`: a layer kind starts the next layer. Said once per
      // block, and parsed as if the separator were there, so the shapes are still checked.
      if isLayerStart {
        if !reportedLayerSeparator {
          report(.layersNeedSeparators(before: peek.text), at: peek.range)
          reportedLayerSeparator = true
        }
        nextLayer = true
        break
      }
      arguments.append(try layerArgument(of: kindToken.text))
    }
    let range = kindToken.range.through(previous.range)
    if !nextLayer { try terminator() }
    return LayerLine(
      kind: Name(text: kindToken.text, range: kindToken.range), arguments: arguments, range: range)
  }

  /// Whether the current token names a labelled parameter of layer kind `kind` and a value
  /// follows it, so that it reads as a clause (`size 3`) rather than as a value.
  func isClauseWord(of kind: String) -> Bool {
    guard peek.kind == .identifier, let builtin = BuiltinRegistry.builtin(named: kind),
      builtin.kind == .layer, let parameter = builtin.parameter(named: peek.text),
      !parameter.isPositional
    else { return false }
    // A `-` after the word is taken as a value too, so `stride -1` is reported at the `-`.
    let next = peek(ahead: 1).kind
    return Self.startsLayerArgument(next) || next == .minus
  }

  /// Whether a token of `kind` can start a layer argument's value.
  static func startsLayerArgument(_ kind: TokenKind) -> Bool {
    switch kind {
    case .number, .string, .identifier, .leftParen, .leftBracket, .keyword(.true),
      .keyword(.false), .keyword(.none):
      true
    default:
      false
    }
  }

  /// Whether the current token is a layer kind (`dense`), which cannot be an argument.
  var isLayerStart: Bool {
    guard peek.kind == .identifier, peek(ahead: 1).kind != .colon,
      let builtin = BuiltinRegistry.builtin(named: peek.text)
    else { return false }
    return builtin.kind == .layer
  }

  // layerArgument -> [ IDENT ":" | CLAUSE_WORD ] postfixExpression
  mutating func layerArgument(of kind: String) throws -> Argument {
    var label: Name?
    // `init: he_normal`, or a named parameter written as a clause: `conv 8 size 3 stride 2`.
    if check(.identifier), peek(ahead: 1).kind == .colon || isClauseWord(of: kind) {
      let token = advance()
      if check(.colon) { advance() }
      label = Name(text: token.text, range: token.range)
    }
    guard Self.startsLayerArgument(peek.kind) else {
      throw error(.expectLayerArgument(found: peek), at: peek)
    }
    return Argument(label: label, value: try postfixExpression())
  }
}

extension Diagnostic.Message {
  static func expectModelBrace(_ name: String, found token: Token) -> Self {
    Self(
      "Expect '{' after `model \(name)`, found \(token.quoted).",
      hint: "write `model \(name) { input 2; dense 1 }` or `model \(name) from other { ... }`")
  }
  static func expectLayer(found token: Token) -> Self {
    Self(
      "Expect a layer line in the model block, found \(token.quoted).",
      hint: "layer lines look like `dense 8 relu`, `dropout 0.2` or `flatten`")
  }
  static func layersNeedSeparators(before kind: String) -> Self {
    Self(
      "Expect ';' or a new line before `\(kind)`: each layer is a line of its own.",
      hint: "separate layers with `;` or new lines, as in "
        + "`model m { input 2; dense 8 relu; dense 1 sigmoid }`")
  }
  static func expectLayerArgument(found token: Token) -> Self {
    Self(
      "Unexpected \(token.quoted) in a layer line.",
      hint: "layer arguments are values or `name: value`, as in `dense 8 relu init: he_normal`")
  }
}
