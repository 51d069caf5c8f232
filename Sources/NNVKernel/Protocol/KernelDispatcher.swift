import Foundation

/// The kernel's protocol logic: checks a request's signature, routes it by `msg_type`, and
/// sends the replies and iopub messages (status busy/idle, `execute_input`, streams, displays,
/// errors) through `transmit`, as signed multipart frames.
///
/// It knows nothing of sockets: `Kernel` feeds it what ZeroMQ receives, and tests feed it
/// recorded messages and read what it sends.
public final class KernelDispatcher: @unchecked Sendable {
  /// The kernel's channels.
  public enum Channel: String, Sendable { case shell, control, iopub, stdin }

  /// What became of a request.
  public enum Outcome: Equatable, Sendable {
    case handled
    /// Not answered: the frames were not a message, or not signed with the key.
    case refused(WireMessage.Failure)
    /// A message type the kernel does not answer.
    case ignored(String)
    /// `shutdown_request`, answered; the kernel should now stop.
    case shutdown(restart: Bool)
  }

  /// Checks requests and signs what is sent.
  public let signer: MessageSigner
  /// Makes the headers of what is sent.
  public let factory: MessageFactory
  let engine: any KernelEngine
  /// Sends signed frames on a channel.
  public var transmit: (Channel, [[UInt8]]) -> Void
  /// The number of the last cell run with `store_history`.
  public private(set) var executionCount = 0
  /// Takes the requests waiting on the shell socket now, without waiting for more. A cell that
  /// fails with `stop_on_error` calls it before it replies, so what it takes was sent before
  /// the client could know of the failure: those cells are queued behind it.
  public var queuedRequests: () -> [[[UInt8]]] = { [] }
  /// The requests queued behind a failed cell, to be answered `aborted` without running
  /// (`abort`) once its reply is out; emptied by `takeQueuedBehindFailure`.
  public private(set) var queuedBehindFailure: [[[UInt8]]] = []
  /// Whether a failed cell left requests queued behind it.
  public var isStopped: Bool { !queuedBehindFailure.isEmpty }

  public init(
    signer: MessageSigner, engine: any KernelEngine, factory: MessageFactory = MessageFactory(),
    transmit: @escaping (Channel, [[UInt8]]) -> Void
  ) {
    self.signer = signer
    self.engine = engine
    self.factory = factory
    self.transmit = transmit
  }

  /// Handles one multipart message received on `channel`.
  @discardableResult
  public func receive(_ frames: [[UInt8]], on channel: Channel) -> Outcome {
    let wire: WireMessage
    do {
      wire = try WireMessage.parse(frames)
      try signer.verify(wire)
    } catch {
      return .refused(error)
    }
    let request = KernelMessage(wire)
    publish("status", ["execution_state": "busy"], parent: request)
    defer { publish("status", ["execution_state": "idle"], parent: request) }
    return route(request, on: channel)
  }

  /// Handles a message that was queued behind a failed cell: an `execute_request` is answered
  /// `aborted` and not run; anything else is handled as usual.
  @discardableResult
  public func abort(_ frames: [[UInt8]], on channel: Channel) -> Outcome {
    guard let wire = try? WireMessage.parse(frames), (try? signer.verify(wire)) != nil,
      KernelMessage(wire).type == "execute_request"
    else { return receive(frames, on: channel) }
    let request = KernelMessage(wire)
    publish("status", ["execution_state": "busy"], parent: request)
    reply(to: request, on: channel, ["status": "aborted", "execution_count": executionCount])
    publish("status", ["execution_state": "idle"], parent: request)
    return .handled
  }

  /// The requests queued behind the last failed cell, each to be passed to `abort`; after this,
  /// cells run again.
  public func takeQueuedBehindFailure() -> [[[UInt8]]] {
    defer { queuedBehindFailure = [] }
    return queuedBehindFailure
  }

  private func route(_ request: KernelMessage, on channel: Channel) -> Outcome {
    let content = request.content
    let code = content["code"] as? String ?? ""
    let cursor = content["cursor_pos"] as? Int ?? code.unicodeScalars.count
    switch request.type {
    case "kernel_info_request":
      reply(to: request, on: channel, KernelInfo.content)
    case "execute_request":
      execute(request, on: channel)
    case "complete_request":
      let found = engine.complete(code, cursor: cursor)
      reply(
        to: request, on: channel,
        [
          "status": "ok", "matches": found.matches, "cursor_start": found.start,
          "cursor_end": found.end, "metadata": JSONObject(),
        ])
    case "inspect_request":
      let text = engine.inspect(code, cursor: cursor)
      reply(
        to: request, on: channel,
        [
          "status": "ok", "found": text != nil, "metadata": JSONObject(),
          "data": text.map { ["text/plain": $0] } ?? [:],
        ])
    case "is_complete_request":
      let complete = engine.isComplete(code)
      reply(
        to: request, on: channel,
        complete ? ["status": "complete"] : ["status": "incomplete", "indent": "  "])
    case "interrupt_request":
      engine.interrupt()
      reply(to: request, on: channel, ["status": "ok"])
    case "shutdown_request":
      let restart = content["restart"] as? Bool ?? false
      reply(to: request, on: channel, ["status": "ok", "restart": restart])
      return .shutdown(restart: restart)
    case "comm_info_request":
      reply(to: request, on: channel, ["status": "ok", "comms": JSONObject()])
    case "history_request":
      reply(to: request, on: channel, ["status": "ok", "history": [Any]()])
    default:
      return .ignored(request.type)
    }
    return .handled
  }

  /// `execute_request`: publishes the input, runs the cell, publishes its output and error,
  /// and replies with the status and the execution count.
  private func execute(_ request: KernelMessage, on channel: Channel) {
    let code = request.content["code"] as? String ?? ""
    let silent = request.content["silent"] as? Bool ?? false
    let storeHistory = request.content["store_history"] as? Bool ?? !silent
    if !silent && storeHistory { executionCount += 1 }
    let count = executionCount
    if !silent {
      publish("execute_input", ["code": code, "execution_count": count], parent: request)
    }
    let result = engine.execute(code, count: count) { [self] event in
      guard !silent else { return }
      publish(event, parent: request)
    }
    switch result {
    case .ok:
      reply(
        to: request, on: channel,
        [
          "status": "ok", "execution_count": count, "user_expressions": JSONObject(),
          "payload": [Any](),
        ])
    case .error(let name, let value, let traceback):
      if request.content["stop_on_error"] as? Bool ?? true {
        queuedBehindFailure += queuedRequests()
      }
      let error: JSONObject = ["ename": name, "evalue": value, "traceback": traceback]
      if !silent { publish("error", error, parent: request) }
      reply(
        to: request, on: channel,
        error.merging(["status": "error", "execution_count": count]) { $1 })
    }
  }

  private func publish(_ event: KernelEvent, parent: KernelMessage) {
    switch event {
    case .stream(let name, let text):
      publish("stream", ["name": name, "text": text], parent: parent)
    case .display(let data, let id, let update):
      var content: JSONObject = ["data": data, "metadata": JSONObject()]
      if let id { content["transient"] = ["display_id": id] }
      publish(update ? "update_display_data" : "display_data", content, parent: parent)
    }
  }

  private func publish(_ type: String, _ content: JSONObject, parent: KernelMessage) {
    send(factory.broadcast(type, content: content, parent: parent), on: .iopub)
  }

  private func reply(to request: KernelMessage, on channel: Channel, _ content: JSONObject) {
    send(factory.reply(to: request, content: content), on: channel)
  }

  private func send(_ message: KernelMessage, on channel: Channel) {
    transmit(channel, signer.signed(message.wire).frames)
  }
}
