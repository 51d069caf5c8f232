import Foundation
import NNVLanguage
import Synchronization

/// Ctrl-C in the REPL: clears the line at the prompt, cancels a running command.
///
/// The SIGINT handler itself only counts the signal and wakes a watcher thread (a self-pipe),
/// because a signal handler may call almost nothing. It is installed without `SA_RESTART`, so a
/// blocked `read` of the prompt returns `EINTR` and the line readers see the new count. The
/// watcher does the rest while a command runs: the first Ctrl-C sets the interpreter's
/// `CancellationFlag`, which every long command polls every few milliseconds (training stops at
/// the next batch, the model keeps its weights; other commands print and bind nothing); a second
/// one within a second, while the command has not stopped yet, ends nnv at once when nothing is
/// unsaved and otherwise asks first.
public final class InterruptController: @unchecked Sendable {
  /// Signals received since launch; line readers compare it before and after a read.
  static let count = Atomic<Int>(0)
  /// The pipe end the handler writes a byte to.
  static let wakeDescriptor = Atomic<Int32>(-1)

  public enum Phase: Int { case reading = 0, running = 1 }

  private let phase = Atomic<Int>(Phase.reading.rawValue)
  private let asking = Atomic<Bool>(false)
  private let unsaved = Atomic<Bool>(false)
  private let lastCancel = Mutex<Date>(.distantPast)
  private let cancellation: CancellationFlag

  public init(cancellation: CancellationFlag) {
    self.cancellation = cancellation
  }

  /// The number of Ctrl-Cs so far.
  public static var signalCount: Int { count.load(ordering: .sequentiallyConsistent) }

  /// Installs the handler and starts the watcher thread.
  public func install() {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return }
    _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
    InterruptController.wakeDescriptor.store(fds[1], ordering: .sequentiallyConsistent)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      InterruptController.count.add(1, ordering: .sequentiallyConsistent)
      var byte: UInt8 = 1
      _ = write(InterruptController.wakeDescriptor.load(ordering: .relaxed), &byte, 1)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0  // no SA_RESTART: a blocked read returns EINTR
    sigaction(SIGINT, &action, nil)
    let readEnd = fds[0]
    let thread = Thread { [self] in
      var byte: UInt8 = 0
      while true {
        let n = read(readEnd, &byte, 1)
        if n == 1 { handleSignal() } else if n < 0 && errno == EINTR { continue } else { return }
      }
    }
    thread.name = "nnv-interrupts"
    thread.start()
  }

  /// Tells the controller whether a command is running.
  public func enter(_ phase: Phase) {
    self.phase.store(phase.rawValue, ordering: .sequentiallyConsistent)
  }

  /// Whether the session has work a forced quit would lose.
  public func setUnsavedWork(_ value: Bool) {
    unsaved.store(value, ordering: .sequentiallyConsistent)
  }

  /// Waits while the "quit?" question is on the screen, so the prompt does not fight it for
  /// the keyboard.
  public func waitForQuestion() {
    while asking.load(ordering: .sequentiallyConsistent) { usleep(20_000) }
  }

  private func handleSignal() {
    guard phase.load(ordering: .sequentiallyConsistent) == Phase.running.rawValue else { return }
    let now = Date()
    let previous = lastCancel.withLock { last in
      defer { last = now }
      return last
    }
    let repeated = cancellation.isCancelled && now.timeIntervalSince(previous) < 1
    cancellation.cancel()
    guard repeated, !asking.load(ordering: .sequentiallyConsistent) else { return }
    guard unsaved.load(ordering: .sequentiallyConsistent) else { exit(130) }
    asking.store(true, ordering: .sequentiallyConsistent)
    defer { asking.store(false, ordering: .sequentiallyConsistent) }
    emit(Self.question)
    var answer: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let n = read(STDIN_FILENO, &byte, 1)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 || byte == UInt8(ascii: "\n") { break }
      answer.append(byte)
    }
    let text = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    if text.lowercased().hasPrefix("y") { exit(130) }
    emit(Self.keepGoing)
  }

  private func emit(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static let question =
    "\nThe command is still stopping. Quit nnv now and lose unsaved work? [y/N] "
  static let keepGoing = "Staying: the command stops at its next step.\n"
}
