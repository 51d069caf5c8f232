import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing files so that a crash or a full disk never leaves a half-written file behind.
public enum AtomicFile {
  /// Writes `data` to a temporary file beside `path`, flushes it to disk, then renames it over
  /// `path`. Readers see either the old file or the complete new one.
  ///
  /// - Throws: `PersistenceError.cannotWrite` with the system's reason.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary =
      "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw PersistenceError.cannotWrite(path: path, reason: lastError()) }
    var failure: String?
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < bytes.count, let base = bytes.baseAddress {
        let written = Foundation.write(fd, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = lastError()
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = lastError() }
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
    if let failure {
      unlink(temporary)
      throw PersistenceError.cannotWrite(path: path, reason: failure)
    }
  }

  static func lastError() -> String { String(cString: strerror(errno)) }
}
