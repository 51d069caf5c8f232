/// What a token is.
public enum TokenKind: Hashable, Sendable {
  case identifier
  case number
  case string
  case keyword(Keyword)
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, dot, colon, semicolon
  case plus, minus, star, slash, percent, caret
  case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
  /// `..<`, a half-open range.
  case halfOpenRange
  /// `...`, a closed range.
  case closedRange
  /// The end of a statement line (several blank lines give one token).
  case newline
  case endOfFile
  /// Text the lexer could not read; it has already reported why.
  case invalid

  /// How the token is named in messages ("Expect ')' after arguments.").
  public var spelling: String {
    switch self {
    case .identifier: "a name"
    case .number: "a number"
    case .string: "a string"
    case .keyword(let keyword): "'\(keyword.rawValue)'"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .comma: "','"
    case .dot: "'.'"
    case .colon: "':'"
    case .semicolon: "';'"
    case .plus: "'+'"
    case .minus: "'-'"
    case .star: "'*'"
    case .slash: "'/'"
    case .percent: "'%'"
    case .caret: "'^'"
    case .equal: "'='"
    case .equalEqual: "'=='"
    case .bangEqual: "'!='"
    case .less: "'<'"
    case .lessEqual: "'<='"
    case .greater: "'>'"
    case .greaterEqual: "'>='"
    case .halfOpenRange: "'..<'"
    case .closedRange: "'...'"
    case .newline: "end of line"
    case .endOfFile: "end of input"
    case .invalid: "invalid text"
    }
  }
}
