import Foundation
import NNVLanguage

/// Starts an interactive session on the process's terminal: what `nnv` does with no file.
public enum REPL {
  /// Picks the line reader, wires Ctrl-C and history, runs the session.
  ///
  /// libedit edits lines when standard input and output are terminals and `TERM` is not
  /// `dumb`; otherwise, or when libedit is not installed, lines are read plainly (and the
  /// banner says once that line editing is off).
  ///
  /// - Returns: the process exit status.
  public static func run(seed: UInt64, color: Bool) -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let terminals = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    let dumb = environment["TERM"] == nil || environment["TERM"] == "dumb"
    var note: String?
    let reader: any LineReader
    if terminals && !dumb, let editor = EditLineReader.load() {
      reader = editor
    } else {
      reader = PlainLineReader(showsPrompts: isatty(STDIN_FILENO) != 0)
      if terminals && !dumb { note = "line editing is off: libedit (libedit.so.2) was not found\n" }
    }
    let output = TerminalOutput()
    let cancellation = CancellationFlag()
    let interrupts = InterruptController(cancellation: cancellation)
    interrupts.install()
    let history = History(path: History.defaultPath(environment: environment))
    let session = Session(
      reader: reader, output: output,
      settings: SessionSettings(color: color, seed: seed, display: .terminal(colorEnabled: color)),
      history: history, interrupts: interrupts, cancellation: cancellation)
    if let note { output.writeError(note) }
    session.run()
    return 0
  }
}
