/// Blanking comments and string contents, so what is left of a Swift file is code.
extension SwiftCode {
  /// Where the reader is: in code (the file's, or an interpolation's with its open
  /// parentheses), or inside a string literal.
  private enum Mode {
    case code(parentheses: Int)
    case string(multiline: Bool, hashes: Int)
  }

  private static let slash = UInt8(ascii: "/")
  private static let star = UInt8(ascii: "*")
  private static let quote = UInt8(ascii: "\"")
  private static let hash = UInt8(ascii: "#")
  private static let backslash = UInt8(ascii: "\\")
  private static let open = UInt8(ascii: "(")
  private static let close = UInt8(ascii: ")")

  /// `text` with comments and the inside of string literals replaced by spaces; line breaks,
  /// quotes and interpolated code are kept, so offsets and line numbers stay the same.
  static func blank(_ text: [UInt8]) -> [UInt8] {
    var out = text
    var stack: [Mode] = [.code(parentheses: 0)]
    var i = 0
    func erase(_ range: Range<Int>) {
      for j in range where j < out.count && out[j] != .newline { out[j] = .space }
    }
    func at(_ j: Int) -> UInt8? { j < text.count ? text[j] : nil }
    while i < text.count, let mode = stack.last {
      let c = text[i]
      switch mode {
      case .code(let parentheses):
        if c == slash, at(i + 1) == slash {
          let end = text[i...].firstIndex(of: .newline) ?? text.count
          erase(i..<end)
          i = end
        } else if c == slash, at(i + 1) == star {
          let end = blockCommentEnd(text, from: i)
          erase(i..<end)
          i = end
        } else if c == quote || c == hash {
          var j = i
          while at(j) == hash { j += 1 }
          guard at(j) == quote else {
            i = j
            continue
          }
          let multiline = at(j + 1) == quote && at(j + 2) == quote
          stack.append(.string(multiline: multiline, hashes: j - i))
          i = j + (multiline ? 3 : 1)
        } else if c == slash, let end = regexEnd(text, out, from: i) {
          erase((i + 1)..<end)
          i = end + 1
        } else if c == open, stack.count > 1 {
          stack[stack.count - 1] = .code(parentheses: parentheses + 1)
          i += 1
        } else if c == close, stack.count > 1 {
          if parentheses == 0 {
            stack.removeLast()
          } else {
            stack[stack.count - 1] = .code(parentheses: parentheses - 1)
          }
          i += 1
        } else {
          i += 1
        }
      case .string(let multiline, let hashes):
        if c == backslash, (0..<hashes).allSatisfy({ at(i + 1 + $0) == hash }) {
          let after = i + 1 + hashes
          if at(after) == open {
            erase(i..<after)
            stack.append(.code(parentheses: 0))
          } else {
            erase(i..<(after + 1))
          }
          i = after + 1
        } else if c == quote, closes(text, at: i, multiline: multiline, hashes: hashes) {
          stack.removeLast()
          i += (multiline ? 3 : 1) + hashes
        } else {
          erase(i..<(i + 1))
          i += 1
        }
      }
    }
    return out
  }

  /// Whether the quote at `i` ends a string literal of this kind.
  private static func closes(_ text: [UInt8], at i: Int, multiline: Bool, hashes: Int) -> Bool {
    let quotes = multiline ? 3 : 1
    guard i + quotes + hashes <= text.count else { return false }
    return (0..<quotes).allSatisfy { text[i + $0] == quote }
      && (0..<hashes).allSatisfy { text[i + quotes + $0] == hash }
  }

  /// Just past the `*/` that ends the (possibly nested) block comment opening at `start`.
  private static func blockCommentEnd(_ text: [UInt8], from start: Int) -> Int {
    var depth = 0
    var i = start
    while i + 1 < text.count {
      if text[i] == slash, text[i + 1] == star {
        depth += 1
        i += 2
      } else if text[i] == star, text[i + 1] == slash {
        depth -= 1
        i += 2
        if depth == 0 { return i }
      } else {
        i += 1
      }
    }
    return text.count
  }

  /// The closing `/` of a regex literal opening at `start`, or nil when the `/` is an
  /// operator: a literal follows `(`, `,`, `=`, `:` or `[`, and ends on the same line.
  private static func regexEnd(_ text: [UInt8], _ code: [UInt8], from start: Int) -> Int? {
    let previous = code[..<start].last { $0 != .space && $0 != .newline }
    guard let previous, Array("(,=:[".utf8).contains(previous), start + 1 < text.count,
      text[start + 1] != .space, text[start + 1] != slash
    else { return nil }
    var i = start + 1
    while i < text.count, text[i] != .newline {
      if text[i] == backslash {
        i += 2
        continue
      }
      if text[i] == slash { return i }
      i += 1
    }
    return nil
  }
}
