import Foundation
import NNVLanguage
import NNVPlot

/// Where a REPL session writes: the interpreter's output plus a channel for errors.
///
/// The session prints values, reports and diagnostics through it and never touches a file
/// descriptor itself, so tests can collect one transcript of everything (`TranscriptOutput`).
public protocol SessionOutput: OutputSink {
  /// Writes a diagnostic or a problem report (standard error on a terminal).
  func writeError(_ text: String)
  /// Ends a live progress bar's line, if one is showing, before other text.
  func finishLine()
}

/// Writes the interpreter's output to standard output: a live progress bar on a terminal, one
/// line per reported epoch otherwise (logs, pipes, CI). Errors go to standard error.
///
/// It is where nnv's text meets the terminal, so everything written passes through
/// `TerminalText.escaped(styled:)`: control characters in printed values, names from files and
/// views become visible escapes, and only nnv's own colour sequences pass.
public final class TerminalOutput: SessionOutput {
  private let isTerminal: Bool
  /// Whether a progress bar is on the current line (so the next text starts a new line).
  private var barShown = false
  private var lastDraw = Date.distantPast
  /// Where `train ... live` draws: the terminal, when standard input and output are both one.
  public private(set) lazy var liveScreen: (any LiveScreen)? =
    TerminalScreen.isAvailable ? TerminalScreen() : nil

  /// - Parameter isTerminal: whether standard output is a terminal; detected when nil.
  public init(isTerminal: Bool? = nil) {
    self.isTerminal = isTerminal ?? (isatty(STDOUT_FILENO) != 0)
  }

  public func write(_ text: String) {
    finishLine()
    emit(text, to: FileHandle.standardOutput)
  }

  public func writeError(_ text: String) {
    finishLine()
    emit(text, to: FileHandle.standardError)
  }

  public func progress(_ event: ProgressEvent) {
    guard isTerminal else {
      if let line = ProgressRenderer.line(event) { emit(line + "\n", to: .standardOutput) }
      return
    }
    // Redraw at most 20 times a second; always draw epoch ends and the finish.
    let now = Date()
    if event.phase == .batch && now.timeIntervalSince(lastDraw) < 0.05 { return }
    lastDraw = now
    // The width is read at every draw, so a resized window gets a bar that fits. The bar's own
    // erase-line and carriage return are written as they are; its model name was escaped when
    // the bar was drawn.
    let columns = Display.terminal(colorEnabled: false).width
    let bar = "\u{1B}[2K" + ProgressRenderer.bar(event, columns: columns)
    FileHandle.standardOutput.write(Data(bar.utf8))
    barShown = true
    if event.phase == .finished { finishLine() }
  }

  /// `pause`: when standard input and output are both terminals, shows `prompt`, waits for
  /// Enter (`TerminalPause`) and erases the prompt's line; otherwise returns at once.
  public func pause(prompt: String) throws {
    guard isTerminal, isatty(STDIN_FILENO) != 0 else { return }
    finishLine()
    // The prompt goes whether Enter was pressed or Ctrl-C stopped the script.
    defer { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
    try TerminalPause.waitForEnter(on: STDIN_FILENO) { emit(prompt, to: .standardOutput) }
  }

  public func finishLine() {
    if barShown {
      emit("\n", to: .standardOutput)
      barShown = false
    }
  }

  private func emit(_ text: String, to handle: FileHandle) {
    handle.write(Data(TerminalText.escaped(styled: text).utf8))
  }
}

/// Keeps everything a session writes, errors included, in the order written: for tests and for
/// embedding a session.
public final class TranscriptOutput: SessionOutput {
  public private(set) var text = ""
  public private(set) var events: [ProgressEvent] = []
  /// The live screen training draws on; none unless given.
  public var liveScreen: (any LiveScreen)?

  public init(liveScreen: (any LiveScreen)? = nil) { self.liveScreen = liveScreen }

  public func write(_ text: String) { self.text += text }
  public func writeError(_ text: String) { self.text += text }
  public func progress(_ event: ProgressEvent) { events.append(event) }
  public func finishLine() {}
}
