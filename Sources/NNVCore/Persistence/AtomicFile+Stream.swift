import Foundation

/// Writing a file of text a piece at a time, atomically: the pieces are gathered into blocks
/// and written to the temporary file as they come, so a file of gigabytes (`write` of a large
/// tensor as CSV) never has to be held whole in memory.
extension AtomicFile {
  /// The open temporary file of `write(to:text:)`, as a `TextSink`.
  public struct Stream: TextSink {
    /// How many bytes are gathered before they are written; a cancelled `Cancellation` token
    /// is noticed when a block is written.
    static let blockSize = 1 << 20

    let fd: Int32
    var buffer: [UInt8] = []
    /// The bytes written to the file so far.
    public private(set) var size = 0

    init(fd: Int32) {
      self.fd = fd
      buffer.reserveCapacity(Stream.blockSize)
    }

    public mutating func write(_ text: String) throws {
      buffer.append(contentsOf: text.utf8)
      if buffer.count >= Stream.blockSize { try flush() }
    }

    /// Writes the gathered bytes to the file.
    mutating func flush() throws {
      try Cancellation.check()
      try AtomicFile.writeAll(Data(buffer), to: fd)
      size += buffer.count
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Writes the text `produce` writes to `path` atomically, following the rules of
  /// `write(_:to:)`, and returns its size in bytes. When `produce` throws (a cancellation, a
  /// value that cannot be written), nothing is written and nothing replaced.
  ///
  /// - Throws: `PersistenceError.cannotWrite` when the file cannot be written, or what
  ///   `produce` throws.
  @discardableResult
  public static func write(to path: String, text produce: (inout Stream) throws -> Void) throws
    -> Int
  {
    var size = 0
    try write(to: path) { fd in
      var stream = Stream(fd: fd)
      try produce(&stream)
      try stream.flush()
      size = stream.size
    }
    return size
  }
}
