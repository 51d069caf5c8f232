import Dispatch
import Foundation
import NNVCore
import NNVLanguage

/// `nnv kernel CONNECTION_FILE`: nnv as a Jupyter kernel, speaking the messaging protocol 5.3
/// over ZeroMQ.
///
/// Each channel has its own thread: shell runs cells on the calling thread, control answers
/// `interrupt_request` and `shutdown_request` while a cell runs, heartbeat echoes. Iopub is
/// written from shell and control, under a lock. The protocol logic is `KernelDispatcher`'s;
/// this type only moves frames between it and the sockets.
///
/// Ctrl-C: Jupyter interrupts a kernel with SIGINT. The kernel ignores the signal's default
/// action and stops the running cell at its next poll (training at the next batch, the model
/// keeping its weights); between cells an interrupt does nothing.
public enum Kernel {
  /// Runs the kernel until `shutdown_request`.
  ///
  /// - Returns: the exit status (0 after a shutdown).
  /// - Throws: `KernelError` when the kernel cannot start.
  public static func run(connectionFile path: String) throws -> Int32 {
    let info = try connection(at: path)
    guard let zmq = ZeroMQ() else { throw KernelError.missingLibrary(ZeroMQ.missingMessage) }
    let hmac = HMACSHA256.load()
    if hmac == nil && !info.key.isEmpty {
      throw KernelError.missingLibrary(HMACSHA256.missingMessage)
    }
    guard let context = zmq.contextNew() else {
      throw KernelError.socket("cannot start ZeroMQ: \(zmq.lastError)")
    }
    func socket(_ type: ZeroMQ.SocketType, _ port: Int) throws -> ZeroMQSocket {
      do {
        return try ZeroMQSocket(zmq, context: context, type: type, endpoint: info.endpoint(port))
      } catch {
        throw KernelError.socket("\(error)")
      }
    }
    let shell = try socket(.router, info.shellPort)
    let control = try socket(.router, info.controlPort)
    let stdin = try socket(.router, info.stdinPort)
    let iopub = try socket(.publisher, info.iopubPort)
    let heartbeat = try socket(.reply, info.hbPort)
    _ = stdin  // bound so front ends can connect; nnv never asks for input
    let engine = NNVEngine()
    let iopubLock = NSLock()
    let dispatcher = KernelDispatcher(
      signer: MessageSigner(key: info.key, hmac: hmac), engine: engine
    ) { channel, frames in
      switch channel {
      case .shell: try? shell.send(frames)
      case .control: try? control.send(frames)
      case .stdin: try? stdin.send(frames)
      case .iopub: iopubLock.withLock { _ = try? iopub.send(frames) }
      }
    }
    let interrupts = handleInterrupts(engine)
    defer { interrupts.cancel() }
    start("nnv-heartbeat") {
      while let frames = try? heartbeat.receive() { try? heartbeat.send(frames) }
    }
    start("nnv-control") {
      while let frames = try? control.receive() {
        if case .shutdown = dispatcher.receive(frames, on: .control) { leave() }
      }
    }
    dispatcher.queuedRequests = { waiting(on: shell) }
    while let frames = try? shell.receive() {
      if case .shutdown = dispatcher.receive(frames, on: .shell) { leave() }
      for queued in dispatcher.takeQueuedBehindFailure() {
        if case .shutdown = dispatcher.abort(queued, on: .shell) { leave() }
      }
    }
    return 0
  }

  /// The requests waiting on a socket now. A failed cell's cells queued behind it do not run
  /// (Jupyter's rule); they are taken before its reply goes out, so a request sent after the
  /// client saw the reply runs.
  static func waiting(on shell: ZeroMQSocket) -> [[[UInt8]]] {
    var queued: [[[UInt8]]] = []
    while let frames = try? shell.receive(waiting: false) { queued.append(frames) }
    return queued
  }

  /// The connection file's settings. It is a few hundred bytes of JSON: `FileReader` refuses a
  /// device, a FIFO or anything over a megabyte instead of reading without bound.
  static func connection(at path: String) throws -> ConnectionInfo {
    do {
      return try ConnectionInfo.decode(
        try FileReader.read(path, limit: 1 << 20, what: "a connection file"))
    } catch let problem as FileProblem {
      throw KernelError.badConnection("cannot read \(path): \(problem.reason)")
    }
  }

  /// SIGINT stops the running cell; the process stays.
  static func handleInterrupts(_ engine: NNVEngine) -> any DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { engine.interrupt() }
    source.resume()
    return source
  }

  static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.start()
  }

  /// Ends the process once the last replies had time to leave (ZeroMQ sends on its own
  /// thread).
  static func leave() -> Never {
    usleep(200_000)
    exit(0)
  }
}
