/// What runs the cells of a notebook: the kernel's protocol logic asks it, and it answers in
/// plain values. `NNVEngine` is nnv's; tests may give another.
public protocol KernelEngine: AnyObject {
  /// Runs one cell, number `count`, reporting output through `publish` as it happens.
  func execute(_ code: String, count: Int, publish: @escaping (KernelEvent) -> Void)
    -> ExecutionResult
  /// The completions at `cursor` (in Unicode scalars from the start of `code`).
  func complete(_ code: String, cursor: Int) -> CompletionReply
  /// The help text of the name at `cursor`, or nil when there is none.
  func inspect(_ code: String, cursor: Int) -> String?
  /// Whether `code` is a whole entry, or waits for more lines (an open `{` or string).
  func isComplete(_ code: String) -> Bool
  /// Stops the running cell at its next poll (Ctrl-C); does nothing between cells.
  func interrupt()
}

/// Output of a running cell.
public enum KernelEvent: Equatable, Sendable {
  /// Text on `stdout` or `stderr`.
  case stream(name: String, text: String)
  /// A picture or live text by MIME type (`image/svg+xml`, `text/plain`); with an `id`, a
  /// later event with `update` replaces it in place.
  case display(data: [String: String], id: String?, update: Bool)
}

/// How a cell ended.
public enum ExecutionResult: Equatable, Sendable {
  case ok
  /// The cell failed: a name for the kind of error, its first line and the whole diagnostic,
  /// line by line (source line and caret included).
  case error(name: String, value: String, traceback: [String])
}

/// The answer to a completion request: candidates replacing the text from `start` to `end`.
public struct CompletionReply: Equatable, Sendable {
  public var matches: [String]
  public var start: Int
  public var end: Int

  public init(matches: [String], start: Int, end: Int) {
    self.matches = matches
    self.start = start
    self.end = end
  }
}
