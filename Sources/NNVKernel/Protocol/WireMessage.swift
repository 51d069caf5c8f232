import Foundation

/// A Jupyter message as it travels over ZeroMQ: routing identities, the `<IDS|MSG>`
/// delimiter, the HMAC signature, then four JSON frames (header, parent header, metadata,
/// content) and any binary buffers.
///
/// Parsing and framing are pure functions over bytes, so recorded messages test them without
/// sockets.
public struct WireMessage: Equatable, Sendable {
  public var identities: [[UInt8]]
  public var signature: String
  public var header: [UInt8]
  public var parentHeader: [UInt8]
  public var metadata: [UInt8]
  public var content: [UInt8]
  public var buffers: [[UInt8]]

  /// The frame between the routing identities and the signature.
  public static let delimiter = Array("<IDS|MSG>".utf8)

  public init(
    identities: [[UInt8]], signature: String = "", header: [UInt8], parentHeader: [UInt8],
    metadata: [UInt8], content: [UInt8], buffers: [[UInt8]] = []
  ) {
    self.identities = identities
    self.signature = signature
    self.header = header
    self.parentHeader = parentHeader
    self.metadata = metadata
    self.content = content
    self.buffers = buffers
  }

  /// Why a multipart message is refused.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case tooFewFrames(Int)
    case badSignature

    public var description: String {
      switch self {
      case .noDelimiter: "a message without the <IDS|MSG> delimiter"
      case .tooFewFrames(let count): "a message with \(count) frames after the delimiter"
      case .badSignature: "a message whose signature does not match the connection key"
      }
    }
  }

  /// The message in `frames`, its signature not yet checked.
  public static func parse(_ frames: [[UInt8]]) throws(Failure) -> WireMessage {
    guard let split = frames.firstIndex(of: delimiter) else { throw .noDelimiter }
    let rest = frames[(split + 1)...]
    guard rest.count >= 5 else { throw .tooFewFrames(rest.count) }
    let parts = Array(rest)
    return WireMessage(
      identities: Array(frames[..<split]), signature: String(decoding: parts[0], as: UTF8.self),
      header: parts[1], parentHeader: parts[2], metadata: parts[3], content: parts[4],
      buffers: Array(parts.dropFirst(5)))
  }

  /// The frames to send: identities, delimiter, signature, the four JSON frames, buffers.
  public var frames: [[UInt8]] {
    identities + [Self.delimiter, Array(signature.utf8), header, parentHeader, metadata, content]
      + buffers
  }

  /// What is signed: the four JSON frames, one after the other.
  public var signedBytes: [UInt8] { header + parentHeader + metadata + content }
}

/// Signs and checks messages with the connection file's key. An empty key means the
/// connection is not signed (Jupyter's rule): signatures are empty and not checked.
public struct MessageSigner: Sendable {
  /// The connection file's key, as bytes.
  public let key: [UInt8]
  let hmac: HMACSHA256?

  /// A signer with `key`; `hmac` may only be nil when the key is empty.
  public init(key: String, hmac: HMACSHA256?) {
    self.key = Array(key.utf8)
    self.hmac = hmac
  }

  /// The signature of `message`'s JSON frames.
  public func signature(of message: WireMessage) -> String {
    guard !key.isEmpty, let hmac else { return "" }
    return hmac.hexMAC(key: key, message: message.signedBytes) ?? ""
  }

  /// `message` with its signature set.
  public func signed(_ message: WireMessage) -> WireMessage {
    var message = message
    message.signature = signature(of: message)
    return message
  }

  /// Throws `badSignature` unless `message` is signed with the key (compared in constant
  /// time). Always passes with an empty key.
  public func verify(_ message: WireMessage) throws(WireMessage.Failure) {
    guard !key.isEmpty else { return }
    let expected = Array(signature(of: message).utf8)
    let given = Array(message.signature.lowercased().utf8)
    guard !expected.isEmpty, expected.count == given.count else { throw .badSignature }
    var difference: UInt8 = 0
    for (a, b) in zip(expected, given) { difference |= a ^ b }
    guard difference == 0 else { throw .badSignature }
  }
}
