import Foundation
import NNVLanguage
import NNVPlot
import NNVREPL
import Synchronization

/// nnv's engine for the kernel: one REPL session, one cell an entry, names and models kept
/// from cell to cell.
///
/// A cell whose every line starts with a colon runs them as the REPL's meta-commands
/// (`:vars`, `:help train`); any other cell is one entry. Views are drawn in ASCII for the
/// plain-text fallback, so a front end without SVG still shows something readable.
public final class NNVEngine: KernelEngine, @unchecked Sendable {
  /// The REPL session the cells run in.
  public let session: Session
  let output: NotebookOutput
  let cancellation: CancellationFlag
  private let running = Atomic<Bool>(false)

  /// A session with `seed`, resolving paths against `directory` (the current one when nil).
  public init(seed: UInt64 = 42, directory: String? = nil) {
    let output = NotebookOutput()
    let cancellation = CancellationFlag()
    self.output = output
    self.cancellation = cancellation
    let display = Display(colorMode: .none, width: 80, asciiOnly: true)
    session = Session(
      reader: FakeLineReader([], isInteractive: false), output: output,
      settings: SessionSettings(color: false, seed: seed, display: display),
      cancellation: cancellation, directory: directory)
  }

  public func execute(_ code: String, count: Int, publish: @escaping (KernelEvent) -> Void)
    -> ExecutionResult
  {
    output.begin(publish)
    defer { output.end() }
    let lines = code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    if !lines.isEmpty, lines.allSatisfy({ $0.hasPrefix(":") }) {
      for line in lines { session.runMeta(line) }
      output.flushErrors()
      return .ok
    }
    guard !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .ok }
    running.store(true, ordering: .sequentiallyConsistent)
    let status = session.evaluate(code, name: "<cell \(count)>")
    running.store(false, ordering: .sequentiallyConsistent)
    output.flush()
    guard status != .success else {
      output.flushErrors()
      return .ok
    }
    var traceback = output.errorText.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    if traceback.last == "" { traceback.removeLast() }
    let name =
      switch status {
      case .interrupted: "Interrupted"
      case .dataError: "CheckError"
      default: "RuntimeError"
      }
    let value = traceback.first(where: { $0.contains("error:") }) ?? traceback.first ?? name
    return .error(name: name, value: value, traceback: traceback)
  }

  public func complete(_ code: String, cursor: Int) -> CompletionReply {
    let (line, column, preceding, start) = Self.line(in: code, at: cursor)
    let request = CompletionRequest(line: line, cursor: column, preceding: preceding)
    let result = session.completer.complete(request)
    return CompletionReply(
      matches: result.candidates, start: start + result.replacingFrom, end: start + column)
  }

  public func inspect(_ code: String, cursor: Int) -> String? {
    let scalars = Array(code.unicodeScalars)
    let cursor = Swift.max(0, Swift.min(cursor, scalars.count))
    func isWord(_ index: Int) -> Bool {
      let scalar = scalars[index]
      return scalar == "_" || CharacterSet.alphanumerics.contains(scalar)
    }
    var start = cursor
    while start > 0, isWord(start - 1) { start -= 1 }
    var end = cursor
    while end < scalars.count, isWord(end) { end += 1 }
    guard start < end else { return nil }
    let name = String(String.UnicodeScalarView(scalars[start..<end]))
    return BuiltinRegistry.help(for: name, width: 80, host: MetaCommand.hostHelp)
  }

  public func isComplete(_ code: String) -> Bool { !Parser.isIncomplete(code) }

  public func interrupt() {
    if running.load(ordering: .sequentiallyConsistent) { cancellation.cancel() }
  }

  /// The line of `code` holding `cursor`: its text, the cursor within it, the lines before
  /// it, and where it starts (all in Unicode scalars).
  static func line(in code: String, at cursor: Int) -> (String, Int, String, Int) {
    let scalars = Array(code.unicodeScalars)
    let cursor = Swift.max(0, Swift.min(cursor, scalars.count))
    var start = cursor
    while start > 0, scalars[start - 1] != "\n" { start -= 1 }
    var end = cursor
    while end < scalars.count, scalars[end] != "\n" { end += 1 }
    let text = { (range: Range<Int>) in String(String.UnicodeScalarView(scalars[range])) }
    return (text(start..<end), cursor - start, text(0..<Swift.max(0, start - 1)), start)
  }
}
