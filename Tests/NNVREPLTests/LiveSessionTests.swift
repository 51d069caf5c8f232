import Foundation
import NNVLanguage
import NNVREPL
import Testing

/// `:set live on`: every `train` of the session draws its dashboard.
@Suite struct LiveSessionTests {
  func run(_ lines: [String], screen: MemoryScreen) -> (Session, String) {
    let output = TranscriptOutput(liveScreen: screen)
    let session = Session(
      reader: FakeLineReader(lines: lines), output: output,
      directory: SessionTests.makeDirectory())
    session.run()
    return (session, output.text)
  }

  static let model = "model net { input 2; dense 4 tanh; dense 2 softmax }"

  @Test func settingLiveOnMakesTrainingLiveUntilItIsOff() {
    let screen = MemoryScreen()
    let (session, text) = run(
      [
        "let data = moons(n: 40, seed: 1)", Self.model, "train net on data epochs 2",
        ":set live on", ":set", "train net on data epochs 3", ":reset",
        "let data = moons(n: 40, seed: 1)", Self.model, "train net on data epochs 4",
        ":set live off", "train net on data epochs 5", ":set live maybe", ":quit",
      ], screen: screen)
    #expect(text.contains("live on\n"))
    // Only the trainings while live was on drew, through :reset; each ended with its frame.
    let finals = screen.frames.filter { $0.prefix { $0 != "\n" }.hasSuffix("done") }
    #expect(finals.map { $0.contains("epoch 3/3") } == [true, false])
    #expect(finals.last?.contains("epoch 4/4") == true)
    #expect(text.contains("net  trained 3 epochs in "))
    #expect(text.contains("error: Expect on or off after :set live."))
    #expect(!session.settings.live)
    #expect(!session.interpreter.liveTraining)
  }
}
