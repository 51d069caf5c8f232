import ArgumentParser
import Foundation
import NNVCore
import NNVLanguage
import NNVPlot
import NNVREPL

/// The `nnv` command: runs `.nnv` scripts; with no file and a terminal, opens the REPL.
///
/// All behaviour lives in the libraries; this file only reads the command line and connects
/// the interpreter to the terminal. Exit codes follow sysexits: 0 success, 64 bad usage,
/// 65 a script error (syntax or check), 70 a runtime error, 130 interrupted.
@main
struct NNVCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nnv",
    abstract: "Build, train, explain and look inside neural networks.",
    discussion: """
      Runs a .nnv script, a snippet given with -e, or a script read from standard input (-).
      With no file and a terminal, opens the interactive prompt (the REPL).
      Example: nnv Scripts/examples/xor.nnv
      In Jupyter: nnv kernel install --user (see nnv kernel --help); a lesson as a notebook:
      nnv notebook LESSON.nnv -o LESSON.ipynb
      """,
    version: NNVVersion.current)

  @ArgumentParser.Argument(help: "The .nnv script to run, or - to read one from standard input.")
  var file: String?

  @Option(name: .shortAndLong, parsing: .unconditional, help: "Run this code instead of a file.")
  var expression: String?

  @Flag(help: "Parse the script and check names and shapes without running it.")
  var check = false

  // Read as text, so that `--seed -3` is a seed to refuse, not a missing value.
  @Option(
    parsing: .unconditional,
    help: "The session seed, 0 to 999999999999999; initial weights and data derive from it.")
  var seed: String = "42"

  @Option(help: "Colour in diagnostics and progress: auto, always or never.")
  var color: ColorChoice = .auto

  func validate() throws {
    if let message = UnknownOption.message(in: Array(CommandLine.arguments.dropFirst())) {
      throw ValidationError(message)
    }
    guard let value = UInt64(seed), value <= SessionSettings.maximumSeed else {
      throw ValidationError(
        "The seed is a whole number from 0 to \(SessionSettings.maximumSeed), not '\(seed)'.")
    }
    if expression != nil && file != nil {
      throw ValidationError("Give either a file or -e CODE, not both.")
    }
  }

  /// `nnv kernel ...` and `nnv notebook ...` are commands of their own, picked by the first
  /// word (a script with such a name runs as `nnv ./kernel`); anything else is a script or
  /// the REPL.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "kernel" where arguments.dropFirst().first == "install":
      KernelInstallCommand.main(Array(arguments.dropFirst(2)))
    case "kernel":
      KernelCommand.main(Array(arguments.dropFirst()))
    case "notebook":
      NotebookCommand.main(Array(arguments.dropFirst()))
    default:
      main(arguments)
    }
  }

  /// The seed, checked by `validate`.
  var sessionSeed: UInt64 { UInt64(seed) ?? 42 }

  func run() throws {
    let source: SourceFile
    if let expression {
      source = SourceFile(name: "<-e>", text: expression)
    } else if let file, file != "-" {
      let paths = PathResolver()
      let path = paths.resolve(file)
      switch ScriptReader.read(path: path, name: file) {
      case .failure(.unreadable(let reason)):
        throw ValidationError("Cannot read \(path): \(reason) (\(paths.hint(for: file))).")
      case let result:
        source = try script(result, named: "'\(file)'")
      }
    } else if file == "-" || isatty(STDIN_FILENO) == 0 {
      source = try script(
        ScriptReader.read(from: .standardInput, name: "<stdin>"),
        named: "the script on standard input")
    } else {
      let status = REPL.run(seed: sessionSeed, color: color.isEnabled(for: STDOUT_FILENO))
      if status != 0 { throw ExitCode(status) }
      return
    }

    let colorOutput = color.isEnabled(for: STDERR_FILENO)
    let terminal = TerminalOutput()
    let cancellation = CancellationFlag()
    let interrupts = InterruptHandler(cancellation: cancellation)
    let interpreter = Interpreter(
      output: terminal, seed: sessionSeed, cancellation: cancellation)
    interpreter.display = Display.terminal(colorEnabled: color.isEnabled(for: STDOUT_FILENO))
    interpreter.hostHelp = MetaCommand.hostHelp
    let diagnostics: [Diagnostic]
    let status: ExitStatus
    if check {
      diagnostics = interpreter.check(source)
      status = diagnostics.isEmpty ? .success : .dataError
    } else {
      let result = interpreter.run(source)
      (diagnostics, status) = (result.diagnostics, result.status)
    }
    interrupts.stop()
    terminal.finishLine()
    if !diagnostics.isEmpty {
      let text = DiagnosticRenderer(color: colorOutput).render(diagnostics)
      FileHandle.standardError.write(Data(text.utf8))
    }
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

extension NNVCommand {
  /// The script read, or the exit for why it could not be: a file that cannot be read is a
  /// usage error (64); one too large or not UTF-8 is a data error (65), the latter reported
  /// as a diagnostic at its first bad byte.
  func script(_ result: Result<SourceFile, ScriptReader.Failure>, named name: String) throws
    -> SourceFile
  {
    switch result {
    case .success(let source):
      return source
    case .failure(.unreadable(let reason)):
      throw ValidationError(ScriptReader.Failure.unreadable(reason).message(script: name))
    case .failure(.notUTF8(let diagnostic)):
      let text = DiagnosticRenderer(color: color.isEnabled(for: STDERR_FILENO)).render([diagnostic])
      FileHandle.standardError.write(Data(text.utf8))
      throw ExitCode(ExitStatus.dataError.rawValue)
    case .failure(let failure):
      let text = "nnv: error: \(failure.message(script: name))\n"
      FileHandle.standardError.write(Data(text.utf8))
      throw ExitCode(ExitStatus.dataError.rawValue)
    }
  }
}

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  /// Colour for `descriptor`: `auto` means a terminal that is not dumb, without `NO_COLOR`.
  func isEnabled(for descriptor: Int32) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      return isatty(descriptor) != 0 && environment["NO_COLOR"] == nil
        && environment["TERM"] != "dumb"
    }
  }
}
