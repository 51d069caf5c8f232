import Foundation
import NNVLanguage
import Testing

/// `train ... live` through the interpreter with a screen in memory: the frames it draws, what
/// the keys do, the weights kept; and without a screen, the usual progress.
@Suite struct LiveTrainingTests {
  /// 64 points, 2 batches of 32 an epoch, and a small classifier.
  static let setup = """
    let data = moons(n: 64, noise: 0.1, seed: 1)
    model net { input 2; dense 8 tanh; dense 2 softmax }

    """

  /// Runs `script` after the setup, drawing on `screen`.
  static func run(
    _ script: String, on screen: MemoryScreen?, live: Bool = false,
    cancellation: CancellationFlag = CancellationFlag()
  ) -> (result: RunResult, output: CollectingOutput, interpreter: Interpreter) {
    let output = CollectingOutput(liveScreen: screen)
    let interpreter = Interpreter(output: output, cancellation: cancellation)
    interpreter.liveTraining = live
    let result = interpreter.run(SourceFile(name: "live.nnv", text: setup + script))
    return (result, output, interpreter)
  }

  /// The first line of a frame: `net  epoch 12/100000  loss …  paused`.
  static func status(_ frame: String) -> String {
    String(frame.prefix { $0 != "\n" })
  }

  /// The epoch a frame shows.
  static func epoch(_ frame: String) -> Int? {
    guard let match = status(frame).firstMatch(of: /epoch (\d+)\//) else { return nil }
    return Int(match.output.1)
  }

  /// What the run is doing, as a frame's first line ends.
  static func state(_ frame: String) -> String {
    for state in [
      "pausing at the epoch's end", "one epoch", "running", "paused", "done", "stopped",
    ]
    where status(frame).hasSuffix(state) {
      return state
    }
    return "?"
  }

  @Test func spacePausesAtAnEpochsEndSStepsOneEpochAndQStopsKeepingTheWeights() throws {
    let screen = MemoryScreen()
    var paused: [Int] = []
    screen.onDraw = { [unowned screen] number, frame in
      if number == 1 { screen.keys.append(" ") }
      guard Self.state(frame) == "paused", let epoch = Self.epoch(frame) else { return }
      paused.append(epoch)
      screen.keys.append(paused.count == 1 ? "s" : "q")
    }
    let (result, output, _) = Self.run(
      "train net on data epochs 100000 batch 32 live\nprint \"epochs\", len(net.history)\n",
      on: screen)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    #expect(screen.began && screen.ended)
    // The states frame after frame, each once (a slow machine may draw one twice).
    var states: [String] = []
    for state in screen.frames.map(Self.state) where state != states.last { states.append(state) }
    // Asked to pause, paused at an epoch's end, one epoch, paused again, stopped.
    #expect(states.first == "running")
    #expect(states.contains("pausing at the epoch's end"))
    #expect(states.suffix(4) == ["paused", "one epoch", "paused", "stopped"])
    #expect(paused.count == 2)
    let first = try #require(paused.first)
    #expect(paused.last == first + 1)
    #expect(Self.epoch(screen.frames.last ?? "") == first + 1)
    // The model keeps its weights; the script goes on.
    #expect(
      output.text.contains(
        "net  stopped at epoch \(first + 1), batch 2 of 2: net keeps the weights it had reached"))
    #expect(output.text.hasSuffix("epochs \(first + 1)\n"))
    #expect(output.events.isEmpty)
  }

  @Test func spaceAgainResumesAndTrainingRunsToItsEnd() {
    let screen = MemoryScreen(columns: 120, rows: 40)
    screen.onDraw = { [unowned screen] number, frame in
      if number == 1 || Self.state(frame) == "paused" { screen.keys.append(" ") }
    }
    let (result, output, _) = Self.run("train net on data epochs 40 batch 32 live", on: screen)
    #expect(result.status == .success)
    #expect(screen.frames.filter { Self.state($0) == "paused" }.count == 1)
    #expect(Self.state(screen.frames.last ?? "") == "done")
    #expect(Self.epoch(screen.frames.last ?? "") == 40)
    #expect(output.text.contains("net  trained 40 epochs in "))
    for frame in screen.frames {
      let lines = frame.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(lines.count <= 39)
      #expect(lines.allSatisfy { $0.count <= 120 })
    }
  }

  @Test func ctrlCWhilePausedStopsAsItDoesWithoutTheDashboard() throws {
    let screen = MemoryScreen()
    let cancellation = CancellationFlag()
    screen.onDraw = { [unowned screen] number, frame in
      if number == 1 { screen.keys.append(" ") }
      if Self.state(frame) == "paused" { cancellation.cancel() }
    }
    let (result, output, interpreter) = Self.run(
      "train net on data epochs 100000 batch 32 live\nprint \"never\"\n", on: screen,
      cancellation: cancellation)
    #expect(result.status == .interrupted)
    let message = try #require(result.diagnostics.first?.text)
    #expect(message.hasPrefix("Training stopped at epoch "))
    #expect(screen.ended)
    #expect(Self.state(screen.frames.last ?? "") == "stopped")
    #expect(!output.text.contains("never"))
    guard case .model(let net)? = interpreter.value(named: "net") else {
      Issue.record("net is gone")
      return
    }
    #expect(net.model.history.epochs.count == Self.epoch(screen.frames.last ?? ""))
  }

  @Test func theSessionSettingMakesEveryTrainLiveUnlessItSaysOtherwise() {
    let screen = MemoryScreen()
    let (result, _, _) = Self.run(
      "train net on data epochs 3\ntrain(net, on: data, epochs: 2, live: false)\n", on: screen,
      live: true)
    #expect(result.status == .success)
    let finals = screen.frames.filter { Self.state($0) == "done" }
    #expect(finals.count == 1)
    #expect(finals.first.map(Self.epoch) == 3)
    #expect(Self.state(screen.frames.last ?? "") == "done")
  }

  @Test func trainingThatCannotStartDrawsNothingAndGivesTheScreenBack() {
    let screen = MemoryScreen()
    let (result, _, _) = Self.run(
      // Known only when it runs: the checker cannot see what the function returns.
      "fn flowers() { return iris() }\ntrain(net, on: flowers(), epochs: 3, live: true)\n",
      on: screen)
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("samples of shape [4]") == true)
    #expect(screen.began && screen.ended)
    #expect(screen.frameCount == 0)
  }

  @Test func withoutAScreenLiveReportsTheUsualProgress() {
    let (result, output, _) = Self.run("train net on data epochs 3 batch 32 live", on: nil)
    #expect(result.status == .success)
    let epochs = output.events.filter { $0.phase == .epoch }.map(\.epoch)
    #expect(epochs == [1, 2, 3])
    #expect(output.events.last?.phase == .finished)
    #expect(output.events.contains { $0.phase == .batch })
  }

  @Test func aFlagTakesNoValueInAStatement() {
    let (result, _, _) = Self.run("train net on data epochs 3 live true", on: nil)
    #expect(result.status == .dataError)
    let diagnostic = result.diagnostics.first
    #expect(diagnostic?.text == "`live` is a flag: it takes no value.")
    #expect(diagnostic?.message.hint == "write `live` alone, or `live: false` in a call")
    let (call, _, _) = Self.run("train(net, on: data, epochs: 1, live: 3)", on: nil)
    #expect(call.status == .dataError)
    #expect(call.diagnostics.first?.text == "`live` of `train` must be true or false, not 3.")
  }
}
