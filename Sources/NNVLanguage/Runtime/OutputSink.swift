/// Where a running script's output goes. The interpreter never touches a terminal.
///
/// `write` receives complete text, newline included (`print` output, command reports).
/// `progress` receives training progress; a terminal client redraws a bar, a pipe prints a line
/// per epoch (see `ProgressRenderer`). Both are called on the interpreter's thread.
public protocol OutputSink: AnyObject {
  func write(_ text: String)
  func progress(_ event: ProgressEvent)
}

/// A sink that keeps everything, for tests and for embedding the interpreter.
public final class CollectingOutput: OutputSink {
  public private(set) var text = ""
  public private(set) var events: [ProgressEvent] = []

  public init() {}

  public func write(_ text: String) { self.text += text }

  public func progress(_ event: ProgressEvent) { events.append(event) }

  /// The written text split into lines (without a trailing empty one).
  public var lines: [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
