import ArgumentParser
import Foundation
import NNVCore
import NNVKernel
import NNVLanguage

/// `nnv kernel CONNECTION_FILE`: runs nnv as a Jupyter kernel (Jupyter starts it).
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nnv kernel",
    abstract: "Run nnv as a Jupyter kernel; Jupyter starts it with its connection file.",
    discussion: """
      Install the kernelspec once with `nnv kernel install --user`; Jupyter then lists nnv.
      """)

  @ArgumentParser.Argument(help: "The connection file Jupyter wrote for this kernel.")
  var connectionFile: String

  func run() throws {
    do {
      let status = try Kernel.run(connectionFile: connectionFile)
      if status != 0 { throw ExitCode(status) }
    } catch let error as KernelError {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      switch error {
      case .badConnection: throw ExitCode(64)
      case .missingLibrary: throw ExitCode(69)
      case .socket: throw ExitCode(71)
      }
    }
  }
}

/// `nnv kernel install [--user] [--prefix DIR]`: writes the kernelspec where Jupyter looks.
struct KernelInstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nnv kernel install",
    abstract: "Install the nnv kernelspec, so that Jupyter lists nnv as a kernel.",
    discussion: """
      Without options the spec goes to /usr/local/share/jupyter/kernels/nnv; with --user to \
      Jupyter's folder in your home; with --prefix DIR to DIR/share/jupyter/kernels/nnv \
      (give Jupyter DIR/share/jupyter in JUPYTER_PATH).
      """)

  @Flag(help: "Install for the current user only.")
  var user = false

  @Option(help: "Install under this prefix (DIR/share/jupyter/kernels/nnv).")
  var prefix: String?

  func validate() throws {
    if user && prefix != nil { throw ValidationError("Give either --user or --prefix, not both.") }
  }

  func run() throws {
    let location: KernelSpec.Location =
      user ? .user : prefix.map { .prefix(PathResolver().resolve($0)) } ?? .system
    do {
      let folder = try KernelSpec.install(at: location)
      print("installed the nnv kernel in \(folder)")
    } catch {
      let reason = (error as NSError).localizedDescription
      FileHandle.standardError.write(
        Data("nnv: error: cannot install the kernelspec: \(reason)\n".utf8))
      throw ExitCode(73)
    }
  }
}

/// `nnv notebook FILE.nnv -o FILE.ipynb`: a lesson script as a Jupyter notebook.
struct NotebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nnv notebook",
    abstract: "Turn a lesson script into a Jupyter notebook for the nnv kernel.",
    discussion: """
      Each note becomes a Markdown cell, the statements between notes a code cell; pause is \
      left out.
      """)

  @ArgumentParser.Argument(help: "The .nnv script to convert.")
  var file: String

  @Option(name: .shortAndLong, help: "The notebook to write (.ipynb).")
  var output: String

  func run() throws {
    let paths = PathResolver()
    let source: SourceFile
    switch ScriptReader.read(path: paths.resolve(file), name: file) {
    case .success(let read): source = read
    case .failure(let failure):
      throw ValidationError(failure.message(script: "'\(file)'"))
    }
    let (cells, diagnostics) = LessonNotebook.cells(of: source)
    guard diagnostics.isEmpty else {
      let text = DiagnosticRenderer(color: false).render(diagnostics)
      FileHandle.standardError.write(Data(text.utf8))
      throw ExitCode(ExitStatus.dataError.rawValue)
    }
    do {
      try AtomicFile.write(Data(LessonNotebook.json(cells).utf8), to: paths.resolve(output))
    } catch {
      let reason = (error as? PersistenceError)?.reason ?? "\(error)"
      throw ValidationError("Cannot write \(output): \(reason).")
    }
    print("wrote \(output) (\(cells.count) cells)")
  }
}
