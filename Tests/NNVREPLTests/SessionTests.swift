import Foundation
import NNVLanguage
import NNVPlot
import NNVREPL
import Testing

/// The session driven through a `FakeLineReader`: what it prints, what it keeps, what it saves.
@Suite struct SessionTests {
  /// A session over `lines` in a fresh directory; returns the session and its transcript.
  func run(_ lines: [String], directory: String? = nil) -> (Session, String) {
    let output = TranscriptOutput()
    let reader = FakeLineReader(lines: lines)
    let session = Session(
      reader: reader, output: output, directory: directory ?? Self.makeDirectory())
    session.run()
    return (session, output.text)
  }

  static func makeDirectory() -> String {
    let path = NSTemporaryDirectory() + "nnv-repl-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func printsEveryExpressionsValue() {
    let (_, text) = run(["1 + 2", "let x = [1, 2]", "x", "\"hi\"", "print \"hi\""])
    #expect(text == Session.banner + "3\n[1, 2]\n\"hi\"\nhi\n\n")
  }

  @Test func readsAMultiLineModelBlockWithContinuationPrompts() {
    let reader = FakeLineReader(lines: [
      "model net {", "  input 2", "  dense 4 tanh", "  dense 1 sigmoid", "}", "net",
    ])
    let output = TranscriptOutput()
    Session(reader: reader, output: output, directory: Self.makeDirectory()).run()
    // Ctrl-D at the end asks first: net has not been saved.
    #expect(
      reader.prompts == [
        "nnv> ", "...> ", "...> ", "...> ", "...> ", "nnv> ", "nnv> ", Session.leaveQuestion,
      ])
    #expect(
      output.text.contains("model net: input [2] → dense 4 tanh → dense 1 sigmoid (17 parameters)"))
  }

  /// The up arrow brings back a block typed over several lines as one line that still parses;
  /// a block with a comment, which a join would swallow, keeps its lines.
  @Test func multiLineEntriesGoIntoTheHistoryAsOneLine() {
    let reader = FakeLineReader(lines: [
      "model net {", "  input 2", "", "  dense 1 sigmoid", "}", "if 1 < 2 {", "print [1,", "2]",
      "} else {", "print 3", "}", "fn f(x) {", "  return x # same", "}", "net",
    ])
    Session(reader: reader, output: TranscriptOutput(), directory: Self.makeDirectory()).run()
    #expect(
      reader.history == [
        "model net { input 2; dense 1 sigmoid }", "if 1 < 2 { print [1, 2] } else { print 3 }",
        "fn f(x) {", "  return x # same", "}", "net",
      ])
  }

  @Test func anErrorPrintsItsDiagnosticAndKeepsTheSession() {
    let (session, text) = run([
      "let a = 5", "model net { input 2; dense 1 }", "let b = a + nope", "print a * 2",
      "train net on a", "a",
    ])
    #expect(text.contains("<input 3>:1:13: error: Unknown name 'nope'."))
    #expect(text.contains("let b = a + nope\n            ^~~~\n"))
    #expect(text.contains("10\n"))
    #expect(text.hasSuffix("5\n\n" + Session.unsavedNote(["net"])))
    #expect(session.interpreter.value(named: "b") == nil)
    #expect(session.interpreter.globalNames == ["a", "net"])
  }

  @Test func aRuntimeErrorKeepsWhatRanBeforeIt() {
    let (session, text) = run(["let a = 1; let b = [1, 2][5]; let c = 3"])
    #expect(text.contains("error:"))
    #expect(session.interpreter.globalNames == ["a"])
    #expect(session.recorded == ["let a = 1"])
  }

  @Test func ctrlCAtThePromptDropsTheUnfinishedEntry() {
    let reader = FakeLineReader([.line("model m {"), .interrupted, .line("1 + 1")])
    let output = TranscriptOutput()
    Session(reader: reader, output: output).run()
    #expect(reader.prompts == ["nnv> ", "...> ", "nnv> ", "nnv> "])
    #expect(output.text.contains("2\n"))
    #expect(!output.text.contains("error"))
  }

  @Test func quitEndsTheSessionBeforeTheRest() {
    let reader = FakeLineReader(lines: ["1", ":quit", "2"])
    let output = TranscriptOutput()
    Session(reader: reader, output: output).run()
    #expect(output.text == Session.banner + "1\n")
    #expect(reader.prompts.count == 2)
  }

  @Test func savedScriptRebuildsTheSameState() throws {
    let directory = Self.makeDirectory()
    let (session, text) = run(
      [
        "let data = xor(n: 64, noise: 0.1)",
        "model net {", "  input 2", "  dense 4 tanh", "  dense 1 sigmoid", "}",
        "let broken = nope",
        "train net on data epochs 2 batch 16 lr 0.05",
        ":set seed 9",
        "model other { input 2; dense 3 relu; dense 1 }",
        "let scores = predict(net, [0.5, -0.5])",
        "fn twice(x) { return 2 * x }",
        "let t = twice(21)",
        "seed 123",
        "let after = xor(n: 8)",
        ":set seed 1000000000000000",
        ":set seed 999999999999999",
        "model last { input 2; dense 2 }",
        ":save session.nnv",
      ], directory: directory)
    #expect(text.contains("saved 12 entries to session.nnv"))
    // A seed no script can write exactly is refused, naming the largest there is.
    #expect(text.contains("Expect a whole number from 0 to 999999999999999 after :set seed."))
    let saved = try String(contentsOfFile: directory + "/session.nnv", encoding: .utf8)
    #expect(!saved.contains("broken"))
    #expect(saved.hasPrefix("# nnv session saved with :save\nseed 42\n"))
    #expect(saved.contains("\nseed 123\n") && saved.contains("\nseed 999999999999999\n"))

    // Run the saved script in a fresh interpreter: same names, same values, same weights.
    let fresh = Interpreter(output: CollectingOutput(), directory: directory)
    let result = fresh.run(SourceFile(name: "session.nnv", text: saved))
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    let original = session.interpreter
    #expect(fresh.seed == original.seed && fresh.seed == 999_999_999_999_999)
    #expect(fresh.globalNames == original.globalNames)
    for name in original.globalNames {
      #expect(
        fresh.value(named: name)?.debugText == original.value(named: name)?.debugText,
        "\(name)")
    }
    #expect(
      fresh.run(SourceFile(name: "p", text: "predict(net, [0.25, 0.75])")).value?.debugText
        == original.run(SourceFile(name: "p", text: "predict(net, [0.25, 0.75])")).value?
        .debugText)
  }

  @Test func loadRunsAScriptIntoTheSession() throws {
    let directory = Self.makeDirectory()
    try "let k = 7\nmodel m { input 3; dense 2 }\n".write(
      toFile: directory + "/part.nnv", atomically: true, encoding: .utf8)
    let (session, text) = run(
      [":load part.nnv", "k * 2", ":load missing.nnv"], directory: directory)
    #expect(text.contains("14\n"))
    // The message names the absolute path tried, the hint where relative paths start.
    let tried = URL(fileURLWithPath: directory + "/missing.nnv").standardized.path
    #expect(text.contains("error: Cannot read \(tried): no such file"))
    #expect(text.contains("hint: relative paths start from the current directory"))
    #expect(session.interpreter.globalNames == ["k", "m"])
  }

  @Test func varsListsNamesKindsShapesAndParameters() {
    let (_, text) = run([
      "let data = xor(n: 40)", "model net { input 2; dense 8 tanh; dense 1 sigmoid }",
      "let rate = 0.5", "let xs = [1, 2, 3]", ":vars",
    ])
    let table = """
      name  kind      shape      parameters  value
      data  data set  40 × [2]               2 classes
      net   model     [2] → [1]          33  2 layers
      rate  number                           0.5
      xs    list      [3]                    [1, 2, 3]

      """
    #expect(text == Session.banner + table + "\n" + Session.unsavedNote(["net"]))
  }

  @Test func unknownMetaCommandSuggestsTheClosestOne() {
    let (_, text) = run([":hlep", ":sav", ":set colr on", ":help trian", ":help train"])
    #expect(text.contains("error: Unknown command ':hlep'.\nhint: did you mean `:help`?"))
    #expect(text.contains("error: Unknown command ':sav'.\nhint: did you mean `:save`?"))
    #expect(text.contains("error: Unknown setting 'colr'.\nhint: did you mean `color`?"))
    #expect(text.contains("error: No help for 'trian'.\nhint: did you mean `train`?"))
    #expect(text.contains("train MODEL on DATA"))
    #expect(text.contains("Example:"))
  }

  @Test func helpListsCommandsAndReplCommands() {
    let (_, text) = run([":help"])
    #expect(text.contains("Commands:"))
    #expect(text.contains("REPL commands:"))
    #expect(text.contains(":save FILE.nnv"))
  }

  @Test func resetForgetsEverything() {
    let (session, text) = run(["let a = 1", ":reset", "a"])
    #expect(text.contains("reset: every name is gone"))
    #expect(text.contains("Unknown name 'a'."))
    #expect(session.interpreter.globalNames.isEmpty)
    #expect(session.recorded.isEmpty)
  }

  @Test func setAndTimeChangeSettings() {
    let (session, text) = run([":set timing on", "1", ":time", ":set width 3", ":set"])
    #expect(text.contains(" ms)\n") || text.contains(" s)\n"))
    #expect(text.contains("timing off"))
    #expect(text.contains("error: Expect a width from 20 to 400 columns after :set width."))
    #expect(!session.settings.timing)
  }

  @Test func viewsFollowTheSessionsWidthAndColour() {
    let (session, text) = run([":set width 50", "plot activation relu"])
    #expect(session.settings.display.width == 50)
    let lines = text.split(separator: "\n").filter { !$0.hasPrefix("nnv") }
    #expect(lines.count > 5)
    #expect(lines.allSatisfy { $0.count <= 50 }, "\(lines.filter { $0.count > 50 })")
    #expect(!text.contains("\u{1B}["))
    let (_, coloured) = run([":set color on", "plot activation relu"])
    #expect(coloured.contains("\u{1B}[38;"))
    // A dumb terminal gets ASCII glyphs unless a statement asks for more.
    let output = TranscriptOutput()
    let dumb = Session(
      reader: FakeLineReader(lines: ["plot activation relu", "plot activation relu ascii false"]),
      output: output, settings: SessionSettings(display: Display(asciiOnly: true)),
      directory: Self.makeDirectory())
    dumb.run()
    let halves = output.text.components(separatedBy: "relu(x) and its derivative")
    #expect(halves.count == 3)
    let asciiOnly = halves[1].unicodeScalars.allSatisfy { $0.isASCII }
    #expect(asciiOnly)
    #expect(halves[2].contains("┤"))
  }

  @Test func historyIsKeptCappedAndCanBeTurnedOff() throws {
    let directory = Self.makeDirectory()
    let path = directory + "/state/nnv/history"
    #expect(History.defaultPath(environment: ["XDG_STATE_HOME": directory + "/state"]) == path)
    #expect(History.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.nnv_history")
    #expect(History.defaultPath(environment: ["HOME": "/home/u", "NNV_NO_HISTORY": "1"]) == nil)
    let history = History(path: path, capacity: 3)
    for line in ["a", "b", "", "b", "c", "d"] { history.add(line) }
    #expect(history.entries == ["b", "c", "d"])
    #expect(History(path: path, capacity: 3).entries == ["b", "c", "d"])

    let output = TranscriptOutput()
    let reader = FakeLineReader(lines: [":history"])
    Session(reader: reader, output: output, history: History(path: path)).run()
    #expect(reader.history == ["b", "c", "d", ":history"])
    #expect(output.text.contains("4  :history"))
  }

  @Test func plainReaderReadsLinesFromAPipe() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = "1 + 1\nmodel m {\n  input 2\n}\nlast line"
    _ = text.withCString { write(fds[1], $0, strlen($0)) }
    close(fds[1])
    let reader = PlainLineReader(descriptor: fds[0], showsPrompts: false)
    var lines: [LineReadResult] = []
    while true {
      let result = reader.readLine(prompt: "nnv> ")
      lines.append(result)
      if result == .endOfInput { break }
    }
    close(fds[0])
    #expect(
      lines == [
        .line("1 + 1"), .line("model m {"), .line("  input 2"), .line("}"), .line("last line"),
        .endOfInput,
      ])
  }
}

/// Bad input of every kind prints a problem and leaves the session running.
@Suite struct SessionRobustnessTests {
  @Test func badInputNeverEndsTheSession() {
    let lines = [
      ":", ":set", ":set width", ":set width -3", ":set seed x", ":set color maybe", ":load",
      ":load \"\"", ":save", ":save /nonexistent/dir/x.nnv", ":help", ":help :load", ":help ???",
      ":vars", ":history", "}", "{", ")", "let", "model", "train", "train 5 on 6",
      "fn", "let x = 1 / 0", "[1, 2][9]", "🧠", "\u{0}", ":reset", ":time", ":time",
      "\"unterminated", "\"", "print 7",
    ]
    let output = TranscriptOutput()
    let reader = FakeLineReader(lines: lines)
    Session(reader: reader, output: output, directory: SessionTests.makeDirectory()).run()
    // Every line was read and the last one still ran (its value, then Ctrl-D's newline).
    #expect(reader.prompts.count == lines.count + 1)
    #expect(output.text.hasSuffix("\n7\n\n"))
  }

  @Test func hostileValuesAndViewsLeaveTheSessionAndItsModels() {
    let lines = [
      "model net { input 2; dense 2 softmax }",
      "len(range(1e12))",
      "let x = []", "for i in range(100000) { x = [x] }",
      "let y = [1]", "for i in range(40) { y = y + y }",
      "fn f(n) { if true { if true { return f(n + 1) } } }", "f(0)",
      "plot [[1, \"x\"]]", "plot [1, 2] as hist bins 0",
      "boundary net on xor(n: 8) resolution 9999 to \"b.svg\"",
      "model line { input 1; dense 1 }", "boundary line on xor(n: 8)",
      String(repeating: "@", count: 5000),
      "net",
    ]
    let output = TranscriptOutput()
    let reader = FakeLineReader(lines: lines)
    let session = Session(reader: reader, output: output, directory: SessionTests.makeDirectory())
    session.run()
    let text = output.text
    #expect(text.contains("1000000000000\n"))
    #expect(text.contains("more than 1000 levels deep"))
    #expect(text.contains("more than 1,000,000 values"))
    #expect(text.contains("more than 200 levels"))
    #expect(text.contains("row 0, element 1 is a string"))
    #expect(text.contains("`bins` must be a whole number of at least 1"))
    #expect(text.contains("`resolution` of `boundary` must be at most 400"))
    #expect(text.contains("`line` takes samples of shape [1]"))
    #expect(text.contains("and at least 980 more errors (nnv stopped reading after 1000)"))
    // The last line typed shows the model as it was declared.
    #expect(text.contains("\nmodel net: input [2] → dense 2 softmax (6 parameters)\n"))
    #expect(session.interpreter.globalNames.contains("net"))
  }
}
