import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// The gzip reader and its DEFLATE decoder: streams from zlib with every block type decode to
/// their bytes, and damaged streams of every kind are refused with a message, never a crash.
@Suite struct InflateTests {
  /// 4,000 bytes of literals and copies from up to 4,000 bytes back: a linear congruential
  /// generator picks each step (the fixtures below are this data compressed by zlib).
  static func sample(_ n: Int) -> [UInt8] {
    var state: UInt32 = 7
    func next() -> Int {
      state = state &* 1_664_525 &+ 1_013_904_223
      return Int(state >> 16)
    }
    var out: [UInt8] = []
    while out.count < n {
      let r = next() % 8
      if r < 6 || out.count < 10 {
        out.append(UInt8(r == 0 ? next() % 256 : 97 + next() % 8))
      } else {
        let length = 3 + next() % (r == 7 ? 300 : 20)
        let distance = 1 + next() % out.count
        for _ in 0..<length { out.append(out[out.count - distance]) }
      }
    }
    return Array(out.prefix(n))
  }

  /// `sample(4000)` gzipped by zlib at level 9: one dynamic-Huffman block.
  static let dynamic = bytes(
    "H4sIAAAAAAACA+1WO07EQAxtOACipES0HGAbLsEJPP48a49BzSEoaClpEBINDVeg4QSU9Hizi5R4BxBIIZnVFlHGnnGe"
      + "8/xkzwuUhFwd6v2Vl+S86W8Z6d78ySy87e3e/fN6qG+nAGThBNjzg94bNck9ru2PzAx1Jyd+0DynlRx69tUSekeb"
      + "3zSbNe/bQEpPyhgxl4vfxYez80ZKDA0+YyV1GBQnQx2cRanMW/oVnY0iXt+YaYuHQSkKXlzWWj6TFFYaK3I8rLrj"
      + "PSgRa11g+pBbeYQnJzu5TTIdv9dDi8oQ4mrdXnXOVcPoFL8Tnzc6BgdwxMY2PCQ5oVUnnfZOdMn7wn5ZWI7xdbQm"
      + "jWqNlXFbAghey01tl9AphKUSjWT6DuorqHwF+dcRcPy5V0gidJybywdJFKqIoA8AAA==")

  /// `sample(300)` gzipped by zlib with fixed Huffman codes only.
  static let fixed = bytes("H4sIAAAAAAACA7uVnpqYkpiRmpGemoHMykhCE1yCLJWWmDoCuQBgeVeLLAEAAA==")

  static func bytes(_ base64: String) -> [UInt8] {
    [UInt8](Data(base64Encoded: base64) ?? Data())
  }

  @Test func zlibStreamsOfEachBlockTypeDecode() throws {
    #expect(Self.dynamic.count == 316 && Self.fixed.count == 46)
    #expect((Self.dynamic[10] >> 1) & 3 == 2 && (Self.fixed[10] >> 1) & 3 == 1)
    #expect(try Gzip.decompress(Self.dynamic, limit: 1 << 20) == Self.sample(4000))
    #expect(try Gzip.decompress(Self.fixed, limit: 1 << 20) == Self.sample(300))
    // The data's checksum as zlib computes it.
    #expect(try CRC32.checksum(Self.sample(4000)) == 0x88AA_1449)
  }

  @Test func storedBlocksAndMembersFollowOneAnother() throws {
    let data = Self.sample(1000)
    for size in [1, 7, 999, 1000, 65_535] {
      #expect(
        try Gzip.decompress(try IDXFixture.gzipStored(data, blockSize: size), limit: 1000) == data)
    }
    let empty = try IDXFixture.gzipStored([])
    #expect(try Gzip.decompress(empty, limit: 0) == [])
    // Two members one after the other, then zero padding.
    let joined = Self.fixed + Self.dynamic + [0, 0, 0]
    #expect(try Gzip.decompress(joined, limit: 1 << 20) == Self.sample(300) + Self.sample(4000))
    // The empty fixed block `03 00` and a header with a name, a comment and extra bytes.
    #expect(try Inflate.decompress([0x03, 0x00], limit: 0).output == [])
    let header: [UInt8] = [0x1F, 0x8B, 8, 0x1C, 0, 0, 0, 0, 0, 3, 2, 0, 9, 9, 65, 0, 66, 0]
    let member = Array(try IDXFixture.gzipStored(data).dropFirst(10))
    #expect(try Gzip.decompress(header + member, limit: 1000) == data)
  }

  func expectFailure(
    _ bytes: [UInt8], limit: Int = 1 << 20, _ fragment: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try Gzip.decompress(bytes, limit: limit)
      Issue.record("expected an error with '\(fragment)'", sourceLocation: sourceLocation)
    } catch let error as DecompressionError {
      #expect(error.reason.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func eachDamageIsNamed() throws {
    let gzipHeader: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
    expectFailure([1, 2, 3], "not a gzip file")
    expectFailure([0x1F, 0x8B, 9, 0, 0, 0, 0, 0, 0, 3], "compression method 9")
    expectFailure([0x1F, 0x8B, 8, 0x80, 0, 0, 0, 0, 0, 3], "reserved flags")
    expectFailure([0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3, 65], "ends inside its gzip header")
    expectFailure(gzipHeader + [0x07], "reserved type 3")
    expectFailure(gzipHeader + [0x01, 5, 0, 0, 0], "does not match its check")
    // A copy from one byte back when nothing has been written.
    expectFailure(gzipHeader + [0x03, 0x02, 0x00], "before the start of the data")
    expectFailure(Self.dynamic, limit: 3999, "decompresses to more than 3,999 bytes")
    expectFailure(Self.fixed, limit: 299, "decompresses to more than 299 bytes")
    var checksum = Self.fixed
    checksum[checksum.count - 8] ^= 1
    expectFailure(checksum, "CRC-32")
    var length = Self.fixed
    length[length.count - 1] ^= 1
    expectFailure(length, "length recorded")
    expectFailure(Self.fixed + [1], "not gzip")
    expectFailure(Array(Self.fixed.dropLast(3)), "before the checksum")
  }

  /// Every prefix of a stream is refused, and so is every single flipped bit after the header
  /// (where no field is optional), except the few padding bits after the last block, which
  /// nothing reads: never decoded wrongly, never crashed on.
  @Test func everyTruncationAndFlippedBitIsRefused() throws {
    for (stream, original) in [(Self.dynamic, Self.sample(4000)), (Self.fixed, Self.sample(300))] {
      for end in 0..<stream.count {
        #expect(throws: DecompressionError.self) {
          try Gzip.decompress(Array(stream[..<end]), limit: 1 << 20)
        }
      }
      var unread = 0
      for index in 10..<stream.count {
        for bit in 0..<8 {
          var damaged = stream
          damaged[index] ^= 1 << UInt8(bit)
          do {
            let output = try Gzip.decompress(damaged, limit: 1 << 20)
            #expect(output == original, "byte \(index), bit \(bit)")
            #expect(index == stream.count - 9, "byte \(index), bit \(bit) is not padding")
            unread += 1
          } catch {
            #expect(error is DecompressionError)
          }
        }
      }
      #expect(unread < 8)
    }
  }

  @Test func huffmanCodesThatCannotBeAreRefused() throws {
    // A dynamic block whose code-length code gives every symbol 1 bit: over-subscribed.
    var bits: [Int] = [1, 0, 1]  // BFINAL, BTYPE 2
    bits += [0, 0, 0, 0, 0] + [0, 0, 0, 0, 0] + [1, 1, 1, 1]  // 257, 1, 19 code lengths
    for _ in 0..<19 { bits += [1, 0, 0] }
    expectFailure(gzipBits(bits), "over-subscribed")
  }

  /// A gzip header followed by `bits`, packed from each byte's lowest bit.
  func gzipBits(_ bits: [Int]) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
    for (k, bit) in bits.enumerated() where bit == 1 { bytes[k / 8] |= 1 << UInt8(k % 8) }
    return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + bytes
  }

  @Test func decompressionPollsCancellation() throws {
    let data = [UInt8](repeating: 7, count: 3 << 20)
    let stored = try IDXFixture.gzipStored(data)
    let token = CancellationToken()
    #expect(
      try Cancellation.run(with: token) { try Gzip.decompress(stored, limit: 4 << 20) } == data)
    #expect(token.pollCount >= 4)
    let stop = CancellationToken(cancellingAtPoll: token.pollCount / 2)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: stop) { try Gzip.decompress(stored, limit: 4 << 20) }
    }
    #expect(stop.pollCount == token.pollCount / 2)
  }
}
