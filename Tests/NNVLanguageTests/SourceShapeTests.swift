import Foundation
import Testing

/// The shape of the code in Sources/: a file holds at most 400 lines and a function at most 60
/// (from its `func` line to its closing brace), unless the file gives a reason at its top, in
/// its first comment lines, as a line starting `// Length:` followed by the reason.
///
/// `knownOffenders` lists what is over the limits today and is being split; it may only
/// shrink: an entry that is no longer over a limit fails the test until it is removed.
@Suite struct SourceShapeTests {
  static let fileLimit = 400
  static let functionLimit = 60
  static let reasonMarker = "// Length:"

  /// Offenders waiting for a refactor, each `path` (a file too long) or `path name()` (a
  /// function too long), with why it is allowed for now. Empty this list as they are split.
  static let knownOffenders: [String: String] = [:]

  /// One file or function over its limit.
  struct Offender: CustomStringConvertible {
    /// `path` or `path name()`: what `knownOffenders` lists.
    var key: String
    var line: Int
    var length: Int
    var limit: Int

    var description: String {
      let path = key.split(separator: " ").first.map(String.init) ?? key
      let what = key.contains(" ") ? "func \(key.split(separator: " ")[1])" : "file"
      return "\(path):\(line): \(what) is \(length) lines (limit \(limit))"
    }
  }

  /// Whether the file's first comment lines give a reason for its length.
  static func statesReason(_ text: String) -> Bool {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix(reasonMarker) {
        return trimmed.dropFirst(reasonMarker.count).trimmingCharacters(in: .whitespaces).count
          >= 10
      }
      guard trimmed.isEmpty || trimmed.hasPrefix("//") || trimmed.hasPrefix("import ") else {
        return false
      }
    }
    return false
  }

  /// The files and functions of one source file over their limits.
  static func offenders(in code: SwiftCode, path: String) -> [Offender] {
    guard !statesReason(code.text.text) else { return [] }
    var found: [Offender] = []
    if code.lineCount > fileLimit {
      found.append(Offender(key: path, line: 1, length: code.lineCount, limit: fileLimit))
    }
    for function in code.functions where code.length(function) > functionLimit {
      found.append(
        Offender(
          key: "\(path) \(function.name)()", line: code.line(of: function.keyword),
          length: code.length(function), limit: functionLimit))
    }
    return found
  }

  @Test func filesAndFunctionsKeepTheirLengthOrSayWhy() throws {
    let files = try TestHabitTests.swiftFiles(under: "Sources")
    #expect(files.count > 100, "found only \(files.count) source files")
    let offenders = files.flatMap { file in
      Self.offenders(in: file.code, path: file.path)
    }
    let unexpected = offenders.filter { Self.knownOffenders[$0.key] == nil }
    #expect(
      unexpected.isEmpty,
      """
      too long: split these, or state why at the top of the file with a line \
      `\(Self.reasonMarker) <reason>`:
      \(unexpected.map(\.description).joined(separator: "\n"))
      """)
    let keys = Set(offenders.map(\.key))
    let fixed = Self.knownOffenders.keys.filter { !keys.contains($0) }.sorted()
    #expect(
      fixed.isEmpty,
      """
      no longer over the limit: remove from SourceShapeTests.knownOffenders:
      \(fixed.joined(separator: "\n"))
      """)
  }

  @Test func theShapeCheckMeasuresFilesAndFunctions() {
    let long = (0..<70).map { "  x += \($0)" }.joined(separator: "\n")
    let function = "func long() {\n\(long)\n}\n"
    let reported = Self.offenders(in: SwiftCode(function), path: "f.swift")
    #expect(reported.map(\.description) == ["f.swift:1: func long() is 72 lines (limit 60)"])
    let file = String(repeating: "let a = 1\n", count: 401)
    #expect(Self.offenders(in: SwiftCode(file), path: "g.swift").map(\.key) == ["g.swift"])
    let excused = "// Length: one table of every glyph, kept together\n" + file + function
    #expect(Self.offenders(in: SwiftCode(excused), path: "h.swift").isEmpty)
    let tooShort = "// Length: long\n" + file
    #expect(Self.offenders(in: SwiftCode(tooShort), path: "i.swift").count == 1)
    let late = "import Foundation\nlet b = 2\n// Length: one table of every glyph, kept\n" + file
    #expect(Self.offenders(in: SwiftCode(late), path: "j.swift").count == 1)
  }
}
