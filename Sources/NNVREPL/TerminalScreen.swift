import Foundation
import NNVLanguage
import NNVPlot

/// The terminal as a live screen, for `train ... live`: frames drawn in place below what was
/// printed before, keys read one at a time.
///
/// `begin` turns off line buffering and echo on standard input (Ctrl-C still sends SIGINT and
/// cancels as always) and hides the cursor. Each frame is drawn from the first line of the
/// last one, every line erased to its end and the rest of the screen below, and never reaches
/// the terminal's last row, so nothing scrolls. `end` leaves the last frame with the cursor
/// below it, shows the cursor and restores the terminal; so does the process's exit, should
/// it come first (a second Ctrl-C).
final class TerminalScreen: LiveScreen {
  /// The lines of the frame on the screen; 0 before the first.
  private var height = 0
  private var saved: termios?

  /// Whether standard input and output are both terminals that can move the cursor.
  static var isAvailable: Bool {
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 && !term.isEmpty
      && term != "dumb"
  }

  var size: ScreenSize {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0
    else { return ScreenSize(columns: 80, rows: 24) }
    return ScreenSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
  }

  func begin() -> Bool {
    var attributes = termios()
    guard tcgetattr(STDIN_FILENO, &attributes) == 0 else { return false }
    saved = attributes
    TerminalScreen.restoring(attributes)
    var keys = attributes
    keys.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &keys.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(STDIN_FILENO, TCSANOW, &keys) == 0 else { return false }
    height = 0
    emit("\u{1B}[?25l")
    return true
  }

  func draw(_ frame: String) {
    var lines = frame.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var out = height > 1 ? "\r\u{1B}[\(height - 1)A" : "\r"
    for (index, line) in lines.enumerated() {
      if index > 0 { out += "\r\n" }
      // Only nnv's colours pass; a name from a file cannot move the cursor.
      out += TerminalText.escaped(styled: line) + ANSIStyle.reset + "\u{1B}[K"
    }
    out += "\u{1B}[J"
    height = lines.count
    emit(out)
  }

  func key(waiting seconds: Double) -> Character? {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    let milliseconds = Int32(Swift.max(0, Swift.min(seconds, 1)) * 1000)
    guard poll(&descriptor, 1, milliseconds) > 0, descriptor.revents & Int16(POLLIN) != 0 else {
      return nil
    }
    var byte: UInt8 = 0
    guard read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
    return Character(Unicode.Scalar(byte))
  }

  func end() {
    emit((height > 0 ? "\r\n" : "") + "\u{1B}[?25h")
    height = 0
    if var attributes = saved { tcsetattr(STDIN_FILENO, TCSANOW, &attributes) }
    saved = nil
    TerminalScreen.restoring(nil)
  }

  private func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// The terminal's settings to restore if the process exits while a screen is begun.
  nonisolated(unsafe) private static var atExit: termios?
  nonisolated(unsafe) private static var registered = false

  private static func restoring(_ attributes: termios?) {
    atExit = attributes
    guard !registered else { return }
    registered = true
    atexit {
      guard var attributes = TerminalScreen.atExit else { return }
      tcsetattr(STDIN_FILENO, TCSANOW, &attributes)
      let show = Array("\r\n\u{1B}[?25h".utf8)
      _ = show.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
  }
}
