import Foundation
import NNVLanguage
import NNVREPL
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `pause` in the built `nnv`: on a pseudo-terminal it waits for Enter (other keys do nothing
/// and show nothing), erases its prompt, and Ctrl-C stops the script or the REPL's entry; with
/// a pipe it does nothing. No assertion depends on timing: each waits for text to appear.
@Suite(.serialized) struct PauseTerminalTests {
  static let environment = ["TERM=xterm", "LANG=C.UTF-8", "NNV_NO_HISTORY=1"]

  @Test(.timeLimit(.minutes(1))) func aScriptWaitsForEnterAtEachPause() throws {
    let binary = try #require(TerminalTests.binary, "the nnv binary was not found")
    let directory = TerminalTests.makeDirectory()
    let script = directory + "/slides.nnv"
    try """
    print "first slide"
    pause
    print "second slide"
    pause
    print "never shown"
    """.write(toFile: script, atomically: true, encoding: .utf8)
    let terminal = try PseudoTerminal(
      executable: binary, arguments: [script],
      environment: Self.environment + ["HOME=\(directory)"])
    defer { terminal.close() }
    #expect(terminal.waitFor("press Enter to go on"))
    // Other keys neither go on nor show: the pause still waits after them.
    terminal.send("abc ")
    usleep(300_000)
    #expect(!terminal.screen.contains("second slide"))
    #expect(!terminal.screen.contains("abc"))
    terminal.send("\r")
    #expect(terminal.waitFor("second slide"))
    #expect(terminal.waitFor("press Enter to go on"))
    // The first prompt was erased: only the second is on the screen.
    #expect(terminal.screen.components(separatedBy: "press Enter").count == 2)
    terminal.send("\u{03}")
    #expect(terminal.waitForExit() == 130)
    let screen = terminal.screen
    #expect(screen.contains("slides.nnv:4:1: stopped: Interrupted."), "\(screen)")
    #expect(!screen.contains("never shown"))
    #expect(!screen.contains("press Enter"))
  }

  @Test(.timeLimit(.minutes(1))) func theReplWaitsAtAPauseAndCtrlCGivesThePromptBack() throws {
    let binary = try #require(TerminalTests.binary, "the nnv binary was not found")
    let directory = TerminalTests.makeDirectory()
    let terminal = try PseudoTerminal(
      executable: binary, environment: Self.environment + ["HOME=\(directory)"])
    defer { terminal.close() }
    #expect(terminal.waitFor("nnv>"))
    terminal.send("pause\r")
    #expect(terminal.waitFor("press Enter to go on"))
    terminal.send("\r")
    terminal.send("print 6 * 7\r")
    #expect(terminal.waitFor("\n42\n"))
    terminal.send("pause\r")
    #expect(terminal.waitFor("press Enter to go on"))
    terminal.send("\u{03}")
    #expect(terminal.waitFor("stopped: Interrupted."))
    terminal.send("print 5 * 5\r")
    #expect(terminal.waitFor("\n25\n"))
    terminal.send(":quit\r")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func aPipeNeverWaits() throws {
    let binary = try #require(TerminalTests.binary, "the nnv binary was not found")
    let result = try PipedRun.run(binary, bytes: Array("print 1\npause\nprint 2\npause\n".utf8))
    #expect(result.status == 0)
    #expect(result.output == "1\n2\n")
  }
}

/// The REPL's `help NAME` and `:help NAME` print the same text.
@Suite struct HelpSessionTests {
  func transcript(_ lines: [String]) -> String {
    let output = TranscriptOutput()
    let path = NSTemporaryDirectory() + "nnv-help-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    Session(reader: FakeLineReader(lines: lines), output: output, directory: path).run()
    return output.text
  }

  @Test(arguments: ["train", "relu", "vars", ":save", ""])
  func helpStatementMatchesColonHelp(_ name: String) {
    let statement = transcript(["help " + (name.hasPrefix(":") ? "\"\(name)\"" : name)])
    let colon = transcript([":help " + name])
    #expect(statement == colon)
    #expect(statement.count > Session.banner.count + 10)
  }

  /// After `help `, Tab offers the names help knows; `note` and `pause`, run for what they do,
  /// start statements but are not offered inside expressions.
  @Test func completionKnowsHelpTopicsAndStatementCommands() {
    let completer = CompletionTests.completer
    func candidates(_ line: String) -> [String] {
      completer.complete(CompletionRequest(line: line, cursor: nil, preceding: "")).candidates
    }
    #expect(candidates("help tr") == ["train", "trajectory"])
    #expect(candidates("help re") == ["relu", "report"])
    #expect(candidates("pa").contains("pause"))
    #expect(candidates("no").contains("note"))
    #expect(!candidates("print pa").contains("pause"))
  }

  @Test func unknownNamesGetTheSameSuggestion() {
    #expect(transcript([":help trian"]).contains("hint: did you mean `train`?"))
    #expect(transcript(["help trian"]).contains("hint: did you mean `train`?"))
  }
}
