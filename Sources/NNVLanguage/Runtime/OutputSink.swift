/// Where a running script's output goes. The interpreter never touches a terminal.
///
/// `write` receives complete text, newline included (`print` output, command reports).
/// `progress` receives training progress; a terminal client redraws a bar, a pipe prints a line
/// per epoch (see `ProgressRenderer`). Both are called on the interpreter's thread.
/// `liveScreen` is where `train ... live` draws its dashboard; nil (the default) when the
/// output cannot show one, and training then reports progress as usual.
public protocol OutputSink: AnyObject {
  func write(_ text: String)
  func progress(_ event: ProgressEvent)
  var liveScreen: (any LiveScreen)? { get }
}

/// A sink that keeps everything, for tests and for embedding the interpreter.
public final class CollectingOutput: OutputSink {
  public private(set) var text = ""
  public private(set) var events: [ProgressEvent] = []
  /// The live screen training draws on; none unless given.
  public var liveScreen: (any LiveScreen)?

  public init(liveScreen: (any LiveScreen)? = nil) { self.liveScreen = liveScreen }

  public func write(_ text: String) { self.text += text }

  public func progress(_ event: ProgressEvent) { events.append(event) }

  /// The written text split into lines (without a trailing empty one).
  public var lines: [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
