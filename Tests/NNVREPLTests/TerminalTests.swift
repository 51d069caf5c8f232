import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `nnv` binary, driven as a user would: through a pseudo-terminal for the REPL, and
/// through a pipe for scripts on standard input.
@Suite(.serialized) struct TerminalTests {
  /// The `nnv` binary in the build products directory, where the test bundle also lives.
  static let binary: String? = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
    ].map { $0.appendingPathComponent("nnv").path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  static func makeDirectory() -> String {
    let path = NSTemporaryDirectory() + "nnv-terminal-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func theBinaryIsBuiltNextToTheTests() {
    #expect(Self.binary != nil, "no nnv next to \(CommandLine.arguments[0])")
  }

  @Test(.timeLimit(.minutes(1))) func replOnAPseudoTerminal() throws {
    guard let binary = Self.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return
    }
    let home = Self.makeDirectory()
    let terminal = try PseudoTerminal(
      executable: binary,
      environment: [
        "TERM=xterm", "HOME=\(home)", "XDG_STATE_HOME=\(home)/state", "LANG=C.UTF-8",
      ])
    defer { terminal.close() }
    #expect(terminal.waitFor("type :help for commands"))
    #expect(terminal.waitFor("nnv>"))

    terminal.send("let data = xor(n: 200)\r")
    terminal.send("model network { input 2; dense 8 tanh; dense 1 sigmoid }\r")
    // Tab completes a session name.
    terminal.send("summary netw\t")
    #expect(terminal.waitFor("summary network"))
    terminal.send("\r")
    #expect(terminal.waitFor("total parameters: 33"))
    // The up arrow recalls the last line; Enter runs it again.
    terminal.send("\u{1B}[A")
    #expect(terminal.waitFor("summary network", count: 2))
    terminal.send("\r")
    #expect(terminal.waitFor("total parameters: 33", count: 2))

    // Ctrl-C during training stops it at the next batch and returns to the prompt.
    terminal.send("train network on data epochs 100000\r")
    #expect(terminal.waitFor("epoch "))
    usleep(300_000)
    terminal.send("\u{03}")
    #expect(terminal.waitFor("Training stopped at epoch"))
    #expect(terminal.waitFor("network keeps the weights it had reached"))
    terminal.send("network\r")
    #expect(terminal.waitFor("model network: input [2] → dense 8 tanh → dense 1 sigmoid"))

    // Ctrl-C during a long saliency (two million noisy copies of 2 features) stops it: the
    // prompt comes back, nothing of the view is drawn, and the session goes on.
    terminal.send("saliency network on data method smoothgrad samples 10000\r")
    usleep(300_000)
    terminal.send("\u{03}")
    #expect(terminal.waitFor("stopped: Interrupted."))
    #expect(!terminal.screen.contains("SmoothGrad, 10000 samples"))
    terminal.send("print 5 * 5\r")
    #expect(terminal.waitFor("\n25\n"))

    // Ctrl-C at the prompt drops the line; the session goes on.
    terminal.send("this is never run\u{03}")
    terminal.send("print 6 * 7\r")
    #expect(terminal.waitFor("\n42\n"))
    #expect(!terminal.screen.contains("Unknown name 'this'"))

    // Ctrl-D asks first, since network was trained and not saved; then the session ends
    // normally, and the history was kept.
    terminal.send("\u{04}")
    #expect(terminal.waitFor("Leave nnv and lose these changes? [y/N]"))
    terminal.send("y\r")
    #expect(terminal.waitForExit() == 0)
    let history = try String(contentsOfFile: home + "/state/nnv/history", encoding: .utf8)
    #expect(history.contains("summary network\n"))
  }

  @Test(.timeLimit(.minutes(1))) func unsavedWorkIsAskedAboutOnAPseudoTerminal() throws {
    guard let binary = Self.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return
    }
    let home = Self.makeDirectory()
    let terminal = try PseudoTerminal(
      executable: binary,
      environment: ["TERM=xterm", "HOME=\(home)", "NNV_NO_HISTORY=1", "LANG=C.UTF-8"])
    defer { terminal.close() }
    #expect(terminal.waitFor("nnv>"))
    terminal.send("model net { input 2; dense 8 tanh; dense 1 sigmoid }\r")
    terminal.send("let data = xor(n: 200)\r")

    // Ctrl-D at a continuation prompt asks; "n" stays, with the unfinished entry dropped.
    terminal.send("model half {\r")
    #expect(terminal.waitFor("...>"))
    terminal.send("\u{04}")
    #expect(terminal.waitFor("Unsaved changes: net"))
    #expect(terminal.waitFor("Leave nnv and lose these changes? [y/N]"))
    terminal.send("n\r")
    terminal.send("print 6 * 7\r")
    #expect(terminal.waitFor("\n42\n"))

    // Ctrl-C twice during training: the first stops it, the second asks (whether the command
    // is still stopping or back at the prompt); "y" leaves.
    terminal.send("train net on data epochs 100000\r")
    #expect(terminal.waitFor("epoch "))
    terminal.send("\u{03}")
    terminal.send("\u{03}")
    #expect(terminal.waitFor("[y/N]", count: 2))
    terminal.send("y\r")
    let status = terminal.waitForExit()
    #expect(status == 0 || status == 130, "exit status \(status)")
  }

  @Test(.timeLimit(.minutes(1))) func ctrlCInALongScriptCommandExitsWith130() throws {
    guard let binary = Self.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return
    }
    let directory = Self.makeDirectory()
    let script = directory + "/long.nnv"
    try """
    let images = digits()
    model net { input 64; dense 32 relu; dense 10 softmax }
    print "started"
    saliency net on images method smoothgrad samples 10000
    print "never printed"
    """.write(toFile: script, atomically: true, encoding: .utf8)
    let terminal = try PseudoTerminal(
      executable: binary, arguments: [script],
      environment: ["TERM=xterm", "HOME=\(directory)", "LANG=C.UTF-8", "NNV_NO_HISTORY=1"])
    defer { terminal.close() }
    #expect(terminal.waitFor("started"))
    usleep(300_000)
    terminal.send("\u{03}")
    #expect(terminal.waitForExit() == 130)
    // The diagnostic names the statement that was running, not a later one.
    #expect(terminal.screen.contains("long.nnv:4:1: stopped: Interrupted."))
    #expect(!terminal.screen.contains("never printed"))
  }

  @Test func scriptOnStandardInputRunsWithItsExitStatus() throws {
    guard let binary = Self.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return
    }
    func run(_ script: String) throws -> (status: Int32, output: String) {
      try PipedRun.run(binary, bytes: Array(script.utf8))
    }
    let good = try run("print 1+1\n")
    #expect(good.status == 0)
    #expect(good.output == "2\n")
    let syntax = try run("print 1\nlet = 3\n")
    #expect(syntax.status == 65)
    #expect(syntax.output.contains("<stdin>:2:5: error:"))
    let runtime = try run("print 1\nprint [1][4]\n")
    #expect(runtime.status == 70)
    #expect(runtime.output.hasPrefix("1\n"))
  }
}

/// A child process on a new pseudo-terminal: what it writes is collected, escape sequences
/// removed, so a test can wait for text to appear on the "screen".
final class PseudoTerminal {
  let master: Int32
  let pid: pid_t
  private(set) var bytes: [UInt8] = []

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(executable: String, arguments: [String] = [], environment: [String]) throws {
    // posix_openpt and friends sit behind _XOPEN_SOURCE in <stdlib.h>, which Swift's Glibc
    // module does not import, so they are looked up in the C library by name.
    typealias OpenFunction = @convention(c) (Int32) -> Int32
    typealias FDFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    let libc = dlopen(nil, RTLD_NOW)
    guard let openSymbol = dlsym(libc, "posix_openpt"), let grantSymbol = dlsym(libc, "grantpt"),
      let unlockSymbol = dlsym(libc, "unlockpt"), let nameSymbol = dlsym(libc, "ptsname_r")
    else { throw Failure(description: "no pseudo-terminal functions in the C library") }
    master = unsafeBitCast(openSymbol, to: OpenFunction.self)(O_RDWR | O_NOCTTY)
    var name = [CChar](repeating: 0, count: 128)
    guard master >= 0, unsafeBitCast(grantSymbol, to: FDFunction.self)(master) == 0,
      unsafeBitCast(unlockSymbol, to: FDFunction.self)(master) == 0,
      unsafeBitCast(nameSymbol, to: NameFunction.self)(master, &name, name.count) == 0
    else { throw Failure(description: "cannot open a pseudo-terminal") }
    let slavePath = String(cString: name)
    var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // After setsid the child has no terminal; opening the slave makes it the controlling one,
    // so Ctrl-C typed on the master reaches the child as SIGINT.
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc)
    posix_spawnattr_setflags(
      &attributes, Int16(setsid | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    guard status == 0 else { throw Failure(description: "posix_spawn failed: \(status)") }
    pid = child
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
  }

  func send(_ text: String) {
    let data = Array(text.utf8)
    _ = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    usleep(50_000)  // let the program react, as a person typing would
  }

  /// What the terminal shows: every line written so far, scrolled-off ones included.
  var screen: String {
    drain()
    return Screen.render(String(decoding: bytes, as: UTF8.self), columns: 100)
  }

  /// Waits until `text` has appeared `count` times on the screen.
  func waitFor(_ text: String, count: Int = 1, timeout: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if screen.components(separatedBy: text).count - 1 >= count { return true }
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, 50)
    }
    print("timed out waiting for \(text.debugDescription); the screen shows:\n\(screen)")
    return false
  }

  /// Waits for the child to exit; its exit status, or -1 after the timeout.
  func waitForExit(timeout: Double = 10) -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while Date() < deadline {
      drain()
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
      }
      usleep(20_000)
    }
    return -1
  }

  func close() {
    if waitpid(pid, nil, WNOHANG) == 0 {
      kill(pid, SIGKILL)
      _ = waitpid(pid, nil, 0)
    }
    Glibc.close(master)
  }

  private func drain() {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(master, &buffer, buffer.count)
      if count <= 0 { return }
      bytes += buffer[..<count]
    }
  }
}

/// A minimal terminal screen: enough of VT100 to replay what libedit draws (carriage returns,
/// backspaces, cursor moves, erasing) and read the result as lines of text.
enum Screen {
  static func render(_ text: String, columns: Int) -> String {
    var lines: [[Character]] = [[]]
    var row = 0
    var column = 0
    func put(_ character: Character) {
      if column >= columns {
        row += 1
        column = 0
      }
      while lines.count <= row { lines.append([]) }
      while lines[row].count < column { lines[row].append(" ") }
      if column < lines[row].count {
        lines[row][column] = character
      } else {
        lines[row].append(character)
      }
      column += 1
    }
    var characters = Array(text)
    characters.reverse()
    while let character = characters.popLast() {
      switch character {
      case "\r": column = 0
      case "\n", "\r\n":
        row += 1
        if character == "\r\n" { column = 0 }
        while lines.count <= row { lines.append([]) }
      case "\u{8}": column = max(0, column - 1)
      case "\u{7}": break
      case "\t": column = (column / 8 + 1) * 8
      case "\u{1B}":
        guard let next = characters.popLast() else { break }
        guard next == "[" else { break }
        var parameters = ""
        var final: Character = "m"
        while let c = characters.popLast() {
          if let ascii = c.asciiValue, (0x40...0x7E).contains(ascii) {
            final = c
            break
          }
          parameters.append(c)
        }
        let numbers = parameters.split(separator: ";").map { Int($0.filter(\.isNumber)) ?? 0 }
        let n = max(1, numbers.first ?? 1)
        switch final {
        case "A": row = max(0, row - n)
        case "B": row += n
        case "C": column += n
        case "D": column = max(0, column - n)
        case "G": column = n - 1
        case "K":
          while lines.count <= row { lines.append([]) }
          switch numbers.first ?? 0 {
          case 1: for i in 0..<min(column, lines[row].count) { lines[row][i] = " " }
          case 2: lines[row] = []
          default: if column < lines[row].count { lines[row].removeSubrange(column...) }
          }
        case "J":
          while lines.count <= row { lines.append([]) }
          if column < lines[row].count { lines[row].removeSubrange(column...) }
          lines.removeSubrange((row + 1)...)
        default: break
        }
      default:
        if character.isASCII, let ascii = character.asciiValue, ascii < 0x20 { break }
        put(character)
      }
    }
    return lines.map {
      String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    .joined(separator: "\n")
  }
}
