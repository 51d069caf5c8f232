import Foundation
import NNVLanguage
import Testing

/// Runs nnv source through the same entry point the executable uses.
enum ScriptRunner {
  static func run(
    _ text: String, name: String = "test.nnv", directory: String? = nil
  ) -> (result: RunResult, output: CollectingOutput) {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: directory ?? temporaryDirectory)
    let result = interpreter.run(SourceFile(name: name, text: text))
    return (result, output)
  }

  /// Runs `text` and returns its result with what it printed, as text.
  static func runText(_ text: String) -> (result: RunResult, output: String) {
    let (result, output) = run(text)
    return (result, output.text)
  }

  /// Runs `text`, records an issue with its diagnostics unless it succeeds, and returns what it
  /// printed.
  static func expectSuccess(
    _ text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    let (result, output) = runText(text)
    #expect(
      result.status == .success, "\(DiagnosticRenderer(color: false).render(result.diagnostics))",
      sourceLocation: sourceLocation)
    return output
  }

  /// A fresh directory for files the scripts write.
  static let temporaryDirectory: String = {
    let path =
      NSTemporaryDirectory() + "nnv-language-tests-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  /// The repository root, found from this file's location.
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
}
