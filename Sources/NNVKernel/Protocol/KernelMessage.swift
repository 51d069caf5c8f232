import Foundation

/// A JSON object as Foundation's `JSONSerialization` reads and writes it.
public typealias JSONObject = [String: Any]

/// A Jupyter message with its JSON frames decoded: who sent it (identities), its header
/// (`msg_id`, `msg_type`, `session`, ...), the header of the request it answers, metadata and
/// content.
public struct KernelMessage: @unchecked Sendable {
  public var identities: [[UInt8]]
  public var header: JSONObject
  public var parentHeader: JSONObject
  public var metadata: JSONObject
  public var content: JSONObject
  public var buffers: [[UInt8]] = []

  public init(
    identities: [[UInt8]] = [], header: JSONObject, parentHeader: JSONObject = [:],
    metadata: JSONObject = [:], content: JSONObject = [:]
  ) {
    self.identities = identities
    self.header = header
    self.parentHeader = parentHeader
    self.metadata = metadata
    self.content = content
  }

  /// The message type (`execute_request`), empty when the header has none.
  public var type: String { header["msg_type"] as? String ?? "" }
  /// The message id.
  public var id: String { header["msg_id"] as? String ?? "" }

  /// Decodes the JSON frames of `wire`; a frame that is not a JSON object reads as `{}`.
  public init(_ wire: WireMessage) {
    self.init(
      identities: wire.identities, header: Self.object(wire.header),
      parentHeader: Self.object(wire.parentHeader), metadata: Self.object(wire.metadata),
      content: Self.object(wire.content))
    buffers = wire.buffers
  }

  /// The message as it goes on the wire, unsigned; keys are sorted so the bytes are stable.
  public var wire: WireMessage {
    WireMessage(
      identities: identities, header: Self.bytes(header), parentHeader: Self.bytes(parentHeader),
      metadata: Self.bytes(metadata), content: Self.bytes(content), buffers: buffers)
  }

  static func object(_ bytes: [UInt8]) -> JSONObject {
    guard !bytes.isEmpty,
      let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: []),
      let object = value as? JSONObject
    else { return [:] }
    return object
  }

  /// The JSON text of `object`; `{}` for anything JSON cannot hold (never the case for what
  /// the kernel builds: strings, whole numbers, booleans, lists and objects).
  static func bytes(_ object: JSONObject) -> [UInt8] {
    guard JSONSerialization.isValidJSONObject(object),
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return Array("{}".utf8) }
    return Array(data)
  }
}

/// Makes the kernel's messages: a fresh header in the kernel's session, the request's header
/// as parent.
public struct MessageFactory: Sendable {
  /// The kernel's session id, the same in every message it sends.
  public let session: String
  /// The version of Jupyter's messaging protocol the kernel speaks.
  public static let protocolVersion = "5.3"

  /// A factory for the session `session` (a fresh UUID by default).
  public init(session: String = UUID().uuidString.lowercased()) {
    self.session = session
  }

  /// A message of `type` answering `parent`, sent to `identities`.
  public func message(
    _ type: String, content: JSONObject, parent: KernelMessage?, identities: [[UInt8]] = []
  ) -> KernelMessage {
    let header: JSONObject = [
      "msg_id": UUID().uuidString.lowercased(), "msg_type": type, "session": session,
      "username": "nnv", "date": Self.timestamp(Date()), "version": Self.protocolVersion,
    ]
    return KernelMessage(
      identities: identities, header: header, parentHeader: parent?.header ?? [:],
      content: content)
  }

  /// A reply to `request` on the channel it came from: `execute_request` → `execute_reply`.
  public func reply(to request: KernelMessage, content: JSONObject) -> KernelMessage {
    let type =
      request.type.hasSuffix("_request")
      ? String(request.type.dropLast("_request".count)) + "_reply" : request.type + "_reply"
    return message(type, content: content, parent: request, identities: request.identities)
  }

  /// A message on iopub answering `parent`; its topic is the message type.
  public func broadcast(_ type: String, content: JSONObject, parent: KernelMessage?)
    -> KernelMessage
  {
    message(type, content: content, parent: parent, identities: [Array(type.utf8)])
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }
}
