/// Expressions, by precedence climbing over `BinaryOperator.precedence`.
extension Parser {
  // expression -> binaryExpression
  mutating func expression() throws -> Expression {
    try enter()
    defer { depth -= 1 }
    return try binaryExpression(minimum: 0)
  }

  // binaryExpression -> unaryExpression { BINARY_OPERATOR unaryExpression }
  //   (* operators and their precedence: the table in BinaryOperator.swift *)
  mutating func binaryExpression(minimum: Int) throws -> Expression {
    var left = try unaryExpression()
    var chained = 0
    defer { depth -= chained }
    while let op = BinaryOperator(peek.kind), op.precedence >= minimum {
      let operatorToken = advance()
      chained += 1
      try enter()
      let right = try binaryExpression(
        minimum: op == .power ? op.precedence : op.precedence + 1)
      if !op.chains, let next = BinaryOperator(peek.kind), next.precedence == op.precedence {
        throw error(.chainedComparison(operatorToken.text, next.rawValue), at: peek)
      }
      left = Expression(kind: .binary(op, left, right), range: left.range.through(right.range))
    }
    return left
  }

  // unaryExpression -> ( "-" | "not" ) unaryExpression | postfixExpression
  mutating func unaryExpression() throws -> Expression {
    let op: UnaryOperator
    let minimum: Int
    switch peek.kind {
    case .minus: (op, minimum) = (.negate, BinaryOperator.negatePrecedence + 1)
    case .keyword(.not): (op, minimum) = (.not, BinaryOperator.notPrecedence + 1)
    default: return try postfixExpression()
    }
    let start = advance()
    try enter()
    defer { depth -= 1 }
    let operand = try binaryExpression(minimum: minimum)
    return Expression(kind: .unary(op, operand), range: start.range.through(operand.range))
  }

  // postfixExpression -> primaryExpression { "(" argumentList ")" | "[" expression "]"
  //                                          | "." IDENT }
  mutating func postfixExpression() throws -> Expression {
    var result = try primaryExpression()
    var chained = 0
    defer { depth -= chained }
    while true {
      switch peek.kind {
      case .leftParen:
        advance()
        let arguments = try argumentList()
        let close = try consume(.rightParen, .expectParenAfterArguments(found: peek))
        result = Expression(
          kind: .call(result, arguments), range: result.range.through(close.range))
      case .leftBracket:
        advance()
        let index = try expression()
        let close = try consume(.rightBracket, .expectBracketAfterIndex(found: peek))
        result = Expression(kind: .index(result, index), range: result.range.through(close.range))
      case .dot:
        advance()
        if case .keyword(let keyword) = peek.kind {
          throw error(.keywordAsName(keyword.rawValue), at: peek)
        }
        let field = try consume(.identifier, .expectField(found: peek))
        result = Expression(
          kind: .field(result, Name(text: field.text, range: field.range)),
          range: result.range.through(field.range))
      default:
        return result
      }
      chained += 1
      try enter()
    }
  }

  // argumentList -> [ argument { "," argument } [ "," ] ]
  mutating func argumentList() throws -> [Argument] {
    var arguments: [Argument] = []
    while !check(.rightParen) {
      arguments.append(try argument())
      if !match(.comma) { break }
    }
    return arguments
  }

  // argument -> [ ( IDENT | "from" ) ":" ] expression
  mutating func argument() throws -> Argument {
    var label: Name?
    if check(.identifier) || check(.keyword(.from)), peek(ahead: 1).kind == .colon {
      let token = advance()
      advance()
      label = Name(text: token.text, range: token.range)
    }
    return Argument(label: label, value: try expression())
  }

  // primaryExpression -> NUMBER | STRING | "true" | "false" | "none" | IDENT
  //                    | "(" expression ")" | listLiteral
  mutating func primaryExpression() throws -> Expression {
    let token = peek
    switch token.kind {
    case .number:
      advance()
      guard let value = Double(token.text), value.isFinite else {
        throw error(.numberOutOfRange(token.text), at: token)
      }
      return Expression(kind: .number(value), range: token.range)
    case .string:
      advance()
      return Expression(kind: .string(token.text), range: token.range)
    case .keyword(.true), .keyword(.false):
      advance()
      return Expression(kind: .boolean(token.kind == .keyword(.true)), range: token.range)
    case .keyword(.none):
      advance()
      return Expression(kind: .none, range: token.range)
    case .identifier:
      advance()
      return Expression(kind: .name(token.text), range: token.range)
    case .leftParen:
      advance()
      let inner = try expression()
      let close = try consume(.rightParen, .expectParenAfterExpression(found: peek))
      return Expression(kind: inner.kind, range: token.range.through(close.range))
    case .leftBracket:
      return try listLiteral()
    default:
      throw error(.expectExpression(found: token), at: token)
    }
  }

  // listLiteral -> "[" [ expression { "," expression } [ "," ] ] "]"
  mutating func listLiteral() throws -> Expression {
    let open = advance()
    var elements: [Expression] = []
    while !check(.rightBracket) {
      elements.append(try expression())
      if !match(.comma) { break }
    }
    let close = try consume(.rightBracket, .expectBracketAfterList(found: peek))
    return Expression(kind: .list(elements), range: open.range.through(close.range))
  }
}

extension Diagnostic.Message {
  static func expectExpression(found token: Token) -> Self {
    switch token.kind {
    case .keyword(let keyword):
      return Self(
        "Expect an expression, found the keyword '\(keyword.rawValue)'.",
        hint: "a keyword cannot be used as a value or a name")
    case .newline, .endOfFile, .semicolon, .rightBrace:
      return Self("Expect an expression, found \(token.quoted).", hint: "the value is missing")
    default:
      return Self("Expect an expression, found \(token.quoted).")
    }
  }
  static func expectParenAfterArguments(found token: Token) -> Self {
    Self(
      "Expect ')' after the arguments, found \(token.quoted).",
      hint: "separate arguments with ','")
  }
  static func expectBracketAfterIndex(found token: Token) -> Self {
    Self("Expect ']' after the index, found \(token.quoted).")
  }
  static func expectBracketAfterList(found token: Token) -> Self {
    Self(
      "Expect ']' after the list elements, found \(token.quoted).",
      hint: "separate elements with ','")
  }
  static func expectParenAfterExpression(found token: Token) -> Self {
    Self("Expect ')' after the expression, found \(token.quoted).")
  }
  static func expectField(found token: Token) -> Self {
    Self("Expect a field name after '.', found \(token.quoted).")
  }
  static func numberOutOfRange(_ text: String) -> Self {
    Self("The number \(text) is too large.", hint: "numbers are 64-bit floating point")
  }
  static func chainedComparison(_ first: String, _ second: String) -> Self {
    Self(
      "'\(first)' and '\(second)' cannot be chained.",
      hint: "use parentheses, or combine comparisons with `and`: a < b and b < c")
  }
}
