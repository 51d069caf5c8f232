/// A problem found in a script, as a value: where it is, what it is, and how to fix it.
///
/// The lexer, parser, checker and interpreter all report problems this way, and only
/// `DiagnosticRenderer` turns them into text. A diagnostic keeps the source it points into, so a
/// runtime error inside a function defined in an earlier REPL entry still shows the right line.
public struct Diagnostic: Error, Sendable, Equatable {
  /// How serious the problem is.
  public enum Severity: String, Sendable {
    case error, warning, note
  }

  /// The product text of a diagnostic: the message and an optional hint.
  ///
  /// Messages are declared as static members of `Diagnostic.Message` next to the code that
  /// reports them. They follow one pattern: a sentence with a period ("Expect ')' after
  /// arguments."), the hint a lowercase suggestion without one ("did you mean `epochs`?").
  public struct Message: Sendable, Equatable {
    public var text: String
    public var hint: String?

    public init(_ text: String, hint: String? = nil) {
      self.text = text
      self.hint = hint
    }

    /// The same message with another hint.
    public func hinted(_ hint: String?) -> Message { Message(text, hint: hint) }

    /// Where the lexer or parser stopped after `maximumCollected` problems.
    public static let tooManyErrors = Message(
      "Too many errors; nnv stopped reading the script here.",
      hint: "fix the first errors, then run it again")
  }

  /// What stage found the problem; it decides the exit status.
  public enum Stage: Sendable, Equatable {
    /// Lexing, parsing or static checking: the script did not start.
    case syntax
    /// Running: the script started and stopped at this problem.
    case runtime
    /// The user interrupted (Ctrl-C).
    case interrupted
  }

  public var severity: Severity
  public var stage: Stage
  public var source: SourceFile
  public var range: SourceRange
  public var message: Message

  public init(
    _ message: Message, at range: SourceRange, in source: SourceFile,
    severity: Severity = .error, stage: Stage = .syntax
  ) {
    self.message = message
    self.range = range
    self.source = source
    self.severity = severity
    self.stage = stage
  }

  /// How many problems the lexer and the parser each collect before they stop reading, so a
  /// file of stray characters cannot fill memory with diagnostics. The last one collected is
  /// `Message.tooManyErrors`.
  public static let maximumCollected = 1000

  /// The 1-based line of the start of the range.
  public var line: Int { source.line(of: range.start) }
  /// The 1-based character column of the start of the range.
  public var column: Int { source.location(of: range.start).column }
  /// The message text without the hint.
  public var text: String { message.text }
  /// The hint, if there is one.
  public var hint: String? { message.hint }
}
