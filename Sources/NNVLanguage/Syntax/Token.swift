/// One lexical unit with the exact text it came from.
public struct Token: Sendable, Equatable {
  public var kind: TokenKind
  public var range: SourceRange
  /// The source text; for strings the value with escapes decoded and without quotes.
  public var text: String

  public init(kind: TokenKind, range: SourceRange, text: String) {
    self.kind = kind
    self.range = range
    self.text = text
  }

  /// How the token reads in a message: `'epochs'`, `'('`, `end of line`.
  var quoted: String {
    switch kind {
    case .identifier, .number: "'\(text)'"
    case .string: "a string"
    default: kind.spelling
    }
  }
}
