import Foundation
import NNVLanguage

/// Writes the interpreter's output to standard output: a live progress bar on a terminal, one
/// line per reported epoch otherwise (logs, pipes, CI).
final class TerminalOutput: OutputSink {
  private let isTerminal = isatty(STDOUT_FILENO) != 0
  /// Whether a progress bar is on the current line (so the next text starts a new line).
  private var barShown = false
  private var lastDraw = Date.distantPast

  func write(_ text: String) {
    finishLine()
    emit(text)
  }

  func progress(_ event: ProgressEvent) {
    guard isTerminal else {
      if let line = ProgressRenderer.line(event) { emit(line + "\n") }
      return
    }
    // Redraw at most 20 times a second; always draw epoch ends and the finish.
    let now = Date()
    if event.phase == .batch && now.timeIntervalSince(lastDraw) < 0.05 { return }
    lastDraw = now
    emit("\u{1B}[2K" + ProgressRenderer.bar(event, width: 24))
    barShown = true
    if event.phase == .finished { finishLine() }
  }

  /// Ends a progress bar's line, if one is showing.
  func finishLine() {
    if barShown {
      emit("\n")
      barShown = false
    }
  }

  private func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
