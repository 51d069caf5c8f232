import Foundation
import NNVKernel

/// A dispatcher over nnv's engine whose sent messages are kept instead of going to sockets.
final class KernelHarness {
  struct Sent {
    var channel: KernelDispatcher.Channel
    var wire: WireMessage
    var message: KernelMessage
  }

  let signer: MessageSigner
  let engine: NNVEngine
  let dispatcher: KernelDispatcher
  private let box = Box()
  var sent: [Sent] { box.sent }

  final class Box: @unchecked Sendable {
    var sent: [Sent] = []
    var onSend: ((Sent) -> Void)?
  }

  /// Calls `action` with every message as it is sent.
  func onSend(_ action: @escaping (Sent) -> Void) { box.onSend = action }

  init(key: String = RecordedMessages.key) throws {
    signer = MessageSigner(key: key, hmac: HMACSHA256.load())
    engine = NNVEngine(seed: 1, directory: FileManager.default.temporaryDirectory.path)
    let box = self.box
    dispatcher = KernelDispatcher(signer: signer, engine: engine) { channel, frames in
      guard let wire = try? WireMessage.parse(frames) else { return }
      let sent = Sent(channel: channel, wire: wire, message: KernelMessage(wire))
      box.sent.append(sent)
      box.onSend?(sent)
    }
  }

  /// Sends a request of `type` with `content`, signed with the key, and returns what the
  /// kernel sent for it.
  @discardableResult
  func request(
    _ type: String, _ content: JSONObject, on channel: KernelDispatcher.Channel = .shell
  ) -> [Sent] {
    let client = MessageFactory(session: "test-client")
    var message = client.message(type, content: content, parent: nil)
    message.identities = [Array("client".utf8)]
    return receive(signer.signed(message.wire).frames, on: channel)
  }

  /// Feeds `frames` to the dispatcher and returns what it sent.
  func receive(_ frames: [[UInt8]], on channel: KernelDispatcher.Channel = .shell) -> [Sent] {
    let before = box.sent.count
    dispatcher.receive(frames, on: channel)
    return Array(box.sent[before...])
  }

  /// Runs `code` as a cell.
  @discardableResult
  func execute(_ code: String, stopOnError: Bool = true) -> [Sent] {
    request(
      "execute_request",
      ["code": code, "silent": false, "store_history": true, "stop_on_error": stopOnError])
  }
}

extension Array where Element == KernelHarness.Sent {
  /// The messages of `type`.
  func of(_ type: String) -> [KernelMessage] { filter { $0.message.type == type }.map(\.message) }

  /// The text of the stdout stream messages.
  var stdout: String {
    of("stream").filter { $0.content["name"] as? String == "stdout" }
      .compactMap { $0.content["text"] as? String }.joined()
  }

  /// The execute reply's content.
  var reply: JSONObject { of("execute_reply").first?.content ?? [:] }
}
