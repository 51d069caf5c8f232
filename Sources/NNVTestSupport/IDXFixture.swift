import NNVCore

/// Small IDX files for tests, written byte by byte as the format describes them, and a gzip
/// wrapper that stores them uncompressed (DEFLATE's stored blocks), so tests need no
/// compressor.
public enum IDXFixture {
  /// An image file: magic 0x00000803, the count, rows and columns, then every pixel.
  public static func images(_ pixels: [[UInt8]], rows: Int, columns: Int) -> [UInt8] {
    [0, 0, 8, 3] + bigEndian(pixels.count) + bigEndian(rows) + bigEndian(columns)
      + pixels.flatMap { $0 }
  }

  /// A label file: magic 0x00000801, the count, then one byte per label.
  public static func labels(_ labels: [UInt8]) -> [UInt8] {
    [0, 0, 8, 1] + bigEndian(labels.count) + labels
  }

  /// `value` as four big-endian bytes.
  public static func bigEndian(_ value: Int) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
  }

  /// `value` as four little-endian bytes.
  public static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
  }

  /// A gzip file holding `bytes` in stored DEFLATE blocks of at most `blockSize` bytes (65,535
  /// is the most a stored block holds), with the CRC-32 and length gzip ends with.
  public static func gzipStored(_ bytes: [UInt8], blockSize: Int = 65_535) throws -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    var start = 0
    repeat {
      let end = min(start + max(1, min(blockSize, 65_535)), bytes.count)
      let length = end - start
      out.append(end == bytes.count ? 1 : 0)  // BFINAL, BTYPE 00 (stored)
      out += [UInt8(length & 0xFF), UInt8(length >> 8)]
      out += [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
      out += bytes[start..<end]
      start = end
    } while start < bytes.count
    out += littleEndian(try CRC32.checksum(bytes))
    out += littleEndian(UInt32(truncatingIfNeeded: bytes.count))
    return out
  }
}
