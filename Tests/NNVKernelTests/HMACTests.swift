import NNVKernel
import Testing

/// HMAC-SHA256 from the system's libcrypto against the test vectors of RFC 4231 (cases 1-4,
/// 6 and 7; case 5 is a truncated MAC).
@Suite struct HMACTests {
  static let vectors: [(key: [UInt8], data: [UInt8], mac: String)] = [
    (
      [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      Array(1...25), [UInt8](repeating: 0xcd, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      Array(
        ("This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ]

  @Test func rfc4231Vectors() throws {
    let hmac = try #require(HMACSHA256.load(), "libcrypto.so.3 is needed")
    for (index, vector) in Self.vectors.enumerated() {
      #expect(hmac.hexMAC(key: vector.key, message: vector.data) == vector.mac, "case \(index)")
    }
  }

  @Test func oneChangedByteChangesTheMAC() throws {
    let hmac = try #require(HMACSHA256.load())
    let a = hmac.mac(key: Array("key".utf8), message: Array("message".utf8))
    let b = hmac.mac(key: Array("key".utf8), message: Array("messagf".utf8))
    #expect(a?.count == 32)
    #expect(a != b)
  }
}
