import Foundation
import NNVLanguage
import Testing

/// What nnv shows of a value, a name or a view cannot act on the terminal, and a view that
/// cannot be drawn is an error, never an empty or silent result.
@Suite struct OutputSafetyTests {
  @Test func aStringsControlCharactersAreShownEscaped() {
    let value = Value.string("a\u{1B}]0;title\u{07}b\u{9B}c\n")
    #expect(value.debugText == "\"a\\u{1B}]0;title\\u{07}b\\u{9B}c\\n\"")
    #expect(Value.list([value]).debugText == "[\"a\\u{1B}]0;title\\u{07}b\\u{9B}c\\n\"]")
  }

  @Test func aModelNameFromAFileIsEscapedInTheProgressBar() {
    let event = ProgressEvent(
      phase: .epoch, model: "net\u{1B}[2J", epoch: 1, epochs: 2, batch: 1, batches: 1, loss: 0.5,
      elapsed: 1)
    #expect(ProgressRenderer.bar(event).hasPrefix("\rnet\\u{1B}[2J  epoch 1/2"))
    #expect(ProgressRenderer.line(event)?.hasPrefix("net\\u{1B}[2J  epoch 1/2") == true)
  }

  @Test func aViewThatFailsWritesNoFile() {
    let directory = ScriptRunner.temporaryDirectory
    let path = directory + "/failed-\(UUID().uuidString).svg"
    let (result, output) = ScriptRunner.run(
      """
      model net { input 2; dense 2 softmax }
      fn cells() { return 0 }
      boundary net on xor(n: 20) resolution cells() to "\(path)"
      """)
    // The resolution is known only when it runs, so this is the run-time check.
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("at least 2") == true)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(!output.text.contains("wrote"))
  }

  @Test func aBoundaryIsWrittenWhenItCanBeDrawn() throws {
    let path = ScriptRunner.temporaryDirectory + "/boundary-\(UUID().uuidString).svg"
    let (result, output) = ScriptRunner.run(
      """
      model net { input 2; dense 2 softmax }
      boundary net on xor(n: 20) resolution 40 to "\(path)"
      """)
    #expect(result.status == .success)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(size > 1000)
    #expect(output.text.contains("wrote \(path)"))
  }

  @Test func aOneInputModelOnTwoFeaturesIsAnError() {
    let (result, output) = ScriptRunner.run(
      "model line { input 1; dense 1 }\nfn data() { return moons(n: 20) }\n"
        + "boundary line on data()")
    // The data's shape is known only when it runs, so this is the run-time check.
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("takes inputs of shape [1]") == true)
    #expect(output.text.isEmpty)
  }
}
