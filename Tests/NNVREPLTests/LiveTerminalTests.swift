import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `train ... live` in the built `nnv`, on a pseudo-terminal as a person runs it, and through a
/// pipe: frames drawn in place, the keys, the terminal given back, the weights kept.
@Suite(.serialized) struct LiveTerminalTests {
  static let script = """
    let data = moons(n: 200, noise: 0.1, seed: 1)
    model net { input 2; dense 16 tanh; dense 16 tanh; dense 2 softmax }
    print "before"
    train net on data epochs 100000 batch 32 lr 0.01 live
    print "history", len(net.history)

    """

  /// Starts `nnv` on `script` in a 100 × 30 pseudo-terminal.
  static func start(_ script: String) throws -> PseudoTerminal? {
    guard let binary = TerminalTests.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return nil
    }
    let directory = TerminalTests.makeDirectory()
    let path = directory + "/live.nnv"
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    return try PseudoTerminal(
      executable: binary, arguments: [path],
      environment: ["TERM=xterm", "HOME=\(directory)", "LANG=C.UTF-8", "NNV_NO_HISTORY=1"])
  }

  /// The epoch on the status line of the frame on the screen, and whether it says paused.
  static func status(_ screen: String) -> (epoch: Int, paused: Bool)? {
    for line in screen.split(separator: "\n").reversed() {
      if let match = line.firstMatch(of: /^net  epoch (\d+)\/100000 .*  (\w+)$/),
        let epoch = Int(match.output.1)
      {
        return (epoch, match.output.2 == "paused")
      }
    }
    return nil
  }

  /// Whether the pseudo-terminal reads lines with echo again, as before nnv ran.
  static func isRestored(_ terminal: PseudoTerminal) -> Bool {
    var attributes = termios()
    guard tcgetattr(terminal.master, &attributes) == 0 else { return false }
    return attributes.c_lflag & tcflag_t(ICANON) != 0 && attributes.c_lflag & tcflag_t(ECHO) != 0
  }

  @Test(.timeLimit(.minutes(1))) func framesAreDrawnInPlaceAndTheKeysPauseStepAndStop() throws {
    guard let terminal = try Self.start(Self.script) else { return }
    defer { terminal.close() }
    #expect(terminal.waitFor("space pause · q stop", timeout: 20))
    // Frames of 29 lines (the terminal's 30 less one) redrawn from their first line: the
    // screen does not grow however many are drawn.
    #expect(terminal.waitUntil(timeout: 20) { _ in terminal.transcript.contains("\u{1B}[28A") })
    #expect(
      terminal.waitUntil(timeout: 20) { _ in
        terminal.transcript.components(separatedBy: "\u{1B}[28A").count > 4
      })
    let lines = terminal.screen.split(separator: "\n", omittingEmptySubsequences: false).count
    #expect(lines <= 1 + 29 + 1, "\(terminal.screen)")
    #expect(terminal.transcript.contains("\u{1B}[?25l"))

    terminal.send(" ")
    #expect(terminal.waitUntil(timeout: 20) { Self.status($0)?.paused == true })
    #expect(terminal.waitFor("space resume · s one epoch · q stop", timeout: 20))
    let paused = try #require(Self.status(terminal.screen))
    terminal.send("s")
    #expect(
      terminal.waitUntil(timeout: 20) {
        Self.status($0).map { $0.epoch == paused.epoch + 1 && $0.paused } == true
      })
    terminal.send("q")
    #expect(terminal.waitFor("history \(paused.epoch + 1)", timeout: 20))
    #expect(terminal.waitForExit(timeout: 20) == 0)
    #expect(
      terminal.screen.contains(
        "net  stopped at epoch \(paused.epoch + 1), batch 7 of 7: net keeps the weights"))
    #expect(terminal.transcript.hasSuffix("history \(paused.epoch + 1)\r\n"))
    #expect(terminal.transcript.contains("\u{1B}[?25h"))
    #expect(Self.isRestored(terminal))
  }

  @Test(.timeLimit(.minutes(1))) func ctrlCStopsTheLiveRunAndGivesTheTerminalBack() throws {
    guard let terminal = try Self.start(Self.script) else { return }
    defer { terminal.close() }
    #expect(terminal.waitFor("space pause · q stop", timeout: 20))
    terminal.send("\u{03}")
    #expect(terminal.waitForExit(timeout: 20) == 130)
    #expect(terminal.screen.contains("stopped: Training stopped"))
    #expect(!terminal.screen.contains("history"))
    #expect(terminal.transcript.contains("\u{1B}[?25h"))
    #expect(Self.isRestored(terminal))
  }

  @Test func throughAPipeLiveIsTheUsualProgress() throws {
    guard let binary = TerminalTests.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return
    }
    let result = try PipedRun.run(
      binary,
      [
        "-e",
        """
        let data = moons(n: 64, seed: 1)
        model net { input 2; dense 4 tanh; dense 2 softmax }
        train net on data epochs 3 batch 32 live
        """,
      ],
      term: "xterm")
    let text = result.output
    #expect(result.status == 0)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(text)")
    for (index, line) in lines.prefix(3).enumerated() {
      #expect(line.hasPrefix("net  epoch \(index + 1)/3  loss "), "\(line)")
    }
    #expect(lines.last?.hasPrefix("net  trained 3 epochs in ") == true)
    #expect(!text.contains("\u{1B}"))
  }
}

extension PseudoTerminal {
  /// Everything the program wrote, escape sequences included.
  var transcript: String {
    _ = screen
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Waits until `condition` holds for the screen; false after `timeout` seconds, with the
  /// screen printed.
  func waitUntil(timeout: Double, _ condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition(screen) { return true }
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, 50)
    }
    print("timed out; the screen shows:\n\(screen)")
    return false
  }
}
