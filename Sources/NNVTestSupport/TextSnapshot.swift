import Foundation

/// Golden text files: a view's text compared exactly with a file checked in beside the tests.
///
/// With `NNV_RECORD_SNAPSHOTS=1` in the environment the files are written instead, and the
/// comparison still reports a problem, so a recording never passes unnoticed: read the new files
/// (`git diff`), then run the tests again without the variable.
public enum TextSnapshot {
  /// The environment variable that turns comparing into recording.
  public static let recordVariable = "NNV_RECORD_SNAPSHOTS"

  /// Whether this run records snapshots instead of comparing them.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment[recordVariable] == "1"
  }

  /// Compares `text` with the file at `url`, or records it; nil when they are equal.
  ///
  /// The message names the file, the first line that differs (quoted, so spaces at a line's end
  /// show) and a line diff, and says how to re-record when the change is intended.
  public static func problem(with text: String, at url: URL) -> String? {
    let name = url.lastPathComponent
    if isRecording {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      } catch {
        return "could not record snapshot \(name): \(error)"
      }
      return "recorded snapshot \(name) (\(recordVariable)=1 always fails): read it, then run "
        + "the tests again without \(recordVariable) to compare"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "no snapshot \(name) in \(url.deletingLastPathComponent().lastPathComponent)/: "
        + "record it with \(recordVariable)=1 and read it before committing it"
    }
    guard let difference = difference(expected: expected, actual: text) else { return nil }
    return "the text differs from snapshot \(name)\n\(difference)\n"
      + "If the change is intended, re-record with \(recordVariable)=1 and read the new file."
  }

  /// Where two texts first differ, and a line diff (`-` the expected, `+` the actual line);
  /// nil when they are equal.
  public static func difference(expected: String, actual: String) -> String? {
    guard expected != actual else { return nil }
    let old = lines(expected)
    let new = lines(actual)
    let shared = min(old.count, new.count)
    let first = (0..<shared).first { old[$0] != new[$0] } ?? shared
    var report = "first difference at line \(first + 1) of \(old.count) expected, "
    report += "\(new.count) actual:\n"
    report += "  expected: \(first < old.count ? String(reflecting: old[first]) : "(no line)")\n"
    report += "  actual:   \(first < new.count ? String(reflecting: new[first]) : "(no line)")\n"
    return report + LineDiff.render(old: old, new: new)
  }

  /// The lines of `text`; a final line break gives a last empty line, so a missing one shows.
  public static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
}

/// A line diff by longest common subsequence, with two lines of context around each change.
enum LineDiff {
  /// At most this many diff lines are shown.
  static let shownLines = 60
  /// Longer texts are compared line by line at the same index instead.
  static let largestTable = 4_000_000

  static func render(old: [String], new: [String]) -> String {
    let edits = script(old: old, new: new)
    let changed = edits.indices.filter { edits[$0].mark != " " }
    var shown: [String] = []
    var last = -1
    for index in edits.indices where changed.contains(where: { abs($0 - index) <= 2 }) {
      if last >= 0, index > last + 1 { shown.append("  ...") }
      shown.append("\(edits[index].mark) \(edits[index].line)")
      last = index
    }
    if shown.count > shownLines {
      shown = Array(shown.prefix(shownLines)) + ["  ... (\(shown.count - shownLines) more)"]
    }
    return shown.joined(separator: "\n")
  }

  /// The lines of both texts in order, each marked ` ` (both), `-` (old only) or `+` (new).
  static func script(old: [String], new: [String]) -> [(mark: Character, line: String)] {
    guard old.count * new.count <= largestTable else {
      typealias Edit = (mark: Character, line: String)
      let pairs = zip(old, new).flatMap { pair -> [Edit] in
        let same: Edit = (" ", pair.0)
        let removed: Edit = ("-", pair.0)
        let added: Edit = ("+", pair.1)
        return pair.0 == pair.1 ? [same] : [removed, added]
      }
      let shared = min(old.count, new.count)
      let dropped = old[shared...].map { line -> Edit in ("-", line) }
      return pairs + dropped + new[shared...].map { line -> Edit in ("+", line) }
    }
    // common[i][j]: the longest common subsequence of old[i...] and new[j...].
    var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        common[i][j] =
          old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
      }
    }
    var edits: [(mark: Character, line: String)] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        edits.append((" ", old[i]))
        i += 1
        j += 1
      } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
        edits.append(("-", old[i]))
        i += 1
      } else {
        edits.append(("+", new[j]))
        j += 1
      }
    }
    return edits
  }
}
