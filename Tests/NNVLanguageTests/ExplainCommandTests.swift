import Foundation
import NNVLanguage
import Testing

/// `explain` and `step` through the language: the step taken is training's, the model keeps
/// it, and the finite-difference check printed agrees with backpropagation's number.
@Suite struct ExplainCommandTests {
  static let setup = """
    let data = xor(n: 40, seed: 1)
    model net { input 2; dense 3 tanh; dense 1 sigmoid }

    """

  /// The number after `label` at the start of a line of `text`, where a line reads
  /// `LABEL = NUMBER   ...` (a minus written as −).
  static func number(after label: String, in text: String) -> Double? {
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix(label), let equal = trimmed.firstIndex(of: "=") else { continue }
      let rest = trimmed[trimmed.index(after: equal)...].trimmingCharacters(in: .whitespaces)
      let word = rest.split(separator: " ").first.map(String.init) ?? ""
      return Double(word.replacingOccurrences(of: "−", with: "-"))
    }
    return nil
  }

  @Test func theCheckPrintedAgreesWithBackpropagation() throws {
    let output = ScriptRunner.expectSuccess(
      Self.setup + "explain step net on data batch 16 width 80 color none")
    let numeric = try #require(Self.number(after: "(L(w + h) − L(w − h)) / 2h", in: output))
    let backprop = try #require(Self.number(after: "dL/dw", in: output))
    #expect(backprop != 0)
    #expect(abs(numeric - backprop) <= 1e-3 * abs(backprop))
    #expect(output.contains("They agree to"))
  }

  @Test func explainStepTakesTheStepThatStepTakes() {
    let probe = "\nprint predict(net, [0.3, -0.2])"
    let explained = ScriptRunner.expectSuccess(
      Self.setup + "explain step net on data batch 8 lr 0.3 width 80" + probe)
    let stepped = ScriptRunner.expectSuccess(
      Self.setup + "step net on data batch 8 lr 0.3" + probe)
    let after = { (text: String) in text.split(separator: "\n").last.map(String.init) }
    #expect(after(explained) == after(stepped))
    // The same losses: `step` prints `net: loss A → B (...)`, `explain step` `loss before A
    // → after B`.
    let line = stepped.split(separator: "\n").first.map(String.init) ?? ""
    let parts = line.split(separator: " ")
    #expect(parts.count > 4 && parts[1] == "loss")
    if parts.count > 4 {
      #expect(explained.contains("loss before \(parts[2]) → after \(parts[4])"))
    }
    let untouched = ScriptRunner.expectSuccess(Self.setup + probe)
    #expect(after(untouched) != after(stepped))
  }

  @Test func callFormsReturnTheTextAndTheLosses() {
    let output = ScriptRunner.expectSuccess(
      Self.setup + """
        let page = explain(net, on: [0.5, -0.5], target: 1, width: 80)
        print len(page) > 100
        let unit = explain(net, layer: 1, unit: 2)
        print len(unit) > 0
        let change = step(net, on: data, optimizer: "sgd", lr: 0.05, batch: 4)
        print change.before > change.after
        """)
    #expect(output == "true\ntrue\ntrue\n")
  }

  @Test func theViewsWriteFiles() throws {
    let names = (0..<3).map { "explain-\($0)-\(UUID()).svg" }
    defer {
      for name in names {
        try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
      }
    }
    let output = ScriptRunner.expectSuccess(
      Self.setup + """
        explain net on data index 3 to "\(names[0])"
        explain net layer 1 unit 1 on data to "\(names[1])"
        explain step net on data to "\(names[2])"
        """)
    let marks = ["a = tanh(", "over the plane of the inputs", "backpropagation"]
    for (name, mark) in zip(names, marks) {
      #expect(output.contains("wrote \(name)"))
      let svg = try String(
        contentsOfFile: ScriptRunner.temporaryDirectory + "/" + name, encoding: .utf8)
      #expect(svg.contains("<svg") && svg.contains(mark), "\(name)")
    }
  }

  @Test func aBadFileNameLeavesTheModelUnstepped() {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: ScriptRunner.temporaryDirectory)
    let setup = interpreter.run(
      SourceFile(
        name: "setup.nnv",
        text: Self.setup + "let before = predict(net, [0.3, -0.2])\nlet name = \"step.png\""))
    #expect(setup.status == .success)
    let bad = interpreter.run(
      SourceFile(name: "bad.nnv", text: "explain step net on data to name"))
    #expect(bad.status != .success)
    #expect(bad.diagnostics.first?.text.contains("cannot write .png files") == true)
    let check = interpreter.run(
      SourceFile(name: "check.nnv", text: "print predict(net, [0.3, -0.2]) == before"))
    #expect(check.status == .success)
    #expect(output.text == "true\n")
  }
}
