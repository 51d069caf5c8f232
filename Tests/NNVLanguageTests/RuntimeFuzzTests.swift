import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Random programs built from the builtin declarations, run (not only checked) with values at
/// and past every limit: huge, negative, fractional and non-finite numbers, wrong kinds, empty
/// lists, deep shapes.
///
/// Every program must end with a diagnostic or normally: a crash fails the whole test process, a
/// program that ignores Ctrl-C (the watchdog cancels after 300 ms) is reported after 20 s, and an
/// error the interpreter did not expect ("Unexpected internal error") fails the test.
/// `NNV_RUNTIME_FUZZ_PROGRAMS=5000 swift test ... --filter RuntimeFuzzTests` makes a long run.
@Suite struct RuntimeFuzzTests {
  static let programs =
    ProcessInfo.processInfo.environment["NNV_RUNTIME_FUZZ_PROGRAMS"].flatMap(Int.init) ?? 150

  static let prelude = """
    let d2 = xor(n: 40, seed: 1)
    let d64 = split(digits(), test: 0.9).train
    let d1 = sine(n: 30, seed: 2)
    model m2 { input 2; dense 4 tanh; dense 1 sigmoid }
    model m64 { input 64; dense 8 relu; dense 10 softmax }
    model m1 { input 1; dense 4 tanh; dense 1 }

    """

  @Test func randomProgramsEndWithADiagnosticOrNormally() throws {
    var random = RandomGenerator(seed: 20_261_201)
    var statuses: [NNVLanguage.ExitStatus: Int] = [:]
    for _ in 0..<Self.programs {
      let statements = (0..<(1 + random.integer(below: 5))).map { _ in
        ProgramGenerator.statement(&random)
      }
      let text = Self.prelude + statements.joined(separator: "\n")
      guard let result = Self.run(text) else {
        Issue.record("did not stop within 20 s of Ctrl-C:\n\(text)")
        return
      }
      statuses[result.status, default: 0] += 1
      for diagnostic in result.diagnostics {
        #expect(
          !diagnostic.text.hasPrefix("Unexpected internal error"),
          "\(diagnostic.text)\n\(text)")
        #expect(
          diagnostic.range.start >= 0 && diagnostic.range.end <= diagnostic.source.bytes.count)
      }
    }
    print("runtime fuzz: \(Self.programs) programs, statuses \(statuses)")
    // The generator is useful only if it reaches the runtime, not just the checker. A program
    // stopped by the Ctrl-C timer was running, so it counts however loaded the machine is.
    let ran = [NNVLanguage.ExitStatus.software, .success, .interrupted].map {
      statuses[$0, default: 0]
    }
    // About a fifth of the programs get past the checker; an eighth leaves room for the
    // builtins still to come, each of which reshuffles the seeded programs.
    #expect(ran.reduce(0, +) > Self.programs / 8)
  }

  /// The fuzzer's dictionary (Scripts/fuzz/nnv.dict) names every builtin, option and choice.
  @Test func fuzzDictionaryCoversTheBuiltins() throws {
    let url = ScriptRunner.repositoryRoot.appendingPathComponent("Scripts/fuzz/nnv.dict")
    let entries = Set(
      try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        .filter { $0.hasPrefix("\"") }.map { String($0.dropFirst().dropLast()) })
    var missing: [String] = []
    for builtin in BuiltinRegistry.all {
      var words = [builtin.name] + builtin.parameters.map(\.name)
      for parameter in builtin.parameters {
        if case .choice(let choices) = parameter.type { words += choices }
      }
      missing += words.filter { !entries.contains($0) }
    }
    #expect(missing.isEmpty, "add to Scripts/fuzz/nnv.dict: \(Set(missing).sorted())")
  }

  /// Runs `text` on a thread of its own, pressing Ctrl-C after 300 ms; nil if it never stops.
  static func run(_ text: String) -> RunResult? {
    let job = Job(text)
    let thread = Thread { job.run() }
    thread.stackSize = 64 << 20
    thread.start()
    if job.done.wait(timeout: .now() + .milliseconds(300)) == .timedOut {
      job.cancellation.cancel()
      guard job.done.wait(timeout: .now() + .seconds(20)) == .success else { return nil }
    }
    return job.result
  }

  /// One program's run, handed to its thread; `result` is read only after `done` is signalled.
  final class Job: @unchecked Sendable {
    let cancellation = CancellationFlag()
    let done = DispatchSemaphore(value: 0)
    let text: String
    var result: RunResult?

    init(_ text: String) { self.text = text }

    func run() {
      let interpreter = Interpreter(
        output: CollectingOutput(), seed: 7, cancellation: cancellation,
        directory: ScriptRunner.temporaryDirectory)
      result = interpreter.run(SourceFile(name: "fuzz.nnv", text: text))
      done.signal()
    }
  }
}

/// Statements made from the builtin declarations with values drawn from pools of edge cases.
enum ProgramGenerator {
  static let numbers = [
    "0", "1", "-1", "0.5", "3", "1.5", "1e308", "-1e308", "1e-300", "4000000000", "1e15",
    "2e9", "1e400", "0 - 1e400", "0.999", "10000", "-0.5",
  ]
  static let integers = [
    "0", "1", "-1", "2", "7", "64", "100000", "4000000000", "1e12", "9007199254740993", "3.5",
  ]
  static let strings = [
    "\"a\"", "\"\"", "\"out.svg\"", "\"out.txt\"", "\"out.nnvm\"", "\"missing.csv\"",
    "\"sub/dir/x.svg\"", "\"~/nope.nnvm\"", "\"net\"",
  ]
  static let lists = [
    "[]", "[1, 2]", "[0.5, 0.5]", "range(3)", "[[1]]", "[1, \"a\"]", "range(1000000000000)",
    "[0.1, 0.2, 0.3]",
  ]
  static let shapes = [
    "2", "64", "0", "-3", "[1, 8, 8]", "[8, 8]", "[10000000, 10000000, 10000000]", "[]",
    "[1, 2, 3, 4, 5]", "4000000000",
  ]
  static let datasets = ["d2", "d64", "d1", "none", "m2"]
  static let models = ["m2", "m64", "m1", "d2"]

  static func pick(_ pool: [String], _ random: inout RandomGenerator) -> String {
    pool[random.integer(below: pool.count)]
  }

  static func value(for type: ParameterType, _ random: inout RandomGenerator) -> String {
    // One value in eight is of the wrong kind altogether.
    if random.integer(below: 8) == 0 {
      return pick(numbers + strings + lists + datasets, &random)
    }
    switch type {
    case .number: return pick(numbers, &random)
    case .integer: return pick(integers, &random)
    case .string: return pick(strings, &random)
    case .boolean: return random.integer(below: 2) == 0 ? "true" : "false"
    case .dataset: return pick(datasets, &random)
    case .model: return pick(models, &random)
    case .list: return pick(lists, &random)
    case .shape: return pick(shapes, &random)
    case .any: return pick(numbers + lists + datasets + models, &random)
    case .choice(let words):
      return random.integer(below: 10) == 0 ? "bogus" : pick(words, &random)
    }
  }

  static func statement(_ random: inout RandomGenerator) -> String {
    let builtins = BuiltinRegistry.all
    let builtin = builtins[random.integer(below: builtins.count)]
    let chosen = builtin.parameters.filter { $0.isRequired || random.integer(below: 3) == 0 }
    switch builtin.kind {
    case .command:
      var words = [builtin.name]
      for parameter in chosen {
        if !parameter.isPositional { words.append(parameter.name) }
        words.append(value(for: parameter.type, &random))
      }
      return words.joined(separator: " ")
    case .function:
      let arguments = chosen.map { parameter in
        (parameter.isPositional ? "" : "\(parameter.name): ")
          + value(for: parameter.type, &random)
      }
      return "print \(builtin.name)(\(arguments.joined(separator: ", ")))"
    case .layer:
      let input = pick(shapes, &random)
      let arguments = chosen.map { parameter in
        (parameter.isPositional ? "" : "\(parameter.name): ")
          + value(for: parameter.type, &random)
      }
      let layer = ([builtin.name] + arguments).joined(separator: " ")
      let name = "g\(random.integer(below: 1000))"
      return "model \(name) { input \(input); \(layer); dense 2 softmax }\n"
        + "print predict(\(name), \(pick(lists, &random)))"
    }
  }
}
