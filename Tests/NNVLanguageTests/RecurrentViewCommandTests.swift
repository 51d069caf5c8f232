import Foundation
import NNVLanguage
import Testing

/// `hidden`, `gates` and `trajectory` through the language: they draw, write SVG, and turn
/// every model, layer, index, unit or data set they cannot show into a diagnostic with a hint.
@Suite struct RecurrentViewCommandTests {
  static let lstm = """
    let d = parity(40, length: 10, seed: 1)
    model m { input [10, 1]; lstm 40 sequences true; dense 2 softmax }
    model r { input [10, 1]; rnn 3 sequences true; dense 2 softmax }
    model flat { input 10; dense 2 softmax }

    """

  @Test func hiddenCapsTheUnitsAndSaysHowToSeeThem() {
    let output = ScriptRunner.expectSuccess(Self.lstm + "hidden m on d index 1 width 80 color none")
    #expect(output.contains("hidden states · lstm_1 (lstm, 40 units) · m on parity #1"))
    #expect(output.contains("showing units 1–32 of 40"))
    #expect(output.contains("`unit K` follows one unit"))
    let lines = output.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 80 })
    let unit = ScriptRunner.expectSuccess(Self.lstm + "hidden m on d unit 40 width 80 color none")
    #expect(unit.contains("unit 40 of lstm_1") && unit.contains("unit 40 over 10 steps: min"))
    let top = ScriptRunner.expectSuccess(Self.lstm + "hidden m on d top 3 signal position width 80")
    #expect(top.contains("units of lstm_1 (lstm) that track position"))
    #expect(top.contains("40 sequences,"))
  }

  @Test func allThreeWriteSVG() throws {
    let names = (0..<5).map { "recurrent-\($0)-\(UUID()).svg" }
    defer {
      for name in names {
        try? FileManager.default.removeItem(atPath: ScriptRunner.temporaryDirectory + "/" + name)
      }
    }
    let output = ScriptRunner.expectSuccess(
      Self.lstm + """
        hidden m on d to "\(names[0])"
        hidden m on d unit 2 to "\(names[1])"
        hidden m on d top 5 to "\(names[2])"
        gates m on d to "\(names[3])"
        trajectory m on d by class to "\(names[4])"
        """)
    let expected = [
      "class=\"cell\"", "unit 2 = ", "class=\"bar\"", "data-gate=\"f\"", "data-sample=\"19\"",
    ]
    for (name, mark) in zip(names, expected) {
      #expect(output.contains("wrote \(name)"))
      let svg = try String(
        contentsOfFile: ScriptRunner.temporaryDirectory + "/" + name, encoding: .utf8)
      #expect(svg.contains("<svg") && svg.contains(mark), "\(name)")
    }
  }

  /// The first diagnostic of a script that fails.
  func failure(_ script: String) -> Diagnostic? {
    let (result, _) = ScriptRunner.runText(script)
    #expect(result.status != .success)
    return result.diagnostics.first
  }

  @Test func whatCannotBeShownIsADiagnosticWithAHint() throws {
    let cases: [(String, String, String)] = [
      (
        "hidden flat on d", "`hidden` needs a recurrent layer; `flat` has none.",
        "lstm 8 sequences true"
      ),
      ("gates r on d", "rnn_1 is an rnn layer, which has no gates.", "`lstm` and `gru`"),
      (
        "trajectory m on d layer 2",
        "There is no recurrent layer 2; the model has 1: 1 lstm_1.", "counted from 1"
      ),
      ("hidden m on d index 40", "There is no input 40 in", "data sets count from 0"),
      ("gates m on d index -1", "There is no input -1 in", "data sets count from 0"),
      ("hidden m on d unit 41", "There is no unit 41 in lstm_1", "`top 5`"),
      ("hidden m on d top 2 char \"x\"", "parity has no symbol \"x\"", "`char` names"),
      ("hidden m on d top 2 signal char", "`signal char` needs the symbol", "char"),
      (
        "fn other() { return iris() }\nhidden m on other()",
        "m takes inputs of shape [10, 1], but iris has samples of shape [4].",
        "the sequences the model was trained on"
      ),
      ("trajectory m on waves(4, length: 10) by class", "has no class labels", ""),
      ("hidden m on d unit 0", "`unit` of `hidden` must be", ""),
    ]
    for (script, message, hint) in cases {
      let diagnostic = try #require(failure(Self.lstm + script), "\(message)")
      #expect(diagnostic.text.contains(message), "\(diagnostic.text)")
      #expect(
        hint.isEmpty || diagnostic.hint?.contains(hint) == true,
        "\(diagnostic.hint ?? "no hint")")
    }
  }
}
