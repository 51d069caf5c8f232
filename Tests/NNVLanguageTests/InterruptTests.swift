import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Ctrl-C in the middle of any long builtin: the statement stops at the poll where the flag
/// was set, the run ends with status `.interrupted` (exit 130) and a diagnostic on the line
/// that was running, nothing of the statement is printed or bound, and earlier names stay. A
/// flag that sets itself at a given poll stands in for the Ctrl-C, so nothing depends on timing.
@Suite struct InterruptTests {
  static let setup = """
    let d = split(digits(), test: 0.1, seed: 1).test
    model net { input 64; dense 16 relu; dense 10 softmax }
    let points = gauss(n: 30000, classes: 3, seed: 2)
    model flat { input 2; dense 8 tanh; dense 3 softmax }
    """

  /// The statements interrupted, each after `setup`; `name` is bound by a `let`.
  static let commands: [(text: String, name: String?)] = [
    ("saliency net on d", nil),
    ("saliency net on d method abs", nil),
    ("saliency net on d method input", nil),
    ("saliency net on d method smoothgrad samples 100", nil),
    ("saliency net on d method smoothgrad2 samples 100", nil),
    ("saliency net on d method vargrad samples 100 to \"s.svg\"", nil),
    ("saliency net on d method ig steps 100", nil),
    ("saliency net on d method occlusion", nil),
    ("saliency flat on points count 5", nil),
    ("sanity net on d method smoothgrad samples 40", nil),
    ("let check = sanity(net, on: d, method: \"ig\")", "check"),
    ("let big = csv(\"interrupt.csv\")", "big"),
    ("let many = moons(n: 400000)", "many"),
    ("evaluate flat on points", nil),
    ("let p = predict(flat, points)", "p"),
    ("boundary flat on points", nil),
    ("boundary flat on points to \"b.svg\"", nil),
    ("activations flat on moons(n: 200000) samples 200000", nil),
    ("confusion flat on points", nil),
    ("let scaled = standardize(moons(n: 600000))", "scaled"),
    ("let parts = split(points)", "parts"),
    ("train flat on points epochs 3 validate points", nil),
  ]

  static let directory: String = {
    let path = NSTemporaryDirectory() + "nnv-interrupt-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let rows = (0..<5000).map { "\(Double($0) / 100),\($0 % 11),\($0 % 2 == 0 ? "even" : "odd")" }
    try? ("x,y,kind\n" + rows.joined(separator: "\n") + "\n")
      .write(toFile: path + "/interrupt.csv", atomically: true, encoding: .utf8)
    return path
  }()

  struct Run {
    var result: RunResult
    var output: CollectingOutput
    var interpreter: Interpreter
    var flag: CancellationFlag
  }

  static func run(_ text: String, flag: CancellationFlag = CancellationFlag()) -> Run {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, cancellation: flag, directory: directory)
    let result = interpreter.run(SourceFile(name: "t.nnv", text: text))
    return Run(result: result, output: output, interpreter: interpreter, flag: flag)
  }

  /// The setup alone, run once: whether it succeeded, its polls and its output.
  static let before: (problems: String?, polls: Int, text: String) = {
    let first = run(setup)
    let problems = first.result.status == .success ? nil : "\(first.result.diagnostics)"
    return (problems, first.flag.pollCount, first.output.text)
  }()

  @Test(arguments: commands.indices)
  func aLongBuiltinStopsWhereItIsInterrupted(_ index: Int) throws {
    let (command, name) = Self.commands[index]
    let before = Self.before
    try #require(before.problems == nil, "\(before.problems ?? "")")
    let whole = Self.run(Self.setup + "\n" + command)
    try #require(whole.result.status == .success, "\(whole.result.diagnostics)")
    // The setup's polls, and the command's own (the run's last check is counted in both).
    let start = before.polls
    let own = whole.flag.pollCount - start
    #expect(own >= 4, "`\(command)` polled \(own) times")
    let trip = start + Swift.max(1, own / 2)
    let interrupted = Self.run(
      Self.setup + "\n" + command, flag: CancellationFlag(cancellingAtPoll: trip))
    #expect(interrupted.result.status == .interrupted)
    #expect(interrupted.flag.pollCount == trip, "`\(command)` went on after the interrupt")
    let diagnostic = try #require(interrupted.result.diagnostics.first)
    #expect(diagnostic.line == 5, "\(diagnostic.text) on line \(diagnostic.line)")
    let isTraining = command.hasPrefix("train")
    #expect(diagnostic.text.hasPrefix(isTraining ? "Training stopped at epoch" : "Interrupted."))
    // Nothing of the command was printed or bound; what ran before it is kept.
    if !isTraining { #expect(interrupted.output.text == before.text) }
    if let name { #expect(interrupted.interpreter.value(named: name) == nil) }
    #expect(interrupted.interpreter.value(named: "flat") != nil)
  }

  @Test func aStatementThatFinishesBeforeItNoticesIsNotHalfDone() {
    // Polls: line 1's start and its binding, line 2's start and its binding, the run's end.
    let text = "let a = 1\nlet b = 2"
    #expect(Self.run(text).flag.pollCount == 5)
    let beforeBinding = Self.run(text, flag: CancellationFlag(cancellingAtPoll: 4))
    #expect(beforeBinding.result.status == .interrupted)
    #expect(beforeBinding.result.diagnostics.first?.line == 2)
    #expect(beforeBinding.interpreter.value(named: "a") != nil)
    #expect(beforeBinding.interpreter.value(named: "b") == nil)
    // A Ctrl-C as the last statement finished: it ran, and the run still ends interrupted,
    // pointing after it.
    let atTheEnd = Self.run(text, flag: CancellationFlag(cancellingAtPoll: 5))
    #expect(atTheEnd.result.status == .interrupted)
    #expect(atTheEnd.interpreter.value(named: "b") != nil)
    let diagnostic = atTheEnd.result.diagnostics.first
    #expect(diagnostic?.line == 2 && diagnostic?.range.start == text.utf8.count)
  }

  @Test func anInterruptInsideAFunctionNamesTheLineThatWasRunning() throws {
    let text = """
      model flat { input 2; dense 3 softmax }
      fn look(m) {
        let data = gauss(n: 20000, classes: 3, seed: 1)
        return evaluate(m, on: data).loss
      }
      print look(flat)
      """
    let total = Self.run(text).flag.pollCount
    let interrupted = Self.run(text, flag: CancellationFlag(cancellingAtPoll: total - 4))
    #expect(interrupted.result.status == .interrupted)
    #expect(interrupted.result.diagnostics.first?.line == 4)
    #expect(interrupted.output.text.isEmpty)
  }
}
