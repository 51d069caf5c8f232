import Foundation
import NNVLanguage
import NNVTestSupport
import Testing

/// Runs a view statement the way a script does and compares what it prints with a golden file
/// in `Tests/NNVLanguageTests/Snapshots/`. `NNV_RECORD_SNAPSHOTS=1` re-records the files (and
/// fails, so a recording is always read before it is committed).
enum ViewSnapshot {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

  /// Runs `setup` (data, models, training: its output is not compared), then `view`, and
  /// compares the view's output with `Snapshots/NAME.txt`. The view must succeed, print
  /// monochrome text (no escape sequences) and keep within `width` columns.
  static func expect(
    _ name: String, setup: String, view: String, width: Int = 80,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: ScriptRunner.temporaryDirectory)
    let prepared = interpreter.run(SourceFile(name: "\(name)-setup.nnv", text: setup))
    #expect(
      prepared.status == .success, "setup: \(prepared.diagnostics.map(\.text))",
      sourceLocation: sourceLocation)
    let before = output.text.count
    let result = interpreter.run(SourceFile(name: "\(name).nnv", text: view))
    #expect(
      result.status == .success, "\(view): \(result.diagnostics.map(\.text))",
      sourceLocation: sourceLocation)
    let text = String(output.text.dropFirst(before))
    #expect(!text.isEmpty, "\(view) printed nothing", sourceLocation: sourceLocation)
    #expect(!text.contains("\u{1B}"), "\(view) printed an escape", sourceLocation: sourceLocation)
    let wide = TextSnapshot.lines(text).enumerated().filter { $0.element.count > width }
    #expect(
      wide.isEmpty, "\(view): lines wider than \(width): \(wide.map { $0.offset + 1 })",
      sourceLocation: sourceLocation)
    let url = directory.appendingPathComponent(name + ".txt")
    if let problem = TextSnapshot.problem(with: text, at: url) {
      Issue.record(Comment(rawValue: "\(view)\n\(problem)"), sourceLocation: sourceLocation)
    }
  }
}
