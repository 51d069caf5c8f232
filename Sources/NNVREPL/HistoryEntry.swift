import NNVLanguage

/// How an entry typed over several lines goes into the history: as one line, so the up arrow
/// brings back a whole `model { ... }` block instead of its closing `}`.
enum HistoryEntry {
  /// The history lines for an entry typed as `lines`: one line joined with `; ` (or a space
  /// after an opening bracket and before a closing one) when that line parses as cleanly as the
  /// entry did, else the lines as typed (an entry with a comment, or one that did not parse).
  static func lines(for lines: [String]) -> [String] {
    let trimmed = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let typed = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard trimmed.count > 1, !trimmed.contains(where: { $0.contains("#") }) else { return typed }
    var joined = trimmed[0]
    for line in trimmed.dropFirst() {
      let opens = joined.last.map { "{([,".contains($0) } ?? false
      let closes = line.first.map { "})]".contains($0) } ?? false
      joined += opens || closes ? " " + line : "; " + line
    }
    let original = Parser.parse(SourceFile(name: "entry", text: lines.joined(separator: "\n")))
    let single = Parser.parse(SourceFile(name: "entry", text: joined))
    guard original.diagnostics.isEmpty, single.diagnostics.isEmpty,
      single.program.statements.count == original.program.statements.count
    else { return typed }
    return [joined]
  }
}
