/// What running a script gave.
public struct RunResult {
  /// Every problem found: all syntax and check errors, or the one runtime error.
  public var diagnostics: [Diagnostic]
  public var status: ExitStatus
  /// The value of the last statement when it was an expression (for the REPL to echo).
  public var value: Value?
}
