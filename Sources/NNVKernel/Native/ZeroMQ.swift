import Foundation

/// The few functions of ZeroMQ's C API the kernel uses, from the system's `libzmq.so.5`.
///
/// The library is loaded at run time (`dlopen`), as the REPL loads libedit: building nnv needs
/// no ZeroMQ headers, and an nnv without the library still runs scripts; only `nnv kernel`
/// needs it and says which Debian package to install. None of these functions is variadic, so
/// no C shim is needed.
public final class ZeroMQ: @unchecked Sendable {
  typealias ContextNew = @convention(c) () -> UnsafeMutableRawPointer?
  typealias SocketNew = @convention(c) (UnsafeMutableRawPointer?, Int32) -> UnsafeMutableRawPointer?
  typealias Bind = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
  typealias SetOption =
    @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafeRawPointer?, Int) -> Int32
  typealias MessageFunction = @convention(c) (UnsafeMutableRawPointer?) -> Int32
  typealias MessageReceive =
    @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32) -> Int32
  typealias MessageData = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
  typealias MessageSize = @convention(c) (UnsafeMutableRawPointer?) -> Int
  typealias Send = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int, Int32) -> Int32
  typealias ErrorNumber = @convention(c) () -> Int32
  typealias ErrorText = @convention(c) (Int32) -> UnsafePointer<CChar>?

  /// Socket types, from zmq.h.
  public enum SocketType: Int32 { case publisher = 1, reply = 4, router = 6 }

  static let sendMore: Int32 = 2
  static let dontWait: Int32 = 1
  static let lingerOption: Int32 = 17
  /// `zmq_msg_t` is 64 opaque bytes, aligned like a pointer.
  static let messageSize = 64

  let contextNew: ContextNew
  let socketNew: SocketNew
  let bind: Bind
  let setOption: SetOption
  let messageInit: MessageFunction
  let messageClose: MessageFunction
  let messageMore: MessageFunction
  let messageReceive: MessageReceive
  let messageData: MessageData
  let messageSize: MessageSize
  let send: Send
  let errorNumber: ErrorNumber
  let errorText: ErrorText

  /// Why the library could not be loaded, naming the package to install.
  public static let missingMessage =
    "nnv: error: the Jupyter kernel talks to Jupyter through ZeroMQ (libzmq.so.5), which was "
    + "not found; install it with `apt-get install libzmq5`."

  /// The system's ZeroMQ, or nil when `libzmq.so.5` cannot be loaded.
  public init?() {
    guard let handle = dlopen("libzmq.so.5", RTLD_NOW) ?? dlopen("libzmq.so", RTLD_NOW)
    else { return nil }
    func function<T>(_ name: String, as type: T.Type) -> T? {
      dlsym(handle, name).map { unsafeBitCast($0, to: type) }
    }
    guard let contextNew = function("zmq_ctx_new", as: ContextNew.self),
      let socketNew = function("zmq_socket", as: SocketNew.self),
      let bind = function("zmq_bind", as: Bind.self),
      let setOption = function("zmq_setsockopt", as: SetOption.self),
      let messageInit = function("zmq_msg_init", as: MessageFunction.self),
      let messageClose = function("zmq_msg_close", as: MessageFunction.self),
      let messageMore = function("zmq_msg_more", as: MessageFunction.self),
      let messageReceive = function("zmq_msg_recv", as: MessageReceive.self),
      let messageData = function("zmq_msg_data", as: MessageData.self),
      let messageSize = function("zmq_msg_size", as: MessageSize.self),
      let send = function("zmq_send", as: Send.self),
      let errorNumber = function("zmq_errno", as: ErrorNumber.self),
      let errorText = function("zmq_strerror", as: ErrorText.self)
    else {
      dlclose(handle)
      return nil
    }
    self.contextNew = contextNew
    self.socketNew = socketNew
    self.bind = bind
    self.setOption = setOption
    self.messageInit = messageInit
    self.messageClose = messageClose
    self.messageMore = messageMore
    self.messageReceive = messageReceive
    self.messageData = messageData
    self.messageSize = messageSize
    self.send = send
    self.errorNumber = errorNumber
    self.errorText = errorText
  }

  /// The text of ZeroMQ's last error on this thread.
  var lastError: String {
    errorText(errorNumber()).map { String(cString: $0) } ?? "error \(errorNumber())"
  }
}

/// A failure of a ZeroMQ call, with ZeroMQ's own words.
public struct ZeroMQError: Error, CustomStringConvertible {
  public var description: String
}

/// One bound ZeroMQ socket. A socket is used by one thread at a time: each channel of the
/// kernel has its own thread, and iopub, shared, is guarded by a lock in `Kernel`.
public final class ZeroMQSocket: @unchecked Sendable {
  private let library: ZeroMQ
  private let socket: UnsafeMutableRawPointer

  /// A socket of `type` in `context`, bound to `endpoint` (`tcp://127.0.0.1:5555`).
  init(
    _ library: ZeroMQ, context: UnsafeMutableRawPointer, type: ZeroMQ.SocketType,
    endpoint: String
  ) throws {
    guard let socket = library.socketNew(context, type.rawValue) else {
      throw ZeroMQError(description: "cannot make a socket: \(library.lastError)")
    }
    self.library = library
    self.socket = socket
    var linger: Int32 = 1000
    _ = library.setOption(socket, ZeroMQ.lingerOption, &linger, MemoryLayout<Int32>.size)
    guard endpoint.withCString({ library.bind(socket, $0) }) == 0 else {
      throw ZeroMQError(description: "cannot listen on \(endpoint): \(library.lastError)")
    }
  }

  /// Waits for the next multipart message and returns its frames; retries when a signal
  /// interrupts the wait.
  public func receive() throws -> [[UInt8]] {
    try receive(waiting: true) ?? []
  }

  /// The next multipart message; without `waiting`, nil when none has arrived.
  public func receive(waiting: Bool) throws -> [[UInt8]]? {
    var frames: [[UInt8]] = []
    let message = UnsafeMutableRawPointer.allocate(
      byteCount: ZeroMQ.messageSize, alignment: MemoryLayout<Int>.alignment)
    defer { message.deallocate() }
    while true {
      _ = library.messageInit(message)
      defer { _ = library.messageClose(message) }
      let flags = waiting || !frames.isEmpty ? 0 : ZeroMQ.dontWait
      if library.messageReceive(message, socket, flags) < 0 {
        if library.errorNumber() == EINTR { continue }
        if library.errorNumber() == EAGAIN && frames.isEmpty { return nil }
        throw ZeroMQError(description: "cannot receive: \(library.lastError)")
      }
      let size = library.messageSize(message)
      if let data = library.messageData(message), size > 0 {
        frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
      } else {
        frames.append([])
      }
      if library.messageMore(message) == 0 { return frames }
    }
  }

  /// Sends `frames` as one multipart message.
  public func send(_ frames: [[UInt8]]) throws {
    for (index, frame) in frames.enumerated() {
      let flags = index < frames.count - 1 ? ZeroMQ.sendMore : 0
      while true {
        let sent = frame.withUnsafeBytes { library.send(socket, $0.baseAddress, $0.count, flags) }
        if sent >= 0 { break }
        if library.errorNumber() == EINTR { continue }
        throw ZeroMQError(description: "cannot send: \(library.lastError)")
      }
    }
  }
}
