import Foundation
import NNVCore

/// Runs nnv programs and holds a session's state: variables, models, functions and the seed.
///
/// One interpreter serves a whole script or a whole REPL session; after an error its state is
/// kept, so the REPL can go on. It never touches the terminal: text goes to the `OutputSink`,
/// problems come back as `Diagnostic`s in the `RunResult`.
public final class Interpreter {
  let output: any OutputSink
  let cancellation: CancellationFlag
  /// The directory relative paths (`save`, `load`, `csv`) are resolved against; the current
  /// directory when nil.
  let directory: String?
  let globals = Environment()
  /// The session seed: weights of new layers and default data-set seeds derive from it.
  public internal(set) var seed: UInt64
  /// Layers created since the seed was last set; mixed into each layer's weight seed.
  var layerCount: UInt64 = 0
  /// The source being executed, for diagnostics (changes inside functions from other entries).
  var currentSource = SourceFile(name: "<none>", text: "")
  var callDepth = 0
  /// How views draw in the terminal when a statement does not say: colours and width.
  public var display = Display()

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

  /// Parses, checks and runs `source`. Never throws: every problem is in the result.
  public func run(_ source: SourceFile) -> RunResult {
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

  func analyze(_ source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
    let (program, diagnostics) = Parser.parse(source)
    guard diagnostics.isEmpty else { return (program, diagnostics) }
    var models: [String: [Int]] = [:]
    for (name, value) in globals.values {
      if case .model(let reference) = value { models[name] = reference.model.outputShape }
    }
    let problems = Checker.check(
      program, in: source, globals: globals.visibleNames, models: models)
    return (program, problems)
  }

  /// The names defined in the session, sorted (for completion).
  public var globalNames: [String] { globals.visibleNames.sorted() }

  /// The value of a global, if defined.
  public func value(named name: String) -> Value? { globals.lookup(name) }

  /// Sets the session seed and restarts the layer count, so what follows is reproducible.
  public func setSeed(_ seed: UInt64) {
    self.seed = seed
    layerCount = 0
  }

  /// The seed for the weights of the next new layer.
  func nextLayerSeed() -> UInt64 {
    layerCount += 1
    return seed &+ layerCount &* 0x9E37_79B9_7F4A_7C15
  }

  /// A runtime error at `range` of the source being executed.
  func fail(_ message: Diagnostic.Message, at range: SourceRange) -> RuntimeError {
    RuntimeError(
      diagnostic: Diagnostic(message, at: range, in: currentSource, stage: .runtime))
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

  func resolve(path: String) -> String {
    guard let directory, !path.hasPrefix("/") else { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).path
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
  /// An error from the core library, as a sentence.
  static func coreError(_ error: any Error) -> Self {
    // Core messages start with a name or lowercase word (`net takes ...`); kept as they are.
    var text = "\(error)"
    if !text.hasSuffix(".") { text += "." }
    return Self(text)
  }
}
