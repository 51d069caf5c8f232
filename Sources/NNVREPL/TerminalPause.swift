import Foundation
import NNVCore

/// Waiting for Enter on a terminal, for `pause` in a lesson.
///
/// While it waits, the terminal neither echoes what is typed nor waits for a whole line, so
/// keys other than Enter leave no trace in the lesson; Ctrl-C still sends its signal, and the
/// wait ends with `CancellationError` at the next poll of the running work's token (every
/// 50 ms), as other commands stop.
enum TerminalPause {
  /// How often the wait looks at the cancellation token, in milliseconds.
  static let pollInterval: Int32 = 50

  /// Quiets the terminal, calls `show` (which shows the prompt), and returns when Enter is
  /// pressed on `descriptor`, or when it reaches its end (the terminal was closed); the
  /// terminal's settings are restored either way. Keys pressed before the prompt was shown
  /// (an Enter pressed twice on the slide before) are dropped, so none skips a step unseen.
  ///
  /// - Throws: `CancellationError` when the running work is cancelled (Ctrl-C).
  static func waitForEnter(on descriptor: Int32, showing show: () -> Void) throws {
    var saved = termios()
    let changed = tcgetattr(descriptor, &saved) == 0
    if changed {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ICANON | ECHO)
      withUnsafeMutableBytes(of: &quiet.c_cc) { characters in
        characters[Int(VMIN)] = 1
        characters[Int(VTIME)] = 0
      }
      _ = tcsetattr(descriptor, TCSANOW, &quiet)
      _ = tcflush(descriptor, TCIFLUSH)
    }
    defer { if changed { _ = tcsetattr(descriptor, TCSANOW, &saved) } }
    show()
    while true {
      try Cancellation.check()
      var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&waiting, 1, pollInterval)
      if ready < 0 && errno == EINTR { continue }
      if ready < 0 { return }
      if ready == 0 { continue }
      var byte: UInt8 = 0
      let count = read(descriptor, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return }
    }
  }
}
