import Foundation
import NNVCore
import NNVLanguage
import NNVPlot

/// Settings a session starts with; `:set` changes them.
public struct SessionSettings: Sendable {
  /// The largest session seed: the largest whole number a script's `seed` statement takes
  /// (arguments are below 10^15), so `:save` can always write the seed as a statement that runs.
  public static let maximumSeed: UInt64 = 999_999_999_999_999

  public var color: Bool
  /// The session seed (`nnv --seed`); `:reset` goes back to it.
  public var seed: UInt64
  /// Whether each entry's duration is shown (`:time`).
  public var timing: Bool
  /// How views draw in the terminal; `color` switches its colours on and off.
  public var display: Display
  /// Whether every `train` draws its live dashboard (`:set live on`), as if it said `live`.
  public var live: Bool

  public init(
    color: Bool = false, seed: UInt64 = 42, timing: Bool = false, display: Display = Display(),
    live: Bool = false
  ) {
    self.color = color
    self.seed = seed
    self.timing = timing
    self.display = display
    self.live = live
  }
}

/// A REPL session: read a line, read more while the parser says the entry is unfinished,
/// evaluate, print, repeat.
///
/// Every expression's value is printed; statements print what their command prints. An error
/// prints its diagnostic and the session keeps its names and models. The session records the
/// statements that succeeded, so `:save` can write a script that rebuilds it. It reads through
/// a `LineReader` and writes through a `SessionOutput`, never a terminal, so tests drive it
/// with a `FakeLineReader` and read a transcript.
public final class Session {
  public static let prompt = "nnv> "
  public static let continuationPrompt = "...> "
  public static var banner: String {
    "nnv \(NNVVersion.current) — type :help for commands, :quit to leave\n"
  }

  public internal(set) var interpreter: Interpreter
  public internal(set) var settings: SessionSettings
  let reader: any LineReader
  let output: any SessionOutput
  let history: History?
  let interrupts: InterruptController?
  let cancellation: CancellationFlag
  /// The directory relative paths are resolved against; the current one when nil.
  let directory: String?
  /// The seed the recorded script starts from.
  var scriptSeed: UInt64
  /// Statements that succeeded since the start or `:reset`, as source text.
  public internal(set) var recorded: [String] = []
  /// When the last Ctrl-C came: at the prompt, or one that stopped a command.
  var lastInterrupt: ContinuousClock.Instant?
  /// How soon a second Ctrl-C must follow the first to mean "leave" (one second).
  public var doubleInterruptWindow: Duration = .seconds(1)
  /// How many entries were evaluated (entry N is named `<input N>` in diagnostics).
  var entryCount = 0
  var isFinished = false

  public init(
    reader: any LineReader, output: any SessionOutput, settings: SessionSettings = .init(),
    history: History? = nil, interrupts: InterruptController? = nil,
    cancellation: CancellationFlag = CancellationFlag(), directory: String? = nil
  ) {
    self.reader = reader
    self.output = output
    self.settings = settings
    self.history = history
    self.interrupts = interrupts
    self.cancellation = cancellation
    self.directory = directory
    self.scriptSeed = settings.seed
    self.interpreter = Interpreter(
      output: output, seed: settings.seed, cancellation: cancellation, directory: directory)
    interpreter.display = settings.display
    interpreter.hostHelp = MetaCommand.hostHelp
    interpreter.liveTraining = settings.live
    for line in history?.entries ?? [] { reader.addHistory(line) }
  }

  /// Runs the loop until `:quit`, Ctrl-D or the end of input. Ctrl-D, or Ctrl-C twice within
  /// a second, asks first when a model has unsaved changes (see `confirmLeaving`).
  public func run() {
    reader.completer = { [unowned self] request in
      var request = request
      request.preceding = self.pendingLines.joined(separator: "\n")
      return self.completer.complete(request)
    }
    if reader.isInteractive { output.write(Session.banner) }
    var pending: [String] = []
    while !isFinished {
      interrupts?.waitForQuestion()
      let prompt = pending.isEmpty ? Session.prompt : Session.continuationPrompt
      pendingLines = pending
      switch reader.readLine(prompt: prompt) {
      case .endOfInput:
        // Ctrl-D, at the first prompt or in the middle of an entry (which is dropped).
        if reader.isInteractive { output.write("\n") }
        pending = []
        isFinished = confirmLeaving()
      case .interrupted:
        pending = []
        if isRepeatedInterrupt() {
          isFinished = confirmLeaving()
          lastInterrupt = nil
        }
      case .line(let line):
        lastInterrupt = nil  // two Ctrl-Cs with an entry between are not a double Ctrl-C
        if pending.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
          remember(line)
          runMeta(line.trimmingCharacters(in: .whitespaces))
          continue
        }
        pending.append(line)
        let entry = pending.joined(separator: "\n")
        if entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          pending = []
          continue
        }
        if Parser.isIncomplete(entry) { continue }
        // A block typed over several lines is recalled by the up arrow as one line.
        for text in HistoryEntry.lines(for: pending) { remember(text) }
        pending = []
        evaluate(entry)
      }
    }
    reader.completer = nil
  }

  /// Earlier lines of the entry being typed, for completion.
  var pendingLines: [String] = []

  /// The completion function over the session's current names.
  public var completer: Completer {
    var names: [String: CompletionEnvironment.Kind] = [:]
    var members: [String: CompletionEnvironment.Kind] = [:]
    for name in interpreter.globalNames {
      switch interpreter.value(named: name) {
      case .model: names[name] = .model
      case .dataset: names[name] = .dataset
      case .number: names[name] = .number
      case .function, .builtin: names[name] = .function
      case .record(let record):
        names[name] = .record(record.fields.map(\.name))
        for field in record.fields {
          if case .dataset = field.value { members["\(name).\(field.name)"] = .dataset }
          if case .model = field.value { members["\(name).\(field.name)"] = .model }
        }
      default: names[name] = .other
      }
    }
    let directory = self.directory
    return Completer(
      environment: CompletionEnvironment(names: names, members: members) { path in
        Session.listDirectory(path, relativeTo: directory)
      })
  }

  func remember(_ line: String) {
    reader.addHistory(line)
    history?.add(line)
  }

  /// Evaluates one complete entry, prints its value or diagnostics and records what succeeded.
  ///
  /// - Parameters:
  ///   - name: the source name in diagnostics; `<input N>` when nil.
  ///   - echo: whether to print the value of a final expression.
  /// - Returns: the run's status.
  @discardableResult
  public func evaluate(_ text: String, name: String? = nil, echo: Bool = true) -> ExitStatus {
    entryCount += 1
    let source = SourceFile(name: name ?? "<input \(entryCount)>", text: text)
    let clock = ContinuousClock()
    let start = clock.now
    updateUnsavedWork()
    interrupts?.enter(.running)
    let result = interpreter.run(source)
    interrupts?.enter(.reading)
    if result.status == .interrupted { lastInterrupt = ContinuousClock.now }
    output.finishLine()
    if echo, let value = result.value {
      if case .none = value {} else { output.write(value.debugText + "\n") }
    }
    if !result.diagnostics.isEmpty {
      output.writeError(DiagnosticRenderer(color: settings.color).render(result.diagnostics))
    }
    record(source, result)
    if settings.timing {
      let elapsed = clock.now - start
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      output.write("(\(Session.format(seconds: seconds)))\n")
    }
    return result.status
  }

  /// Adds what ran successfully in `source` to the recorded script.
  func record(_ source: SourceFile, _ result: RunResult) {
    switch result.status {
    case .success:
      recorded.append(source.text.trimmingCharacters(in: .whitespacesAndNewlines))
    case .dataError:
      return  // nothing ran
    case .software, .interrupted:
      // The statements before the failing one ran; keep them. An interrupted statement ran
      // part of the way, which a script cannot repeat, so it is kept as a comment.
      guard let failure = result.diagnostics.first, failure.source == source else { return }
      for statement in Parser.parse(source).program.statements {
        let text = source.text(in: statement.range)
        if statement.range.end <= failure.range.start {
          recorded.append(text)
        } else {
          if result.status == .interrupted {
            recorded.append(
              "# interrupted, not replayed: "
                + text.split(separator: "\n")
                .joined(separator: " "))
          }
          break
        }
      }
    }
  }

  /// The script `:save` writes: the session seed, then every recorded statement.
  public var script: String {
    var text = "# nnv session saved with :save\nseed \(scriptSeed)\n"
    for entry in recorded { text += entry + "\n" }
    return text
  }

  static func format(seconds: Double) -> String {
    seconds < 1
      ? "\(Int((seconds * 1000).rounded())) ms"
      : String(format: "%.2f s", seconds)
  }

  static func listDirectory(_ path: String, relativeTo directory: String?)
    -> [CompletionEnvironment.FileEntry]?
  {
    let resolved = PathResolver(directory: directory).resolve(path)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: resolved) else {
      return nil
    }
    return names.map { name in
      var isDirectory: ObjCBool = false
      let full = URL(fileURLWithPath: resolved).appendingPathComponent(name).path
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return CompletionEnvironment.FileEntry(name: name, isDirectory: isDirectory.boolValue)
    }
  }

  /// A path typed at the prompt, resolved by the same rule as paths in scripts.
  func resolve(_ path: String) -> String {
    PathResolver(directory: directory).resolve(path)
  }
}
