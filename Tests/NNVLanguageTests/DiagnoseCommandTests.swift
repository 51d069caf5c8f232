import Foundation
import NNVLanguage
import Testing

/// `diagnose` through the language: it prints the findings with their evidence and
/// suggestions, returns them as records a script can act on, writes SVG and text, and turns
/// data that does not fit into a diagnostic.
@Suite struct DiagnoseCommandTests {
  static let moons = """
    let parts = split(moons(n: 200, noise: 0.1, seed: 1), test: 0.25, seed: 2)

    """

  @Test func aHealthyNetworkHasNoProblems() {
    let output = ScriptRunner.expectSuccess(
      Self.moons + """
        model net { input 2; dense 16 relu; dense 2 softmax }
        train net on parts.train epochs 40 batch 16 lr 0.01 validate parts.test every 100
        diagnose net on parts.train validate parts.test width 80
        print len(diagnose(net, on: parts.train, validate: parts.test))
        """)
    #expect(output.contains("diagnosis of net on parts.train, validation parts.test\n"))
    #expect(output.contains("no problems found\n"))
    #expect(output.contains("checked: output and loss, dead and saturated units, gradient flow"))
    #expect(output.contains("not checked:\n  confused classes: with two classes"))
    #expect(output.hasSuffix("\n0\n"))
  }

  @Test func theFindingsArePrintedWithTheirEvidenceAndFix() {
    let output = ScriptRunner.expectSuccess(
      """
      model blank { input 4; dense 8 relu init zeros; dense 1 sigmoid }
      diagnose blank on iris() width 80 color none
      """)
    #expect(output.contains("2 findings: 2 errors\n"))
    #expect(output.contains("✖ error  output-loss  dense_2\n  iris has 3 classes"))
    #expect(output.contains("✖ error  dead-units  dense_1\n  8 of 8 relu units of dense_1"))
    #expect(output.contains("  evidence  dead 8 · units 8 · fraction 1 · samples 150\n"))
    #expect(output.contains("  try       use `dense 3 softmax` with `loss cce`\n"))
    #expect(output.contains("or start from `init he_normal`"))
    #expect(output.contains("  over- and underfitting: blank has no training history\n"))
  }

  @Test func theFindingsAreRecordsAScriptCanActOn() {
    let output = ScriptRunner.expectSuccess(
      Self.moons + """
        model slow { input 2; dense 16 relu; dense 2 softmax }
        train slow on parts.train epochs 30 batch 16 optimizer sgd lr 0.001 seed 3 every 100
        let findings = diagnose(slow, on: parts.train)
        print len(findings)
        let f = findings[0]
        print f.code, f.severity, f.layer, f.evidence.lr, f.evidence.epochs
        print f.suggestion
        if f.code == "lr-too-low" { train slow on parts.train epochs 30 optimizer sgd lr 0.01 }
        print len(diagnose(slow, on: parts.train))
        """)
    let lines = output.split(separator: "\n").filter { !$0.hasPrefix("slow ") }
    #expect(lines.first == "1")
    #expect(lines.dropFirst().first == "lr-too-low warning none 0.001 30")
    #expect(lines.dropFirst(2).first == "retrain with `lr 0.01` (10 times larger)")
    #expect(lines.last == "0")
  }

  @Test func itWritesSVGAndText() throws {
    let names = ["diagnose-\(UUID()).svg", "diagnose-\(UUID()).txt"]
    defer {
      for name in names {
        try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
      }
    }
    let output = ScriptRunner.expectSuccess(
      """
      model blank { input 4; dense 8 relu init zeros; dense 1 sigmoid }
      diagnose blank on iris() to "\(names[0])"
      let found = diagnose(blank, on: iris(), to: "\(names[1])", ascii: true)
      print len(found)
      """)
    #expect(output.contains("wrote \(names[0])") && output.hasSuffix("2\n"))
    let svg = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + names[0], encoding: .utf8)
    #expect(svg.contains("data-code=\"output-loss\" data-severity=\"error\""))
    #expect(svg.contains("class=\"suggestion\""))
    let text = try String(
      contentsOfFile: ScriptRunner.temporaryDirectory + "/" + names[1], encoding: .utf8)
    #expect(text.contains("X error  dead-units  dense_1"))
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func dataThatDoesNotFitIsAnError() {
    let checked = ScriptRunner.runText(
      """
      model net { input 2; dense 2 softmax }
      diagnose net on iris()
      """)
    #expect(checked.result.status != .success)
    #expect(checked.result.diagnostics.first?.text.contains("samples of shape [4]") == true)
    let run = ScriptRunner.runText(
      """
      model net { input 4; dense 3 softmax }
      let sets = [iris(), moons(n: 20)]
      diagnose net on sets[0] validate sets[1]
      """)
    #expect(run.result.status != .success)
    #expect(run.result.diagnostics.first?.text.contains("takes inputs of shape [4]") == true)
  }

  /// The example networks, trained as their scripts train them, and how each is diagnosed.
  static let examples: [(file: String, diagnoses: [String])] = [
    ("xor.nnv", ["diagnose(net, on: parts.train, validate: parts.test)"]),
    ("spiral.nnv", ["diagnose(net, on: parts.train, validate: parts.test)"]),
    ("iris.nnv", ["diagnose(net, on: parts.train, validate: parts.test)"]),
    ("digits.nnv", ["diagnose(net, on: parts.train, validate: parts.test)"]),
    ("sine.nnv", ["diagnose(curve, on: parts.train, validate: parts.test)"]),
    ("cnn.nnv", ["diagnose(cnn, on: parts.train, validate: parts.test)"]),
    (
      "rnn.nnv",
      [
        "diagnose(writer, on: parts.train, validate: parts.test)",
        "diagnose(counter, on: bits, validate: parity(n: 200, length: 12, seed: 2))",
        "diagnose(depth, on: nests)",
      ]
    ),
  ]

  @Test(arguments: examples.map(\.file))
  func theExampleNetworksGetNoFinding(_ file: String) throws {
    let url = ExampleScriptTests.examplesDirectory.appendingPathComponent(file)
    let script = try String(contentsOf: url, encoding: .utf8)
    let diagnoses = Self.examples.first { $0.file == file }?.diagnoses ?? []
    let (result, output) = ScriptRunner.runText(
      script + diagnoses.map { "\nprint \"found:\", len(\($0))" }.joined())
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let found = output.split(separator: "\n").filter { $0.hasPrefix("found:") }
    #expect(found.count == diagnoses.count && found.allSatisfy { $0 == "found: 0" }, "\(found)")
  }
}
