import Foundation
import NNVCore
import NNVPlot

/// Runs nnv programs and holds a session's state: variables, models, functions and the seed.
///
/// One interpreter serves a whole script or a whole REPL session; after an error its state is
/// kept, so the REPL can go on. It never touches the terminal: text goes to the `OutputSink`,
/// problems come back as `Diagnostic`s in the `RunResult`.
public final class Interpreter {
  let output: any OutputSink
  let cancellation: CancellationFlag
  /// The directory relative paths (`save`, `load`, `csv`) are resolved against; the current
  /// directory when nil. See `PathResolver`.
  let directory: String?
  let globals = Environment()
  /// The session seed: weights of new layers and default data-set seeds derive from it.
  public internal(set) var seed: UInt64
  /// Layers created since the seed was last set; mixed into each layer's weight seed.
  var layerCount: UInt64 = 0
  /// Data sets generated without a `seed:` since the seed was last set; mixed into the next.
  var dataDrawCount: UInt64 = 0
  /// The source being executed, for diagnostics (changes inside functions from other entries).
  var currentSource = SourceFile(name: "<none>", text: "")
  var callDepth = 0
  /// How much stack the run may use; see `LargeStack`.
  var stack = StackGuard(budget: LargeStack.fallbackBudget)
  /// The most stack a run may use, in bytes, below what its thread has: past it, a run ends in
  /// a "too deep" error. Lowering it shows that limit at work without recursing 200 calls deep.
  public var stackLimit = LargeStack.budget
  /// How views draw in the terminal when a statement does not say: colours and width.
  public var display = Display()
  /// The commands of the program this interpreter runs in (the REPL's colon commands), which
  /// `help` lists and explains too; none by default.
  public var hostHelp: HostHelp?

  /// Whether every `train` draws its live dashboard, as if it said `live` (`:set live on`).
  public var liveTraining = false

  /// How deeply nnv functions may call each other before a runtime error.
  public static let maximumCallDepth = 200

  public init(
    output: any OutputSink, seed: UInt64 = 42, cancellation: CancellationFlag = CancellationFlag(),
    directory: String? = nil
  ) {
    self.output = output
    self.seed = seed
    self.cancellation = cancellation
    self.directory = directory
  }

  /// Parses, checks and runs `source` on a thread with a large stack (see `LargeStack`), and
  /// waits for it. Never throws: every problem is in the result.
  public func run(_ source: SourceFile) -> RunResult {
    LargeStack.run { budget in
      stack = StackGuard(budget: Swift.min(budget, stackLimit))
      return runHere(source)
    }
  }

  private func runHere(_ source: SourceFile) -> RunResult {
    cancellation.reset()
    let (program, problems) = analyze(source)
    guard problems.isEmpty else {
      return RunResult(diagnostics: problems, status: .dataError, value: nil)
    }
    currentSource = source
    callDepth = 0
    do {
      var last: Value?
      // Long builtins poll the flag through the core's `Cancellation.check()`.
      try Cancellation.run(with: cancellation) {
        for statement in program.statements {
          last = nil
          if case .expression(let expression) = statement.kind {
            last = try evaluate(expression, in: globals)
            try checkCancellation(at: statement.range)
          } else {
            _ = try execute(statement, in: globals)
          }
        }
        // A Ctrl-C that came as the last statement finished: it ran, and the run says so.
        if let end = program.statements.last?.range.end {
          try checkCancellation(at: SourceRange(start: end, end: end))
        }
      }
      return RunResult(diagnostics: [], status: .success, value: last)
    } catch let error as RuntimeError {
      let status: ExitStatus = error.diagnostic.stage == .interrupted ? .interrupted : .software
      return RunResult(diagnostics: [error.diagnostic], status: status, value: nil)
    } catch {
      let diagnostic = Diagnostic(
        .unexpected(error), at: SourceRange(start: 0, end: 0), in: source, stage: .runtime)
      return RunResult(diagnostics: [diagnostic], status: .software, value: nil)
    }
  }

  /// Parses and checks `source` against the session's names without running it (`--check`).
  public func check(_ source: SourceFile) -> [Diagnostic] {
    analyze(source).diagnostics
  }

  /// Parses and checks `source`. The checker also runs after syntax errors, on the statements
  /// that parsed (a statement that did not keeps the names it declares), so one pass reports
  /// every problem; the diagnostics come in source order.
  func analyze(_ source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
    let (program, syntax) = Parser.parse(source, names: globals.visibleNames)
    let problems = Checker.check(
      program, in: source, globals: globals.visibleNames, facts: sessionFacts())
    guard !syntax.isEmpty else { return (program, problems) }
    let all = (syntax + problems).enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }
    return (program, all.map(\.element))
  }

  /// What the checker may know about the session's models and data sets: all of them, except
  /// names that a function of the session assigns, since a call may change them.
  func sessionFacts() -> [String: StaticValue] {
    var assigned: Set<String> = []
    for value in globals.values.values {
      if case .function(let function) = value {
        assigned.formUnion(Checker.assignedNames(in: function.declaration.body))
      }
    }
    var facts: [String: StaticValue] = [:]
    for (name, value) in globals.values where !assigned.contains(name) {
      switch value {
      case .model(let reference): facts[name] = .model(StaticModel(reference.model))
      case .dataset(let data): facts[name] = .data(StaticData(data, name: name))
      case .record(let record):
        var fields: [String: StaticData] = [:]
        for (field, value) in record.fields {
          if case .dataset(let data) = value { fields[field] = StaticData(data, name: field) }
        }
        if !fields.isEmpty { facts[name] = .record(fields) }
      default: break
      }
    }
    return facts
  }

  /// The names defined in the session, sorted (for completion).
  public var globalNames: [String] { globals.visibleNames.sorted() }

  /// The value of a global, if defined.
  public func value(named name: String) -> Value? { globals.lookup(name) }

  /// Sets the session seed and restarts the layer count, so what follows is reproducible.
  public func setSeed(_ seed: UInt64) {
    self.seed = seed
    layerCount = 0
    dataDrawCount = 0
  }

  /// The seed for the weights of the next new layer.
  func nextLayerSeed() -> UInt64 {
    layerCount += 1
    return seed &+ layerCount &* 0x9E37_79B9_7F4A_7C15
  }

  /// The seed for a data set generated without `seed:`: the session seed for the first, then a
  /// fresh one for each later call, so `xor()` twice gives a training and a separate test set,
  /// and a script still draws the same data on every run.
  func nextDataSeed() -> UInt64 {
    defer { dataDrawCount += 1 }
    return seed &+ dataDrawCount &* 0xD1B5_4A32_D192_ED03
  }

  /// A runtime error at `range` of the source being executed.
  func fail(_ message: Diagnostic.Message, at range: SourceRange) -> RuntimeError {
    RuntimeError(
      diagnostic: Diagnostic(message, at: range, in: currentSource, stage: .runtime))
  }

  /// The "too deep" error when the stack in use has grown past its budget: deep recursion
  /// inside deeply nested blocks or expressions.
  func checkStack(at range: SourceRange) throws {
    if stack.isExhausted { throw fail(.stackExhausted, at: range) }
  }

  /// The "interrupted" error, raised when the cancellation flag is set.
  func checkCancellation(at range: SourceRange) throws {
    if cancellation.poll() { throw interrupted(at: range) }
  }

  /// The "interrupted" error at `range`, ending the run with exit status 130.
  func interrupted(at range: SourceRange) -> RuntimeError {
    var error = fail(.interrupted, at: range)
    error.diagnostic.stage = .interrupted
    return error
  }

  /// The absolute path a path in the program points to (`PathResolver`).
  func resolve(path: String) -> String {
    PathResolver(directory: directory).resolve(path)
  }

  /// Runs `body`, turning errors from the core into runtime errors at `range`.
  func core<T>(at range: SourceRange, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as RuntimeError {
      throw error
    } catch is CancellationError {
      throw interrupted(at: range)
    } catch {
      throw fail(.coreError(error), at: range)
    }
  }
}

extension Diagnostic.Message {
  static func unexpected(_ error: any Error) -> Self {
    Self("Unexpected internal error: \(error).", hint: "please report this")
  }
  static let interrupted = Self("Interrupted.", hint: "the session keeps its state")
  static let stackExhausted = Self(
    "Too deep to run: the calls, blocks and expressions here nest deeper than nnv's stack holds.",
    hint: "check that the recursion has a case that stops it, or name parts with `let` or `fn`")
  /// An error from the core library, as a sentence.
  static func coreError(_ error: any Error) -> Self {
    if let limit = error as? LimitError { return .limitExceeded(limit) }
    // Core messages start with a name or lowercase word (`net takes ...`); kept as they are.
    var text = "\(error)"
    if !text.hasSuffix(".") { text += "." }
    return Self(text)
  }
}
