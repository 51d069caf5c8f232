import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Sizes over the limits and non-finite values, through the checker (`nnv --check`) and the
/// interpreter: each is a diagnostic at the right place naming the limit, and the session
/// keeps its state.
@Suite struct LimitDiagnosticTests {
  func check(_ text: String) -> [Diagnostic] {
    Interpreter(output: CollectingOutput()).check(SourceFile(name: "c.nnv", text: text))
  }

  @Test func checkingAnOverflowingShapeGivesADiagnosticNotATrap() throws {
    let diagnostics = check(
      "let x = 1\nmodel m { input [10000000, 10000000, 10000000]; flatten }")
    let first = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(first.line == 2 && first.column == 17)
    #expect(first.text.contains("268,435,456 elements per tensor"), "\(first.text)")
    #expect(first.hint?.contains("smaller sizes") == true)
  }

  @Test func checkingHugeDenseLayersNamesTheParameterLimit() throws {
    let diagnostics = check("model m {\n  input 3000\n  dense 30000\n}")
    let first = try #require(diagnostics.first)
    #expect(first.line == 3 && first.column == 3)
    #expect(first.text.contains("90,030,000 parameters"), "\(first.text)")
    #expect(first.text.contains("67,108,864 parameters per model"), "\(first.text)")
    // Within the limits, nothing is reported.
    #expect(check("model m { input [28, 28]; flatten; dense 128 relu; dense 10 }").isEmpty)
  }

  @Test func checkingArgumentsNamesTheLimitAndTheValue() throws {
    let diagnostics = check(
      "let d = xor(n: 8)\nmodel m { input 2; dense 1 }\ntrain m on d epochs 1e15 every 0.5")
    #expect(diagnostics.count == 2)
    #expect(diagnostics.first?.text.contains("the limit on epochs per training run") == true)
    #expect(diagnostics.first?.text.contains("not 1,000,000,000,000,000") == true)
    #expect(diagnostics.last?.text == "`every` of `train` must be a whole number, not 0.5.")
  }

  @Test func aSessionSurvivesRuinedWeightsAndCanStillSave() throws {
    let interpreter = Interpreter(
      output: CollectingOutput(), directory: ScriptRunner.temporaryDirectory)
    func run(_ text: String) -> RunResult {
      interpreter.run(SourceFile(name: "s.nnv", text: text))
    }
    #expect(
      run("let d = xor(n: 100, seed: 3)\nmodel m { input 2; dense 8 tanh; dense 1 sigmoid }")
        .status == .success)
    guard case .model(let before) = interpreter.value(named: "m") else {
      Issue.record("m is missing")
      return
    }
    let initial = before.model.parameters
    let failed = run("train m on d epochs 3 lr 1e30 optimizer sgd")
    #expect(failed.status == .software)
    #expect(failed.diagnostics.first?.hint?.contains("smaller `lr`") == true)
    guard case .model(let after) = interpreter.value(named: "m") else {
      Issue.record("m is gone")
      return
    }
    #expect(after.model.parameters == initial)
    let name = "limits-\(UUID()).nnvm"
    defer {
      try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
    }
    let saved = run(
      "train m on d epochs 2 lr 0.05\nsave m to \"\(name)\"\nlet back = load(\"\(name)\")")
    #expect(saved.status == .success, "\(saved.diagnostics.map(\.text))")
  }

  @Test func generatingOrStandardizingInfiniteValuesNamesThem() throws {
    let (result, _) = ScriptRunner.run("let d = xor(n: 50, noise: 3e38)")
    let text = try #require(result.diagnostics.first?.text)
    #expect(text.contains("infinite value in feature x"), "\(text)")
    #expect(text.contains("sample"), "\(text)")
    // Finite values whose differences from the mean overflow a Float.
    let name = "limits-\(UUID()).csv"
    let path = ScriptRunner.temporaryDirectory + "/" + name
    try "x,label\n-3.4e38,a\n-3.4e38,a\n3.4e38,b\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (scaled, _) = ScriptRunner.run("let d = standardize(csv(\"\(name)\"))")
    let message = try #require(scaled.diagnostics.first?.text)
    #expect(message.contains("infinite value in feature x of sample 2"), "\(message)")
    #expect(message.contains("too large to standardize"), "\(message)")
  }

  @Test func theReadmeListsEveryLimit() throws {
    let readme = try String(
      contentsOf: ScriptRunner.repositoryRoot.appendingPathComponent("README.md"),
      encoding: .utf8)
    for limit in ResourceLimits.all {
      #expect(readme.contains(limit.description), "README.md does not list \(limit)")
    }
    #expect(readme.contains(ResourceLimit.amount(ParameterType.largestWholeNumber)))
  }
}
