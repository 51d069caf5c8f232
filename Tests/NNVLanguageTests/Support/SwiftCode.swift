import Foundation

/// A Swift file read just well enough to find its functions and what their bodies call, for
/// the checks on the repository's own code (`TestHabitTests`, `SourceShapeTests`).
///
/// `code` is the file's UTF-8 with every comment and the inside of every string literal
/// (except the code in `\(...)`) replaced by spaces, line breaks kept, so braces, parentheses
/// and words found in it are code. It reads line and block comments (nested), single-line,
/// multi-line and raw strings with interpolation, and regex literals after `(`, `,`, `=` or
/// `:`. Bytes of other characters than ASCII never equal an ASCII one, so they count as letters.
struct SwiftCode {
  /// The file as written.
  let text: [UInt8]
  /// The same bytes with comments and string contents blanked.
  let code: [UInt8]
  /// The offset at which each line starts.
  let lineStarts: [Int]
  /// Every function with a body, in order (nested ones too).
  let functions: [Function]

  init(_ source: String) {
    let bytes = Array(source.utf8)
    text = bytes
    code = SwiftCode.blank(bytes)
    lineStarts = [0] + bytes.indices.filter { bytes[$0] == .newline }.map { $0 + 1 }
    functions = SwiftCode.functions(in: code)
  }

  /// The 1-based line of an offset.
  func line(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// The number of lines (a final line break does not start another).
  var lineCount: Int { text.last == .newline ? lineStarts.count - 1 : lineStarts.count }

  /// One function, initializer, deinitializer or subscript with a body.
  struct Function {
    var name: String
    /// Where its keyword is, and its body's braces.
    var keyword: Int
    var open: Int
    var close: Int
  }

  /// The offsets of the `@Test` attributes in the code.
  var testMarks: [Int] {
    SwiftCode.words(in: code).filter { offset, word in
      word == "Test" && offset > 0 && code[offset - 1] == UInt8(ascii: "@")
    }
    .map(\.0)
  }

  /// The functions marked `@Test`: the first function after each `@Test` attribute.
  var tests: [Function] {
    testMarks.compactMap { mark in functions.first { $0.keyword > mark } }
  }

  /// The body of a function without its braces, in `code` form.
  func body(_ function: Function) -> [UInt8] {
    Array(code[(function.open + 1)..<function.close])
  }

  /// Lines from the keyword to the closing brace, both counted.
  func length(_ function: Function) -> Int {
    line(of: function.close) - line(of: function.keyword) + 1
  }

  static let declarationKeywords: Set<String> = ["func", "init", "deinit", "subscript"]

  static func functions(in code: [UInt8]) -> [Function] {
    var found: [Function] = []
    for (offset, word) in words(in: code) where declarationKeywords.contains(word) {
      let end = offset + word.utf8.count
      guard let open = bodyStart(code, after: end), let close = matching(code, open) else {
        continue
      }
      let name = word == "func" ? identifier(code, after: end) : word
      found.append(Function(name: name, keyword: offset, open: open, close: close))
    }
    return found
  }

  /// Each word of the code (letters, digits, `_`) with its offset; members (`.init`) left out.
  static func words(in code: [UInt8]) -> [(Int, String)] {
    var result: [(Int, String)] = []
    var start: Int?
    for index in 0...code.count {
      let isWord = index < code.count && code[index].isWordByte
      if isWord, start == nil {
        start = index
      } else if !isWord, let begin = start {
        if begin == 0 || code[begin - 1] != UInt8(ascii: ".") {
          result.append((begin, String(decoding: code[begin..<index], as: UTF8.self)))
        }
        start = nil
      }
    }
    return result
  }

  /// The first word after `offset`, skipping spaces.
  static func identifier(_ code: [UInt8], after offset: Int) -> String {
    var index = offset
    while index < code.count, code[index] == .space { index += 1 }
    var end = index
    while end < code.count, code[end].isWordByte { end += 1 }
    return String(decoding: code[index..<end], as: UTF8.self)
  }

  /// Words that start a member declaration: a line starting with one ends a requirement.
  static let memberStarters: Set<String> = [
    "func", "var", "let", "init", "case", "static", "subscript", "associatedtype", "typealias",
    "deinit", "public", "private", "fileprivate", "internal", "mutating",
  ]

  /// The `{` that opens the body of the declaration whose keyword ends at `offset`: the first
  /// brace outside parentheses and brackets. Nil for a requirement without a body, which ends
  /// at a `}` or at a line starting another declaration or an attribute.
  static func bodyStart(_ code: [UInt8], after offset: Int) -> Int? {
    var depth = 0
    for index in offset..<code.count {
      switch code[index] {
      case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "{") where depth == 0: return index
      case UInt8(ascii: "}") where depth == 0: return nil
      case .newline where depth == 0:
        if memberStarters.contains(identifier(code, after: index + 1)) { return nil }
        let next = code[(index + 1)...].first { $0 != .space }
        if next == UInt8(ascii: "@") { return nil }
      default: break
      }
    }
    return nil
  }

  /// The `}` that closes the `{` at `open`.
  static func matching(_ code: [UInt8], _ open: Int) -> Int? {
    var depth = 0
    for index in open..<code.count {
      if code[index] == UInt8(ascii: "{") { depth += 1 }
      if code[index] == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    return nil
  }
}

extension UInt8 {
  static let newline = UInt8(ascii: "\n")
  static let space = UInt8(ascii: " ")

  /// A letter, digit, `_` or part of a character other than ASCII.
  var isWordByte: Bool {
    self >= 0x80 || self == UInt8(ascii: "_") || (48...57).contains(self)
      || (65...90).contains(self) || (97...122).contains(self)
  }
}

extension Array where Element == UInt8 {
  /// The bytes as text.
  var text: String { String(decoding: self, as: UTF8.self) }

  /// Whether `pattern` occurs in the bytes.
  func contains(_ pattern: String) -> Bool { firstOffset(of: pattern, from: 0) != nil }

  /// The offset of the first `pattern` at or after `start`.
  func firstOffset(of pattern: String, from start: Int) -> Int? {
    let needle = Array(pattern.utf8)
    guard let first = needle.first, needle.count <= count else { return nil }
    var index = start
    while index + needle.count <= count {
      if self[index] == first, self[index..<(index + needle.count)].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }
}
