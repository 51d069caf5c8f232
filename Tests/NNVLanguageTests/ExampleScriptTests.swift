import Foundation
import NNVLanguage
import Testing

/// Every script in Scripts/examples runs to completion and reaches the result it promises.
@Suite struct ExampleScriptTests {
  /// The examples and what each must reach: the `result` record's test accuracy above the
  /// bound (classification) or its test loss below it (regression); for the sweep, the best
  /// accuracy it found (`best`).
  static let expectations: [String: (field: String, bound: Double)] = [
    "xor.nnv": ("accuracy", 0.9999),
    "spiral.nnv": ("accuracy", 0.95),
    "iris.nnv": ("accuracy", 0.93),
    "digits.nnv": ("accuracy", 0.95),
    "sine.nnv": ("loss", 0.01),
    "sweep.nnv": ("best", 0.85),
    "tour.nnv": ("accuracy", 0.9),
    "views.nnv": ("accuracy", 0.9),
    "saliency.nnv": ("accuracy", 0.95),
    "cnn.nnv": ("accuracy", 0.97),
    "report.nnv": ("accuracy", 0.9),
    // Next-character accuracy on held-out windows: a unigram model gets about 16%.
    "rnn.nnv": ("accuracy", 0.3),
    "micrograd.nnv": ("accuracy", 0.9),
  ]

  static var examplesDirectory: URL {
    ScriptRunner.repositoryRoot.appendingPathComponent("Scripts/examples")
  }

  @Test func everyExampleHasAnExpectation() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.examplesDirectory.path)
      .filter { $0.hasSuffix(".nnv") }.sorted()
    #expect(files == Self.expectations.keys.sorted())
  }

  @Test(arguments: expectations.keys.sorted())
  func exampleRunsAndLearns(_ file: String) throws {
    let url = Self.examplesDirectory.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: ScriptRunner.temporaryDirectory)
    let result = interpreter.run(SourceFile(name: file, text: text))
    let rendered = DiagnosticRenderer(color: false).render(result.diagnostics)
    #expect(result.status == .success, "\(rendered)")
    #expect(!output.text.isEmpty)
    guard let (field, bound) = Self.expectations[file] else { return }
    let reached: Value?
    if field == "best" {
      reached = interpreter.value(named: "best")
    } else if case .record(let record)? = interpreter.value(named: "result") {
      reached = record[field]
    } else {
      reached = nil
    }
    guard case .number(let value)? = reached else {
      Issue.record("\(file) does not leave its result (`\(field)`) as a number")
      return
    }
    if field == "loss" {
      #expect(value < bound, "\(file): test \(field) \(value)")
    } else {
      #expect(value > bound, "\(file): test \(field) \(value)")
    }
  }
}
