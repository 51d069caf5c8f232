/// Reads gzip files (RFC 1952): a header, DEFLATE data (`Inflate`), and a CRC-32 and length
/// that the decompressed bytes must match. Several members one after the other (what
/// `cat a.gz b.gz` makes) decompress to their bytes one after the other.
public enum Gzip {
  /// Whether `bytes` start like a gzip file (the signature 1F 8B).
  public static func isCompressed(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The decompressed bytes of the gzip file `bytes`.
  ///
  /// - Parameter limit: the most bytes the output may hold.
  /// - Throws: `DecompressionError` saying what is wrong: a header that is not gzip's, a
  ///   damaged stream, a checksum or length that does not match, output over `limit`, or
  ///   bytes after the data that are not another member (zero bytes are allowed, as `gzip`
  ///   allows them). `CancellationError` when the work is asked to stop.
  public static func decompress(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
    var output: [UInt8] = []
    var start = 0
    repeat {
      let body = try headerEnd(bytes, from: start)
      let (member, end) = try Inflate.decompress(bytes, from: body, limit: limit - output.count)
      guard end + 8 <= bytes.count else {
        throw DecompressionError("the file ends before the checksum after the compressed data")
      }
      guard littleEndian(bytes, at: end) == (try CRC32.checksum(member)) else {
        throw DecompressionError("the decompressed data does not match its CRC-32 checksum")
      }
      guard littleEndian(bytes, at: end + 4) == UInt32(truncatingIfNeeded: member.count) else {
        throw DecompressionError("the decompressed data does not have the length recorded")
      }
      output.append(contentsOf: member)
      start = end + 8
    } while start < bytes.count && !bytes[start...].allSatisfy { $0 == 0 }
    return output
  }

  /// The four bytes at `offset` as a little-endian number; the caller checks they exist.
  static func littleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
  }

  /// Where the compressed data of the member whose header starts at `start` begins.
  static func headerEnd(_ bytes: [UInt8], from start: Int) throws -> Int {
    guard bytes.count - start >= 10, bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
      throw DecompressionError(
        start == 0
          ? "it is not a gzip file" : "it has bytes after the compressed data that are not gzip")
    }
    guard bytes[start + 2] == 8 else {
      throw DecompressionError("it uses compression method \(bytes[start + 2]), not DEFLATE (8)")
    }
    let flags = bytes[start + 3]
    guard flags & 0xE0 == 0 else { throw DecompressionError("its header has reserved flags set") }
    var offset = start + 10
    if flags & 0x04 != 0 {  // FEXTRA: a length, then that many bytes
      guard bytes.count - offset >= 2 else { throw headerTruncated }
      offset += 2 + Int(bytes[offset]) + Int(bytes[offset + 1]) << 8
    }
    for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-ended
      guard offset < bytes.count, let zero = bytes[offset...].firstIndex(of: 0) else {
        throw headerTruncated
      }
      offset = zero + 1
    }
    if flags & 0x02 != 0 { offset += 2 }  // FHCRC: a checksum of the header, not checked
    guard offset <= bytes.count else { throw headerTruncated }
    return offset
  }

  static let headerTruncated = DecompressionError("the file ends inside its gzip header")
}

/// The CRC-32 of gzip and zlib (ISO 3309, polynomial 0xEDB88320 reflected), a byte at a time.
public enum CRC32 {
  static let table: [UInt32] = (0..<256).map { byte in
    var c = UInt32(byte)
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The checksum of `bytes`, polling `Cancellation` every MiB.
  public static func checksum(_ bytes: [UInt8]) throws -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for (k, byte) in bytes.enumerated() {
      if k & 0xF_FFFF == 0xF_FFFF { try Cancellation.check() }
      c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
    }
    return c ^ 0xFFFF_FFFF
  }
}
