import Foundation

/// Reads lines with plain `read(2)`: for a `dumb` terminal, when libedit is missing, or when
/// input is not a terminal. No editing, history recall or completion; Ctrl-C drops the line.
public final class PlainLineReader: LineReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var atEnd = false
  public let isInteractive: Bool
  public var completer: ((CompletionRequest) -> CompletionResult)?

  /// - Parameters:
  ///   - descriptor: where lines come from (standard input by default).
  ///   - showsPrompts: whether to write prompts to standard output (true for a terminal).
  public init(descriptor: Int32 = STDIN_FILENO, showsPrompts: Bool) {
    self.descriptor = descriptor
    self.isInteractive = showsPrompts
  }

  public func readLine(prompt: String) -> LineReadResult {
    if isInteractive { FileHandle.standardOutput.write(Data(prompt.utf8)) }
    let signals = InterruptController.signalCount
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[..<newline])
        buffer.removeSubrange(...newline)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .line(String(decoding: line, as: UTF8.self))
      }
      if atEnd {
        guard !buffer.isEmpty else { return .endOfInput }
        defer { buffer.removeAll() }
        return .line(String(decoding: buffer, as: UTF8.self))
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = read(descriptor, &chunk, chunk.count)
      if count < 0 {
        guard errno == EINTR else {
          atEnd = true
          continue
        }
        if InterruptController.signalCount != signals {
          buffer.removeAll()
          if isInteractive { FileHandle.standardOutput.write(Data("\n".utf8)) }
          return .interrupted
        }
        continue
      }
      if count == 0 { atEnd = true } else { buffer += chunk[..<count] }
    }
  }

  public func addHistory(_ line: String) {}
}
