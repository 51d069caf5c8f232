import Foundation

/// HMAC-SHA256, the signature of every Jupyter message, from the system's OpenSSL.
///
/// `libcrypto.so.3` (Debian's `libssl3`) is loaded at run time, as the REPL loads libedit, so
/// building nnv needs no OpenSSL headers and no Swift package. Only two functions are used:
/// `EVP_sha256()` and the one-shot `HMAC(...)`.
public final class HMACSHA256: @unchecked Sendable {
  typealias DigestFunction = @convention(c) () -> OpaquePointer?
  typealias HMACFunction =
    @convention(c) (
      OpaquePointer?, UnsafeRawPointer?, Int32, UnsafePointer<UInt8>?, Int,
      UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?
    ) -> UnsafeMutablePointer<UInt8>?

  private let digest: DigestFunction
  private let hmac: HMACFunction

  /// Why the library could not be loaded, naming the package to install.
  public static let missingMessage =
    "nnv: error: the Jupyter kernel signs its messages with OpenSSL's libcrypto "
    + "(libcrypto.so.3), which was not found; install it with `apt-get install libssl3`."

  private init(digest: @escaping DigestFunction, hmac: @escaping HMACFunction) {
    self.digest = digest
    self.hmac = hmac
  }

  /// The system's HMAC-SHA256, or nil when libcrypto cannot be loaded.
  public static func load() -> HMACSHA256? {
    guard
      let handle = dlopen("libcrypto.so.3", RTLD_NOW) ?? dlopen("libcrypto.so", RTLD_NOW)
    else { return nil }
    guard let digest = dlsym(handle, "EVP_sha256"), let hmac = dlsym(handle, "HMAC") else {
      dlclose(handle)
      return nil
    }
    return HMACSHA256(
      digest: unsafeBitCast(digest, to: DigestFunction.self),
      hmac: unsafeBitCast(hmac, to: HMACFunction.self))
  }

  /// The 32-byte MAC of `message` under `key`; nil if OpenSSL refused (a key over 2 GiB).
  public func mac(key: [UInt8], message: [UInt8]) -> [UInt8]? {
    guard key.count <= Int(Int32.max) else { return nil }
    var out = [UInt8](repeating: 0, count: 64)
    var length: UInt32 = 0
    let result = key.withUnsafeBytes { keyBytes in
      message.withUnsafeBufferPointer { data in
        out.withUnsafeMutableBufferPointer { output in
          hmac(
            digest(), keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
            Int32(keyBytes.count), data.baseAddress, data.count, output.baseAddress, &length)
        }
      }
    }
    guard result != nil, length == 32 else { return nil }
    return Array(out.prefix(32))
  }

  /// The MAC as lowercase hexadecimal, as Jupyter writes signatures.
  public func hexMAC(key: [UInt8], message: [UInt8]) -> String? {
    mac(key: key, message: message).map(Self.hex)
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
