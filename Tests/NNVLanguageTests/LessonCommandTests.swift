import NNVCore
import NNVLanguage
import NNVPlot
import Testing

/// The commands lessons are written with: `note`, `pause`, `help`, and the mistakes of
/// `plot loss`.
@Suite struct LessonCommandTests {
  /// A sink that records each pause and runs `onPause` in it, as a terminal would wait there.
  final class PausingOutput: OutputSink {
    var text = ""
    var prompts: [String] = []
    var onPause: () throws -> Void = {}

    func write(_ text: String) { self.text += text }
    func progress(_ event: ProgressEvent) {}
    func pause(prompt: String) throws {
      prompts.append(prompt)
      try onPause()
    }
  }

  static func failure(_ source: String) throws -> Diagnostic {
    let (result, _) = ScriptRunner.run(source)
    #expect(result.status != .success)
    return try #require(result.diagnostics.first)
  }

  @Test func noteIsWrappedProse() throws {
    let source = "note \"a **bold** start and `code`, \" + \"joined\""
    #expect(
      ScriptRunner.expectSuccess(source)
        == (try Prose.render("a **bold** start and `code`, joined", width: 80, styled: false)))
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output)
    interpreter.display = Display(colorMode: .ansi256, width: 150)
    _ = interpreter.run(
      SourceFile(name: "note.nnv", text: "note \"\(String(repeating: "word ", count: 40))\""))
    #expect(output.text.contains("\u{1B}") == false)
    #expect(output.text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    _ = interpreter.run(SourceFile(name: "bold.nnv", text: "note \"**bold**\""))
    #expect(output.text.hasSuffix("\n\u{1B}[1mbold\u{1B}[0m\n"))
    // As a function it returns the text and prints nothing.
    let quiet = ScriptRunner.expectSuccess("let t = note(\"one\")\nprint len(t)")
    #expect(quiet == "5\n")
  }

  @Test func pauseWaitsOnlyWhereTheSinkCan() {
    let script = "print 1\npause\nprint 2\npause()\n"
    #expect(ScriptRunner.expectSuccess(script) == "1\n2\n")
    let output = PausingOutput()
    var printedBefore: [String] = []
    output.onPause = { printedBefore.append(output.text) }
    let interpreter = Interpreter(output: output)
    #expect(interpreter.run(SourceFile(name: "pause.nnv", text: script)).status == .success)
    #expect(output.prompts == ["press Enter to go on", "press Enter to go on"])
    #expect(printedBefore == ["1\n", "1\n2\n"])
    interpreter.display = Display(colorMode: .truecolor)
    _ = interpreter.run(SourceFile(name: "dim.nnv", text: "pause"))
    #expect(output.prompts.last == "\u{1B}[2mpress Enter to go on\u{1B}[0m")
  }

  /// Ctrl-C while a pause waits stops the script there, as at any other command.
  @Test func ctrlCDuringAPauseStopsTheScript() throws {
    let output = PausingOutput()
    let flag = CancellationFlag()
    output.onPause = {
      flag.cancel()
      try Cancellation.check()
    }
    let interpreter = Interpreter(output: output, cancellation: flag)
    let result = interpreter.run(
      SourceFile(name: "stop.nnv", text: "print \"one\"\npause\nprint \"never\"\n"))
    #expect(result.status == .interrupted)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.line == 2, "\(diagnostic)")
    #expect(output.text == "one\n")
  }

  @Test func helpPrintsWhatColonHelpPrints() throws {
    let train = try #require(BuiltinRegistry.help(for: "train", width: 80))
    #expect(ScriptRunner.expectSuccess("help train") == train)
    #expect(ScriptRunner.expectSuccess("help \"train\"") == train)
    #expect(ScriptRunner.expectSuccess("help relu").contains("dense 8 relu"))
    #expect(ScriptRunner.expectSuccess("help") == BuiltinRegistry.helpIndex(width: 80))
    #expect(ScriptRunner.expectSuccess("let t = help(\"plot\")\nprint len(t) > 100") == "true\n")

    let host = HostHelp(
      title: "REPL commands", commands: [.init(name: ":vars", usage: ":vars", summary: "names")])
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output)
    interpreter.hostHelp = host
    _ = interpreter.run(SourceFile(name: "host.nnv", text: "help vars\nhelp"))
    #expect(output.text.hasPrefix(":vars\n  names\nCommands:\n"))
    #expect(output.text.hasSuffix("REPL commands:\n  :vars  names\n"))
  }

  @Test func helpForAnUnknownNameSuggestsOne() throws {
    let diagnostic = try Self.failure("help trian")
    #expect(diagnostic.message.text == "No help for 'trian'.")
    #expect(diagnostic.message.hint == "did you mean `train`?")
    #expect(try Self.failure("help zzzzzzzzzz").message.hint == "`help` alone lists every command")
    let shadow = try Self.failure("let help = 1")
    #expect(shadow.message.text.contains("'help' is the name of a builtin command"))
  }

  @Test func lossPlotMistakesSayWhatToWrite() throws {
    let bce = try Self.failure("plot loss bce target 2")
    #expect(bce.message.text.contains("its target cannot be 2."), "\(bce.message.text)")
    #expect(bce.message.hint?.contains("`plot loss mse target 2`") == true)
    let cce = try Self.failure("plot loss cce target 1")
    #expect(cce.message.text.hasPrefix("cce takes no target"))
    let misspelt = try Self.failure("plot loss bec")
    #expect(misspelt.message.text == "Unknown loss 'bec'.")
    #expect(misspelt.message.hint == "did you mean `bce`?")
    #expect(try Self.failure("plot activation tanh target 1").message.text.contains("`target`"))
    #expect(try Self.failure("plot [1, 2] loss mse").message.text.contains("one thing at a time"))
    #expect(try Self.failure("plot loss mse target 1e300").message.text.contains("1,000,000"))
    #expect(ScriptRunner.expectSuccess("plot loss mse target -2").contains("t = -2: L = (y + 2)²"))
  }
}
