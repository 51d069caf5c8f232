/// Reading and checking an IDX header: the magic number, the sizes, and the file's length
/// against them, each problem in words that name the file.
extension IDXLoader {
  /// What an IDX file should hold.
  enum Kind {
    case images
    case labels

    /// The sizes after the magic number: count, rows, columns for images; count for labels.
    var dimensions: Int { self == .images ? 3 : 1 }
    var magic: String { self == .images ? "0x00000803" : "0x00000801" }
    var plural: String { self == .images ? "images" : "labels" }
  }

  /// The sizes in the header of `bytes`, after checking that the file is an IDX file of
  /// `kind` whose length is what they announce and whose counts are within the limits.
  static func header(of bytes: [UInt8], file: String, kind: Kind) throws -> [Int] {
    func fail(_ message: String) -> DataError { .unreadable(file: file, message: message) }
    let headerSize = 4 + 4 * kind.dimensions
    guard bytes.count >= 4 else {
      throw fail("it is too short to be an IDX file of \(kind.plural): \(bytes.count) bytes")
    }
    guard bytes[0] == 0, bytes[1] == 0 else {
      throw fail(
        "it is not an IDX file of \(kind.plural): it starts with 0x\(hex(bytes[0..<4])), where "
          + "one starts with \(kind.magic)")
    }
    guard bytes[2] == 8 else {
      throw fail(
        "it holds IDX values of type 0x\(hex(bytes[2..<3])) (\(typeName(bytes[2]))), where "
          + "\(kind.plural) are unsigned bytes (0x08), as in MNIST")
    }
    guard Int(bytes[3]) == kind.dimensions else { throw fail(dimensionProblem(bytes[3], kind)) }
    guard bytes.count >= headerSize else {
      throw fail("it ends inside its IDX header: \(bytes.count) bytes of \(headerSize)")
    }
    let sizes = (0..<kind.dimensions).map { Int(bigEndian(bytes, at: 4 + 4 * $0)) }
    guard sizes[0] > 0 else { throw fail("it holds no \(kind.plural)") }
    try ResourceLimits.samples.check(sizes[0], for: "the \(kind.plural) in \(file)")
    var expected = sizes[0]
    if kind == .images {
      guard sizes[1] > 0, sizes[2] > 0 else {
        throw fail("it holds images of \(sizes[1])×\(sizes[2]) pixels")
      }
      expected = try Shape.elementCount(
        [sizes[0], 1, sizes[1], sizes[2]],
        of: "the \(grouped(sizes[0])) images of \(sizes[1])×\(sizes[2]) pixels in \(file)")
    }
    let found = bytes.count - headerSize
    guard found == expected else {
      let announced =
        kind == .images
        ? "\(grouped(sizes[0])) images of \(sizes[1])×\(sizes[2]) pixels"
        : "\(grouped(sizes[0])) labels"
      throw fail(
        "it is \(found < expected ? "too short" : "longer than its header says"): the header "
          + "announces \(announced), \(grouped(expected)) bytes, but \(grouped(found)) bytes follow it"
      )
    }
    return sizes
  }

  /// The message for an IDX file with `dimensions` sizes where `kind` has another number.
  static func dimensionProblem(_ dimensions: UInt8, _ kind: Kind) -> String {
    let other: Kind = kind == .images ? .labels : .images
    let written = "it is an IDX file of \(dimensions) dimension\(dimensions == 1 ? "" : "s")"
    guard Int(dimensions) == other.dimensions else {
      return "\(written), where \(kind.plural) have \(kind.dimensions)"
    }
    return "\(written), as \(other.plural) are, where \(kind.plural) have \(kind.dimensions): the "
      + "two files look swapped"
  }

  /// The four bytes at `offset` as a big-endian number; the caller checks they exist.
  static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
  }

  /// Bytes as upper-case hexadecimal digits, two per byte.
  static func hex(_ bytes: ArraySlice<UInt8>) -> String {
    let digits = Array("0123456789ABCDEF")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// What an IDX type code stores.
  static func typeName(_ code: UInt8) -> String {
    switch code {
    case 0x09: "signed bytes"
    case 0x0B: "16-bit integers"
    case 0x0C: "32-bit integers"
    case 0x0D: "32-bit floats"
    case 0x0E: "64-bit floats"
    default: "not a type IDX defines"
    }
  }
}
