/// Turns source text into tokens.
///
/// It reads UTF-8 bytes in one pass. Newlines end statements, except inside `(...)` and
/// `[...]`, where they are skipped so long calls and lists can span lines; inside `{...}` they
/// count again. Problems (a stray character, an unterminated string) become diagnostics plus an
/// `.invalid` token, which the parser skips without reporting again.
public struct Lexer {
  let source: SourceFile
  let bytes: [UInt8]
  var position = 0
  /// Open brackets, innermost last; newlines count only when it is empty or ends with `{`.
  var openers: [UInt8] = []
  public private(set) var tokens: [Token] = []
  public private(set) var diagnostics: [Diagnostic] = []
  /// Set after `Diagnostic.maximumCollected` problems: the rest of the text is not read.
  var stopped = false

  /// Lexes the whole of `source`.
  public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic])
  {
    var lexer = Lexer(source: source)
    lexer.run()
    return (lexer.tokens, lexer.diagnostics)
  }

  init(source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
  }

  /// The keywords by spelling.
  static let keywords: [String: Keyword] = Dictionary(
    uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

  mutating func run() {
    tokens.reserveCapacity(bytes.count / 3)
    while position < bytes.count, !stopped {
      let start = position
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        continue
      case UInt8(ascii: "\n"):
        newline(at: start)
      case UInt8(ascii: "#"):
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
      case UInt8(ascii: "\""):
        string(from: start)
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        number(from: start)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "_"):
        identifier(from: start)
      default:
        punctuation(byte, from: start)
      }
    }
    // The end of input sits right after the last token, so that "missing X at the end"
    // points at the line where X is missing, not at an empty line after it.
    let end = tokens.last?.range.end ?? 0
    if tokens.last.map({ $0.kind != .newline }) ?? false {
      add(.newline, from: end, to: end, text: "")
    }
    add(.endOfFile, from: end, to: end, text: "")
  }

  mutating func add(_ kind: TokenKind, from start: Int, to end: Int? = nil, text: String? = nil) {
    let end = end ?? position
    let text = text ?? String(decoding: bytes[start..<end], as: UTF8.self)
    tokens.append(Token(kind: kind, range: SourceRange(start: start, end: end), text: text))
  }

  mutating func newline(at start: Int) {
    guard openers.isEmpty || openers.last == UInt8(ascii: "{") else { return }
    // Blank lines and a line right after `;` add nothing: one terminator is enough.
    if let last = tokens.last?.kind, last == .newline || last == .semicolon { return }
    if tokens.isEmpty { return }
    add(.newline, from: start, to: start + 1, text: "\n")
  }

  func peek(_ offset: Int = 0) -> UInt8 {
    position + offset < bytes.count ? bytes[position + offset] : 0
  }

  static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  static func isIdentifierByte(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
      || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
  }

  // number -> DIGIT (DIGIT | "_")* ("." DIGIT+)? (("e" | "E") ("+" | "-")? DIGIT+)?
  mutating func number(from start: Int) {
    func digits() {
      while Lexer.isDigit(peek()) || (peek() == UInt8(ascii: "_") && Lexer.isDigit(peek(1))) {
        position += 1
      }
    }
    digits()
    if peek() == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
      position += 1
      digits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
      if Lexer.isDigit(peek(1 + sign)) {
        position += 1 + sign
        digits()
      }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    add(.number, from: start, text: String(text.filter { $0 != "_" }))
  }

  mutating func identifier(from start: Int) {
    while Lexer.isIdentifierByte(peek()) { position += 1 }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    if let keyword = Lexer.keywords[text] {
      if Lexer.statementKeywords.contains(keyword) { closeUnfinishedBrackets(before: start) }
      add(.keyword(keyword), from: start, text: text)
    } else {
      add(.identifier, from: start, text: text)
    }
  }

  /// Keywords that start statements and can never be inside `(...)` or `[...]`.
  static let statementKeywords: Set<Keyword> = [
    .let, .model, .fn, .for, .while, .return, .print, .if,
  ]

  /// At a statement keyword that starts a line inside `(` or `[`, the bracket was left open on
  /// an earlier line (`let d = xor(n: 100` then `model m {`): the brackets are closed and a
  /// newline is added, so the parser reports the missing closer there and goes on with this
  /// statement instead of taking the rest of the file as arguments.
  mutating func closeUnfinishedBrackets(before start: Int) {
    guard let last = openers.last, last != UInt8(ascii: "{"), let previous = tokens.last,
      bytes[previous.range.end..<start].contains(UInt8(ascii: "\n"))
    else { return }
    while let last = openers.last, last != UInt8(ascii: "{") { openers.removeLast() }
    add(.newline, from: start, to: start, text: "\n")
  }

  // string -> '"' (CHARACTER | "\" ("n" | "t" | '"' | "\"))* '"'
  mutating func string(from start: Int) {
    var value: [UInt8] = []
    while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
        let escape = bytes[position + 1]
        switch escape {
        case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escape)
        default:
          let end = scalarEnd(from: position + 1)
          let text = String(decoding: bytes[position..<end], as: UTF8.self)
          report(.unknownEscape(text), from: position, to: end)
          position = end
          continue
        }
        position += 2
      } else {
        value.append(byte)
        position += 1
      }
    }
    guard position < bytes.count else {
      report(.unterminatedString, from: start, to: start + 1)
      add(.invalid, from: start)
      return
    }
    position += 1
    add(.string, from: start, text: String(decoding: value, as: UTF8.self))
  }

  /// The end of the UTF-8 scalar starting at `offset`.
  func scalarEnd(from offset: Int) -> Int {
    var end = offset + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return min(end, bytes.count)
  }

  /// A token of punctuation or an operator, or a problem for a character that is neither.
  mutating func punctuation(_ byte: UInt8, from start: Int) {
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ")"),
      UInt8(ascii: "]"), UInt8(ascii: "}"):
      bracket(byte, from: start)
    case UInt8(ascii: ","): add(.comma, from: start)
    case UInt8(ascii: ":"): add(.colon, from: start)
    case UInt8(ascii: ";"): add(.semicolon, from: start)
    case UInt8(ascii: "+"): add(.plus, from: start)
    case UInt8(ascii: "-"): add(.minus, from: start)
    case UInt8(ascii: "/"): slash(from: start)
    case UInt8(ascii: "%"): add(.percent, from: start)
    case UInt8(ascii: "^"): add(.caret, from: start)
    case UInt8(ascii: "*"): star(from: start)
    case UInt8(ascii: "="): add(.equalEqual, ifNext: UInt8(ascii: "="), else: .equal, from: start)
    case UInt8(ascii: "<"): add(.lessEqual, ifNext: UInt8(ascii: "="), else: .less, from: start)
    case UInt8(ascii: ">"):
      add(.greaterEqual, ifNext: UInt8(ascii: "="), else: .greater, from: start)
    case UInt8(ascii: "!"): bang(from: start)
    case UInt8(ascii: "&"), UInt8(ascii: "|"):
      if peek() == byte { position += 1 }
      invalid(from: start, byte == UInt8(ascii: "&") ? .andOperator : .orOperator)
    case UInt8(ascii: "."): dots(from: start)
    default:
      position = scalarEnd(from: start)
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      invalid(from: start, .unexpectedCharacter(text))
    }
  }

  /// `long` when the next byte is `next` (taking it too), else `short`.
  mutating func add(_ long: TokenKind, ifNext next: UInt8, else short: TokenKind, from start: Int) {
    if peek() == next {
      position += 1
      add(long, from: start)
    } else {
      add(short, from: start)
    }
  }

  /// An opening or closing bracket, kept track of for the newlines inside.
  mutating func bracket(_ byte: UInt8, from start: Int) {
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      openers.append(byte)
      add(
        byte == UInt8(ascii: "(")
          ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace,
        from: start)
    default:
      if !openers.isEmpty { openers.removeLast() }
      add(
        byte == UInt8(ascii: ")")
          ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace,
        from: start)
    }
  }

  /// `/`, or `// text`: a comment from another language, said once and skipped like a comment.
  mutating func slash(from start: Int) {
    guard peek() == UInt8(ascii: "/") else { return add(.slash, from: start) }
    report(.slashComment, from: start, to: start + 2)
    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
  }

  /// `*`, or `**`, a power operator from another language.
  mutating func star(from start: Int) {
    if peek() == UInt8(ascii: "*") {
      position += 1
      invalid(from: start, .powerOperator)
    } else {
      add(.star, from: start)
    }
  }

  /// `!=`; `!` alone is not an operator of the language.
  mutating func bang(from start: Int) {
    if peek() == UInt8(ascii: "=") {
      position += 1
      add(.bangEqual, from: start)
    } else {
      invalid(from: start, .bangOperator)
    }
  }

  /// `.`, `..<` or `...`; `..` is a mistake.
  mutating func dots(from start: Int) {
    if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "<") {
      position += 2
      add(.halfOpenRange, from: start)
    } else if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") {
      position += 2
      add(.closedRange, from: start)
    } else if peek() == UInt8(ascii: ".") {
      position += 1
      invalid(from: start, .twoDots)
    } else {
      add(.dot, from: start)
    }
  }

  mutating func invalid(from start: Int, _ message: Diagnostic.Message) {
    report(message, from: start, to: position)
    add(.invalid, from: start)
  }

  mutating func report(_ message: Diagnostic.Message, from start: Int, to end: Int) {
    guard !stopped else { return }
    diagnostics.append(
      Diagnostic(message, at: SourceRange(start: start, end: end), in: source))
    if diagnostics.count >= Diagnostic.maximumCollected {
      let here = SourceRange(start: end, end: end)
      diagnostics.append(Diagnostic(.tooManyErrors, at: here, in: source))
      stopped = true
    }
  }
}

extension Diagnostic.Message {
  static let unterminatedString = Self(
    "Unterminated string.", hint: "close the string with '\"' on the same statement")
  static func unknownEscape(_ text: String) -> Self {
    Self("Unknown escape '\(text)' in string.", hint: "use \\n, \\t, \\\" or \\\\")
  }
  static func unexpectedCharacter(_ text: String) -> Self {
    Self("Unexpected character '\(text)'.")
  }
  static let powerOperator = Self("'**' is not an operator.", hint: "write powers with '^': 2 ^ 3")
  static let bangOperator = Self("'!' is not an operator.", hint: "use `not` to negate")
  static let andOperator = Self("'&&' is not an operator.", hint: "use `and`")
  static let orOperator = Self("'||' is not an operator.", hint: "use `or`")
  static let slashComment = Self(
    "Comments start with '#' in nnv, not '//'.", hint: "write `# comment`")
  static let twoDots = Self(
    "'..' is not an operator.", hint: "write `0..<5` (5 excluded) or `1...5` (5 included)")
}
