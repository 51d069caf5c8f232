import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Random token soups and mutated corpus files through lexer, parser and checker (never run).
///
/// A crash fails the whole test process; a hang shows up as a timeout. The slowest input's time is
/// printed, not asserted: timings depend on the machine.
/// `NNV_FUZZ_ITERATIONS=100000 swift test ... --filter FuzzTests` makes a long run.
@Suite struct FuzzTests {
  static let iterations =
    ProcessInfo.processInfo.environment["NNV_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3000

  static let vocabulary = [
    "let", "model", "from", "if", "else", "for", "in", "while", "fn", "return", "print", "true",
    "false", "none", "and", "or", "not", "train", "evaluate", "summary", "save", "seed", "set",
    "on", "epochs", "batch", "lr", "optimizer", "adam", "input", "dense", "dropout", "flatten",
    "relu", "x", "net", "data", "xor", "len", "(", ")", "[", "]", "{", "}", ",", ".", ":", ";",
    "+", "-", "*", "/", "%", "^", "=", "==", "!=", "<", "<=", ">", ">=", "..<", "...", "\n",
    "\n", "0", "1", "2.5", "1e400", "\"s\"", "\"", "#c\n", "@", "**", "!", "&&", "é", "\\",
  ]

  static func corpus() -> [String] {
    ScriptCorpusTests.cases.compactMap {
      try? String(
        contentsOf: ScriptCorpusTests.directory.appendingPathComponent($0), encoding: .utf8)
    }
  }

  static func mutate(_ text: String, _ random: inout RandomGenerator) -> String {
    var characters = Array(text)
    for _ in 0..<(1 + random.integer(below: 8)) where !characters.isEmpty {
      let i = random.integer(below: characters.count)
      switch random.integer(below: 5) {
      case 0: characters.remove(at: i)
      case 1:
        let token = vocabulary[random.integer(below: vocabulary.count)]
        characters.insert(contentsOf: token, at: i)
      case 2:
        let j = random.integer(below: characters.count)
        characters.swapAt(i, j)
      case 3:
        let end = min(characters.count, i + random.integer(below: 20))
        characters.insert(contentsOf: characters[i..<end], at: i)
      default:
        let end = min(characters.count, i + random.integer(below: 10))
        characters.removeSubrange(i..<end)
      }
    }
    return String(characters)
  }

  static func soup(_ random: inout RandomGenerator) -> String {
    (0..<random.integer(below: 60)).map { _ in vocabulary[random.integer(below: vocabulary.count)] }
      .joined(separator: random.integer(below: 3) == 0 ? "" : " ")
  }

  @Test func frontEndSurvivesRandomInput() {
    var random = RandomGenerator(seed: 20_240_601)
    let corpus = Self.corpus()
    var slowest = 0.0
    var diagnosed = 0
    let clock = ContinuousClock()
    for i in 0..<Self.iterations {
      let text =
        i % 2 == 0 || corpus.isEmpty
        ? Self.soup(&random) : Self.mutate(corpus[random.integer(below: corpus.count)], &random)
      let start = clock.now
      let interpreter = Interpreter(output: CollectingOutput())
      let source = SourceFile(name: "fuzz", text: text)
      let diagnostics = interpreter.check(source)
      _ = Parser.isIncomplete(text)
      _ = DiagnosticRenderer(color: false).render(diagnostics)
      let elapsed = clock.now - start
      let seconds =
        Double(elapsed.components.attoseconds) * 1e-18 + Double(elapsed.components.seconds)
      slowest = max(slowest, seconds)
      if !diagnostics.isEmpty { diagnosed += 1 }
      for diagnostic in diagnostics {
        #expect(diagnostic.range.start >= 0 && diagnostic.range.end <= source.bytes.count)
      }
    }
    print(
      "fuzz: \(Self.iterations) inputs, \(diagnosed) with diagnostics, slowest \(slowest * 1000) ms"
    )
    #expect(diagnosed > Self.iterations / 4)
  }

  @Test func pathologicalInputsFinish() {
    let inputs = [
      String(repeating: "(", count: 200_000), String(repeating: "[", count: 200_000),
      String(repeating: "{", count: 200_000), String(repeating: "-", count: 200_000) + "1",
      String(repeating: "not ", count: 100_000) + "true",
      String(repeating: "a.", count: 100_000) + "b", String(repeating: "f()", count: 100_000),
      "model m {" + String(repeating: " dense", count: 100_000),
      String(repeating: "if x { } else ", count: 50_000) + "{ }",
      String(repeating: "\"", count: 100_001),
    ]
    for input in inputs {
      let diagnostics = Interpreter(output: CollectingOutput()).check(
        SourceFile(name: "p", text: input))
      #expect(!diagnostics.isEmpty)
    }
  }
}
