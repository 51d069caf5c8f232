import NNVPlot

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
  /// `pause` in a lesson: on a terminal, shows `prompt` and waits for Enter, then erases the
  /// prompt; anywhere else (a pipe, a log, a test) returns at once and shows nothing, so one
  /// script is both a slideshow and a test. Called on the interpreter's thread.
  ///
  /// - Throws: `CancellationError` when Ctrl-C stops the script while it waits (the sink polls
  ///   `Cancellation.check()`).
  func pause(prompt: String) throws
  var liveScreen: (any LiveScreen)? { get }
  /// A view command, as a statement, shows `view`; `text` is its drawing for this display.
  /// A terminal writes `text` (the default); a notebook shows the view's SVG document with
  /// `text` as its plain-text fallback. Called on the interpreter's thread.
  ///
  /// - Throws: what drawing the view's document throws.
  func show(_ view: any View, text: String) throws
}

extension OutputSink {
  /// Does nothing: only a terminal waits.
  public func pause(prompt: String) throws {}

  /// Writes `text`: a terminal, a pipe and a log show the drawing.
  public func show(_ view: any View, text: String) throws { write(text) }
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
