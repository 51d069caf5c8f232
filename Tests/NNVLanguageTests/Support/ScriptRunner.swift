import Foundation
import NNVLanguage

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
