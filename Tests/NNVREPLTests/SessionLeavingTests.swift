import Foundation
import NNVLanguage
import NNVREPL
import Testing

/// Leaving a session: Ctrl-D (at either prompt) and Ctrl-C twice within a second ask first when
/// a model has unsaved changes, and leave at once otherwise.
@Suite struct SessionLeavingTests {
  /// Runs a session over `results`; returns it, its reader and its transcript.
  func run(
    _ results: [LineReadResult], window: Duration = .seconds(1), interactive: Bool = true
  ) -> (Session, FakeLineReader, String) {
    let output = TranscriptOutput()
    let reader = FakeLineReader(results, isInteractive: interactive)
    let session = Session(reader: reader, output: output, directory: SessionTests.makeDirectory())
    session.doubleInterruptWindow = window
    session.run()
    return (session, reader, output.text)
  }

  static let model = LineReadResult.line("model net { input 2; dense 1 sigmoid }")

  func questions(_ reader: FakeLineReader) -> Int {
    reader.prompts.filter { $0 == Session.leaveQuestion }.count
  }

  @Test func ctrlDWithAnUnsavedModelAsksAndNoStays() {
    let (session, reader, text) = run([
      Self.model, .endOfInput, .line("n"), .line("1 + 1"), .endOfInput, .line("yes"),
      .line("print \"never read\""),
    ])
    #expect(questions(reader) == 2)
    #expect(text.contains(Session.unsavedNote(["net"])))
    #expect(text.contains("\n2\n"))
    #expect(!text.contains("never read"))
    #expect(session.hasUnsavedWork)
  }

  @Test func ctrlDAtAContinuationPromptAsksAndDropsTheEntry() {
    let (_, reader, text) = run([
      Self.model, .line("model other {"), .endOfInput, .line(""), .line("net"), .endOfInput,
      .endOfInput,
    ])
    #expect(
      reader.prompts == [
        "nnv> ", "nnv> ", "...> ", Session.leaveQuestion, "nnv> ", "nnv> ",
        Session.leaveQuestion,
      ])
    #expect(text.contains("model net: input [2] → dense 1 sigmoid"))
    #expect(!text.contains("model other"))
  }

  @Test func nothingUnsavedLeavesAtOnce() {
    // Saved with `save`, loaded with `load`, or the session written with `:save`.
    let cases: [[LineReadResult]] = [
      [.line("let x = 1"), .line("let d = xor(n: 8)")],
      [Self.model, .line("save net to \"net.nnvm\"")],
      [Self.model, .line("save net to \"net.nnvm\""), .line("let again = load(\"net.nnvm\")")],
      [Self.model, .line(":save session.nnv")],
    ]
    for results in cases {
      let (session, reader, _) = run(results + [.endOfInput, .line("print 1")])
      #expect(questions(reader) == 0, "\(results)")
      #expect(!session.hasUnsavedWork)
    }
  }

  @Test func trainingASavedModelMakesItUnsavedAgain() {
    let (session, reader, text) = run([
      Self.model, .line("save net to \"net.nnvm\""), .line("let copy = load(\"net.nnvm\")"),
      .line("train copy on xor(n: 16) epochs 1"), .line("let models = [net, copy]"),
    ])
    #expect(questions(reader) == 1)
    #expect(session.unsavedModels == ["copy"])
    #expect(text.contains(Session.unsavedNote(["copy"])))
  }

  @Test func ctrlCTwiceWithinTheWindowAsks() {
    let (_, reader, text) = run(
      [Self.model, .line("model half {"), .interrupted, .interrupted, .line("n"), .line("7")],
      window: .seconds(3600))
    #expect(questions(reader) == 2)  // after the two Ctrl-Cs, and at the end of input
    #expect(text.contains("\n7\n"))
    // Without unsaved work, two Ctrl-Cs leave at once.
    let (_, quiet, _) = run(
      [.line("let x = 1"), .interrupted, .interrupted, .line("print 2")], window: .seconds(3600))
    #expect(quiet.prompts.count == 3)
    // An entry between two Ctrl-Cs makes them two single ones.
    let (_, apart, _) = run(
      [Self.model, .interrupted, .line("1"), .interrupted, .line("save net to \"n\"")],
      window: .seconds(3600))
    #expect(questions(apart) == 0)
  }

  @Test func ctrlCsFartherApartOnlyClearTheLine() {
    let (_, reader, text) = run(
      [
        Self.model, .interrupted, .interrupted, .interrupted, .line("7"),
        .line("save net to \"n\""),
      ],
      window: .zero)
    #expect(questions(reader) == 0)
    #expect(text.contains("\n7\n"))
  }

  @Test func pipedInputEndsWithoutAQuestion() {
    let (_, reader, text) = run([Self.model, .endOfInput, .line("print 3")], interactive: false)
    #expect(questions(reader) == 0)
    #expect(!text.contains("Unsaved"))
    #expect(!text.contains("3"))
  }
}
