/// Why compressed data cannot be decompressed, in plain words ("a block refers to 40 bytes
/// before the start of the data").
public struct DecompressionError: Error, Equatable, CustomStringConvertible {
  /// The reason, starting in lower case.
  public let reason: String

  public init(_ reason: String) { self.reason = reason }

  public var description: String { reason }

  static let truncated = DecompressionError("the compressed data ends in the middle of a block")
}

extension Inflate {
  /// The bits of a DEFLATE stream, least significant bit of each byte first (RFC 1951 3.1.1).
  ///
  /// Up to 64 bits wait in `buffer`; every read checks that enough of them came from the input,
  /// so a stream that stops early is reported, never read past.
  struct BitReader {
    let bytes: [UInt8]
    /// The next byte to move into the buffer.
    private(set) var position: Int
    private var buffer: UInt64 = 0
    /// How many bits of `buffer` hold input.
    private(set) var count = 0

    init(_ bytes: [UInt8], from start: Int) {
      self.bytes = bytes
      position = min(max(start, 0), bytes.count)
    }

    /// Moves whole bytes into the buffer while there is room and input.
    mutating func refill() {
      while count <= 56, position < bytes.count {
        buffer |= UInt64(bytes[position]) << UInt64(count)
        position += 1
        count += 8
      }
    }

    /// The next `n` bits (at most 32) as a number.
    mutating func bits(_ n: Int) throws -> Int {
      if count < n {
        refill()
        guard count >= n else { throw DecompressionError.truncated }
      }
      let value = Int(buffer & ((1 << UInt64(n)) - 1))
      buffer >>= UInt64(n)
      count -= n
      return value
    }

    /// Skips to the next byte boundary, as a stored block starts there.
    mutating func alignToByte() {
      let extra = count % 8
      buffer >>= UInt64(extra)
      count -= extra
    }

    /// The offset just past the last byte whose bits were read, once aligned to a byte.
    var consumedOffset: Int { position - count / 8 }

    /// The next symbol of `code`: its table is indexed by the next `maxBits` bits.
    mutating func symbol(_ code: HuffmanCode) throws -> Int {
      if count < code.maxBits { refill() }
      let mask = (UInt64(1) << UInt64(code.maxBits)) - 1
      let entry = code.table[Int(buffer & mask)]
      let length = Int(entry & 15)
      guard length > 0 else { throw DecompressionError("a block uses a code it does not define") }
      guard length <= count else { throw DecompressionError.truncated }
      buffer >>= UInt64(length)
      count -= length
      return Int(entry >> 4)
    }
  }

  /// A canonical Huffman code (RFC 1951 3.2.2) as a lookup table: indexed by the next
  /// `maxBits` input bits, each entry holds a symbol and its code length (`symbol << 4 | length`;
  /// 0 where no code starts with those bits).
  struct HuffmanCode {
    let table: [UInt16]
    let maxBits: Int

    /// A code that defines no symbol: reading from it is an error.
    static let unusable = HuffmanCode(table: [0], maxBits: 0)

    private init(table: [UInt16], maxBits: Int) {
      self.table = table
      self.maxBits = maxBits
    }

    /// The code with these code lengths per symbol (0: the symbol is not used).
    ///
    /// - Throws: `DecompressionError` when the lengths ask for more codes than there are bit
    ///   patterns (an over-subscribed code). A code with unused patterns is allowed, as DEFLATE
    ///   writes one for a single distance; reading an unused pattern is an error.
    init(lengths: [Int]) throws {
      var counts = [Int](repeating: 0, count: 16)
      for length in lengths {
        guard (0...15).contains(length) else {
          throw DecompressionError("a code length is over 15")
        }
        counts[length] += 1
      }
      counts[0] = 0
      var left = 1
      for length in 1...15 {
        left = left * 2 - counts[length]
        guard left >= 0 else {
          throw DecompressionError("a block's Huffman code is over-subscribed")
        }
      }
      let maxBits = lengths.max() ?? 0
      var next = [Int](repeating: 0, count: 16)
      var code = 0
      for length in 1...15 {
        code = (code + counts[length - 1]) << 1
        next[length] = code
      }
      var table = [UInt16](repeating: 0, count: 1 << maxBits)
      for (symbol, length) in lengths.enumerated() where length > 0 {
        let reversed = Self.reverse(next[length], bits: length)
        next[length] += 1
        let entry = UInt16(symbol << 4 | length)
        for index in stride(from: reversed, to: table.count, by: 1 << length) {
          table[index] = entry
        }
      }
      self.table = table
      self.maxBits = maxBits
    }

    /// `code`'s lowest `bits` bits in reverse order: DEFLATE sends codes from their first bit.
    static func reverse(_ code: Int, bits: Int) -> Int {
      var result = 0
      var code = code
      for _ in 0..<bits {
        result = result << 1 | code & 1
        code >>= 1
      }
      return result
    }
  }
}
