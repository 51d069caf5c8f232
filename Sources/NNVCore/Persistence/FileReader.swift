import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading a whole file safely: only a regular file, only up to a limit, never blocking.
///
/// The path is looked at before it is opened, so a FIFO, a device or a directory is refused
/// with its name instead of hanging on a read that never ends or reading without bound. The
/// file is opened non-blocking and looked at again through the open descriptor, so a file
/// swapped for a FIFO in between is refused too. A file over `limit` bytes is refused before
/// any of it is read, and a file that grows while it is read stops at the limit.
public enum FileReader {
  /// The bytes of the regular file at `path`.
  ///
  /// - Parameters:
  ///   - limit: the largest size accepted, in bytes.
  ///   - what: what the file holds, for the message when it is too large ("a CSV file").
  /// - Throws: `FileProblem` saying what is wrong, in plain words.
  public static func read(_ path: String, limit: Int, what: String = "a file") throws -> Data {
    if let problem = FileProblem.forReading(path) { throw problem }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw FileProblem.missing(path, errno: errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw FileProblem.describe(errno: errno) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw FileProblem.notRegular(info.st_mode) }
    let size = Int(info.st_size)
    guard size <= limit else { throw tooLarge(size, limit: limit, what: what) }
    var data = Data(count: size + 1)
    var count = 0
    while true {
      if count == data.count {
        guard count <= limit else { throw tooLarge(count, limit: limit, what: what) }
        data.count += min(limit + 1 - count, 1 << 20)
      }
      let n = data.withUnsafeMutableBytes { buffer in
        Foundation.read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileProblem.describe(errno: errno)
      }
      if n == 0 { break }
      count += n
    }
    guard count <= limit else { throw tooLarge(count, limit: limit, what: what) }
    data.count = count
    return data
  }

  static func tooLarge(_ size: Int, limit: Int, what: String) -> FileProblem {
    FileProblem(
      "it holds \(FileProblem.grouped(size)) bytes, more than the \(FileProblem.bytes(limit)) "
        + "nnv reads for \(what)")
  }
}
