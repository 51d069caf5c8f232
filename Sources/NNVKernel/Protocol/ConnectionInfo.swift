import Foundation

/// The connection file Jupyter writes for a kernel: where to listen and the signing key.
public struct ConnectionInfo: Codable, Equatable, Sendable {
  public var transport: String
  public var ip: String
  public var shellPort: Int
  public var iopubPort: Int
  public var stdinPort: Int
  public var controlPort: Int
  public var hbPort: Int
  public var key: String
  public var signatureScheme: String

  enum CodingKeys: String, CodingKey {
    case transport, ip, key
    case shellPort = "shell_port"
    case iopubPort = "iopub_port"
    case stdinPort = "stdin_port"
    case controlPort = "control_port"
    case hbPort = "hb_port"
    case signatureScheme = "signature_scheme"
  }

  /// The connection described by the JSON `data`.
  ///
  /// - Throws: `KernelError.badConnection` when it is not a connection file, or asks for a
  ///   signature scheme other than HMAC-SHA256.
  public static func decode(_ data: Data) throws -> ConnectionInfo {
    let info: ConnectionInfo
    do {
      info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
    } catch DecodingError.keyNotFound(let key, _) {
      throw KernelError.badConnection("it has no '\(key.stringValue)'")
    } catch DecodingError.typeMismatch(_, let context) {
      let field = context.codingPath.last?.stringValue ?? "a field"
      throw KernelError.badConnection("'\(field)' has the wrong type")
    } catch {
      throw KernelError.badConnection("it is not JSON")
    }
    guard info.signatureScheme == "hmac-sha256" || info.key.isEmpty else {
      throw KernelError.badConnection(
        "the signature scheme '\(info.signatureScheme)' is not supported (only hmac-sha256)")
    }
    let ports = [info.shellPort, info.iopubPort, info.stdinPort, info.controlPort, info.hbPort]
    guard ports.allSatisfy({ (1...65535).contains($0) }) else {
      throw KernelError.badConnection("a port outside 1...65535")
    }
    return info
  }

  /// The ZeroMQ endpoint of `port`: `tcp://127.0.0.1:5555`, `ipc://NAME-5555`.
  public func endpoint(_ port: Int) -> String {
    transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
  }
}

/// Why the kernel cannot start.
public enum KernelError: Error, Equatable, CustomStringConvertible {
  case badConnection(String)
  case missingLibrary(String)
  case socket(String)

  public var description: String {
    switch self {
    case .badConnection(let reason): "nnv: error: the connection file: \(reason)."
    case .missingLibrary(let message): message
    case .socket(let reason): "nnv: error: \(reason)."
    }
  }
}
