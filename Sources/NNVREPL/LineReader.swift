/// What one attempt to read a line gave.
public enum LineReadResult: Equatable, Sendable {
  /// A line, without its line break.
  case line(String)
  /// Ctrl-C at the prompt: the session drops the line (and any unfinished entry).
  case interrupted
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
}

/// Reads the lines a REPL session evaluates: the one place where terminal input happens.
///
/// `EditLineReader` edits lines with libedit (history, Tab completion); `PlainLineReader` reads
/// plain lines when input is not a terminal, the terminal is `dumb`, or libedit is missing;
/// tests give the session a `FakeLineReader`. The session never knows which one it has.
public protocol LineReader: AnyObject {
  /// Shows `prompt` and reads one line.
  func readLine(prompt: String) -> LineReadResult
  /// Adds a line to the reader's recall list (the up arrow), if it has one.
  func addHistory(_ line: String)
  /// Sets what Tab offers; readers without completion ignore it.
  var completer: ((CompletionRequest) -> CompletionResult)? { get set }
  /// Whether the user sees prompts and edits lines (so the session shows a banner).
  var isInteractive: Bool { get }
}

/// A reader that replays scripted lines, for tests: each entry is what one `readLine` returns.
public final class FakeLineReader: LineReader {
  private var pending: [LineReadResult]
  /// The prompts shown, in order.
  public private(set) var prompts: [String] = []
  /// The lines added to history, in order.
  public private(set) var history: [String] = []
  public var completer: ((CompletionRequest) -> CompletionResult)?
  public let isInteractive: Bool

  public init(_ results: [LineReadResult], isInteractive: Bool = true) {
    self.pending = results
    self.isInteractive = isInteractive
  }

  /// A reader that returns each line of `lines` and then the end of input.
  public convenience init(lines: [String], isInteractive: Bool = true) {
    self.init(lines.map(LineReadResult.line), isInteractive: isInteractive)
  }

  public func readLine(prompt: String) -> LineReadResult {
    prompts.append(prompt)
    return pending.isEmpty ? .endOfInput : pending.removeFirst()
  }

  public func addHistory(_ line: String) { history.append(line) }
}
