/// Decompresses DEFLATE data (RFC 1951), the compression inside gzip files.
///
/// Why nnv decodes it itself: Foundation on Linux has no gzip decoder, and linking the system's
/// zlib would add its development headers to the build (or, loaded at run time, a C structure
/// declared by hand whose layout nothing checks). Inflating is small and fully specified:
/// stored, fixed-Huffman and dynamic-Huffman blocks. Written here, every length and distance
/// read from the stream is checked before it is used, so damaged or hostile data gives a
/// `DecompressionError`, never a crash; the output is capped, so a small file that expands
/// without end is refused at the cap; and a long decompression polls `Cancellation`.
public enum Inflate {
  /// The bytes `input[start...]` decompress to, and the offset just past the compressed data.
  ///
  /// - Parameter limit: the most bytes the output may hold.
  /// - Throws: `DecompressionError` for data that is not valid DEFLATE or expands past `limit`;
  ///   `CancellationError` when the work is asked to stop.
  public static func decompress(
    _ input: [UInt8], from start: Int = 0, limit: Int
  ) throws -> (output: [UInt8], end: Int) {
    var reader = BitReader(input, from: start)
    var output: [UInt8] = []
    var poller = Cancellation.Poller(interval: 1 << 16)
    var isLast = false
    while !isLast {
      try Cancellation.check()
      isLast = try reader.bits(1) == 1
      switch try reader.bits(2) {
      case 0: try copyStored(&reader, into: &output, limit: limit)
      case 1:
        try inflate(
          &reader, lengths: fixedLengths, distances: fixedDistances, into: &output, limit: limit,
          poller: &poller)
      case 2:
        let (lengths, distances) = try dynamicCodes(&reader)
        try inflate(
          &reader, lengths: lengths, distances: distances, into: &output, limit: limit,
          poller: &poller)
      default: throw DecompressionError("a block has the reserved type 3")
      }
    }
    reader.alignToByte()
    return (output, reader.consumedOffset)
  }

  static func tooLarge(_ limit: Int) -> DecompressionError {
    DecompressionError("it decompresses to more than \(FileProblem.grouped(limit)) bytes")
  }

  /// A stored block: LEN, its complement NLEN, then LEN bytes as they are.
  static func copyStored(
    _ reader: inout BitReader, into output: inout [UInt8], limit: Int
  ) throws {
    reader.alignToByte()
    let length = try reader.bits(16)
    guard try reader.bits(16) == length ^ 0xFFFF else {
      throw DecompressionError("a stored block's length does not match its check")
    }
    guard length <= limit - output.count else { throw tooLarge(limit) }
    var remaining = length
    while remaining > 0, reader.count >= 8 {
      output.append(UInt8(try reader.bits(8)))
      remaining -= 1
    }
    guard remaining > 0 else { return }
    // The buffer is empty now: the rest comes straight from the input.
    let start = reader.position
    guard remaining <= reader.bytes.count - start else { throw DecompressionError.truncated }
    output.append(contentsOf: reader.bytes[start..<(start + remaining)])
    reader = BitReader(reader.bytes, from: start + remaining)
  }

  /// The codes of a fixed-Huffman block (RFC 1951 3.2.6).
  static let fixedLengths: HuffmanCode = {
    let lengths =
      [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
      + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
    // The fixed code is complete, so it is never refused; `unusable` only satisfies the type.
    return (try? HuffmanCode(lengths: lengths)) ?? .unusable
  }()
  static let fixedDistances: HuffmanCode =
    (try? HuffmanCode(lengths: [Int](repeating: 5, count: 30))) ?? .unusable

  /// The order in which a dynamic block sends its code-length code's lengths (RFC 1951 3.2.7).
  static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /// Reads a dynamic block's header: the literal/length and distance codes.
  static func dynamicCodes(
    _ reader: inout BitReader
  ) throws -> (lengths: HuffmanCode, distances: HuffmanCode) {
    let literalCount = try reader.bits(5) + 257
    let distanceCount = try reader.bits(5) + 1
    let codeLengthCount = try reader.bits(4) + 4
    guard literalCount <= 286, distanceCount <= 30 else {
      throw DecompressionError("a block declares more codes than DEFLATE has")
    }
    var codeLengths = [Int](repeating: 0, count: 19)
    for k in 0..<codeLengthCount { codeLengths[codeLengthOrder[k]] = try reader.bits(3) }
    let codeLengthCode = try HuffmanCode(lengths: codeLengths)
    var lengths: [Int] = []
    let total = literalCount + distanceCount
    while lengths.count < total {
      let symbol = try reader.symbol(codeLengthCode)
      let (value, repeats): (Int, Int)
      switch symbol {
      case 0...15: (value, repeats) = (symbol, 1)
      case 16:
        guard let previous = lengths.last else {
          throw DecompressionError("a block repeats a code length before giving one")
        }
        (value, repeats) = (previous, try reader.bits(2) + 3)
      case 17: (value, repeats) = (0, try reader.bits(3) + 3)
      default: (value, repeats) = (0, try reader.bits(7) + 11)
      }
      guard repeats <= total - lengths.count else {
        throw DecompressionError("a block gives more code lengths than it declares")
      }
      lengths.append(contentsOf: repeatElement(value, count: repeats))
    }
    guard lengths[256] > 0 else { throw DecompressionError("a block has no end-of-block code") }
    return (
      try HuffmanCode(lengths: Array(lengths[..<literalCount])),
      try HuffmanCode(lengths: Array(lengths[literalCount...]))
    )
  }

  /// Base lengths and extra bits of length symbols 257 to 285 (RFC 1951 3.2.5).
  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  /// Base distances and extra bits of distance symbols 0 to 29.
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]

  /// The symbols of a Huffman block up to its end-of-block code: literal bytes, and copies of
  /// earlier output given as a length and a distance back.
  static func inflate(
    _ reader: inout BitReader, lengths: HuffmanCode, distances: HuffmanCode,
    into output: inout [UInt8], limit: Int, poller: inout Cancellation.Poller
  ) throws {
    while true {
      let symbol = try reader.symbol(lengths)
      if symbol < 256 {
        guard output.count < limit else { throw tooLarge(limit) }
        output.append(UInt8(symbol))
        try poller.advance()
        continue
      }
      if symbol == 256 { return }
      let index = symbol - 257
      guard index < lengthBase.count else {
        throw DecompressionError("a block uses the reserved length code \(symbol)")
      }
      let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
      let code = try reader.symbol(distances)
      guard code < distanceBase.count else {
        throw DecompressionError("a block uses the reserved distance code \(code)")
      }
      let distance = distanceBase[code] + (try reader.bits(distanceExtra[code]))
      guard distance <= output.count else {
        throw DecompressionError(
          "a block refers to \(distance) bytes back, before the start of the data")
      }
      guard length <= limit - output.count else { throw tooLarge(limit) }
      let from = output.count - distance
      for k in 0..<length { output.append(output[from + k]) }
      try poller.advance(by: length)
    }
  }
}
