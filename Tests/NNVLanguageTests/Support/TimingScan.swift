import Foundation

/// Finds assertions on time in Swift test code: an `#expect`, `#require` or `XCTAssert…`
/// whose condition reads a clock or a value computed from one, or compares with a duration
/// (`< .seconds(1)`), and an `if`/`guard` on such a value that records an issue.
enum TimingScan {
  /// Code that reads a clock or measures time.
  static let clockReadings = [
    "Date()", "Date.now", "ContinuousClock", "SuspendingClock", "DispatchTime", "clock.now",
    ".now()", ".measure", ".elapsed", "timeIntervalSince", "CFAbsoluteTimeGetCurrent",
    "systemUptime", "clock_gettime", "mach_absolute_time", "uptimeNanoseconds",
  ]

  /// Durations, suspicious when compared with `<` or `>`.
  static let durations = [
    ".seconds(", ".milliseconds(", ".microseconds(", ".nanoseconds(", "Duration",
  ]

  /// The assertions on time in `code`, as `path:line condition`.
  static func assertions(in code: SwiftCode, path: String) -> [String] {
    var found: [Int: String] = [:]
    for function in code.functions {
      let body = code.body(function)
      let timed = clockValues(in: body.text)
      for (offset, condition) in conditions(in: body) where isTimed(condition, timed) {
        let line = code.line(of: function.open + 1 + offset)
        found[line] = condition.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
    }
    return found.sorted { $0.key < $1.key }.map { "\(path):\($0.key) \($0.value)" }
  }

  /// Whether a condition reads time: a clock, a name holding a time, or a duration compared.
  static func isTimed(_ condition: String, _ timed: Set<String>) -> Bool {
    if clockReadings.contains(where: condition.contains) { return true }
    if !words(condition).isDisjoint(with: timed) { return true }
    let compares = condition.contains("<") || condition.contains(">")
    return compares && durations.contains(where: condition.contains)
  }

  /// The names assigned a clock reading, or a value computed from one, in `body`.
  static func clockValues(in body: String) -> Set<String> {
    let assignments = body.split(separator: "\n").compactMap(assignment)
    var timed: Set<String> = []
    var changed = true
    while changed {
      changed = false
      for (name, value) in assignments where !timed.contains(name) {
        if clockReadings.contains(where: value.contains) || !words(value).isDisjoint(with: timed) {
          timed.insert(name)
          changed = true
        }
      }
    }
    return timed
  }

  /// The name a line assigns (`let x = `, `var x: T = `, `x = `, `x += `) and the value.
  static func assignment(_ line: Substring) -> (String, String)? {
    let bytes = Array(line.utf8)
    let equals = UInt8(ascii: "=")
    for index in bytes.indices where bytes[index] == equals {
      let before = index > 0 ? bytes[index - 1] : .space
      let after = index + 1 < bytes.count ? bytes[index + 1] : .space
      guard after != equals, !Array("=!<>".utf8).contains(before) else { continue }
      let left = bytes[..<index].split { !$0.isWordByte }.map { Array($0).text }
      let declared = left.lastIndex { $0 == "let" || $0 == "var" }
      let name = declared.flatMap { $0 + 1 < left.count ? left[$0 + 1] : nil } ?? left.last
      guard let name else { return nil }
      return (name, Array(bytes[(index + 1)...]).text)
    }
    return nil
  }

  /// The names in `text`, without members (`range.start` gives `range`).
  static func words(_ text: String) -> Set<String> {
    let bytes = Array(text.utf8)
    return Set(
      bytes.split { !$0.isWordByte }.compactMap { word -> String? in
        let start = word.startIndex
        return start > 0 && bytes[start - 1] == UInt8(ascii: ".") ? nil : Array(word).text
      })
  }

  /// Each assertion's condition (its arguments but the message and source location), and
  /// each `if`/`guard` condition whose block records an issue, with its offset in `body`.
  static func conditions(in body: [UInt8]) -> [(Int, String)] {
    var result: [(Int, String)] = []
    var index = 0
    while index < body.count {
      let word = self.word(in: body, at: index)
      defer { index += max(word.utf8.count, 1) }
      if ["#expect", "#require"].contains(word) || word.hasPrefix("XCTAssert") {
        let open = index + word.utf8.count
        guard open < body.count, body[open] == UInt8(ascii: "("),
          let close = closing(body, open, "(", ")")
        else { continue }
        result.append((index, condition(Array(body[(open + 1)..<close]))))
      } else if word == "if" || word == "guard" {
        guard let open = body[index...].firstIndex(of: UInt8(ascii: "{")),
          let close = closing(body, open, "{", "}")
        else { continue }
        let block = Array(body[open..<close])
        guard block.contains("Issue.record") || block.contains("XCTFail") else { continue }
        result.append((index, Array(body[(index + word.utf8.count)..<open]).text))
      }
    }
    return result
  }

  /// The word (letters, digits, `_`, a leading `#`) starting at `index`, if one starts there.
  static func word(in body: [UInt8], at index: Int) -> String {
    if index > 0, body[index - 1].isWordByte || body[index - 1] == UInt8(ascii: ".") {
      return ""
    }
    let hash = body[index] == UInt8(ascii: "#") ? 1 : 0
    var end = index + hash
    while end < body.count, body[end].isWordByte { end += 1 }
    return end > index + hash ? Array(body[index..<end]).text : ""
  }

  /// An assertion's arguments without its message, comment and source location.
  static func condition(_ arguments: [UInt8]) -> String {
    split(arguments).filter { argument in
      let trimmed = argument.trimmingCharacters(in: .whitespacesAndNewlines)
      return !trimmed.hasPrefix("\"") && !trimmed.hasPrefix("sourceLocation:")
        && !trimmed.hasPrefix("comment:")
    }
    .joined(separator: ", ")
  }

  /// The bracket closing the one at `open`.
  static func closing(_ body: [UInt8], _ open: Int, _ left: Unicode.Scalar, _ right: Unicode.Scalar)
    -> Int?
  {
    var depth = 0
    for index in open..<body.count {
      if body[index] == UInt8(ascii: left) { depth += 1 }
      if body[index] == UInt8(ascii: right) {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    return nil
  }

  /// Arguments split at the commas outside brackets.
  static func split(_ arguments: [UInt8]) -> [String] {
    var parts: [String] = []
    var start = 0
    var depth = 0
    for (index, byte) in arguments.enumerated() {
      if Array("([{".utf8).contains(byte) { depth += 1 }
      if Array(")]}".utf8).contains(byte) { depth -= 1 }
      if byte == UInt8(ascii: ","), depth == 0 {
        parts.append(Array(arguments[start..<index]).text)
        start = index + 1
      }
    }
    return parts + [Array(arguments[start...]).text]
  }
}
