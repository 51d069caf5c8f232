import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file cannot be read or written, in plain words: "no such file", "it is a directory",
/// "it is a FIFO (named pipe), not a regular file", "permission denied".
///
/// The words come from looking at the path itself (`stat`) and from the system's error number,
/// never from a library's error text, so a message names what is there and what to do.
public struct FileProblem: Error, Equatable, CustomStringConvertible {
  /// The reason, starting in lower case, to follow "cannot read PATH: ".
  public let reason: String

  public init(_ reason: String) {
    self.reason = reason
  }

  public var description: String { reason }

  /// What a file's type bits say it is, with an article: "a directory", "a FIFO (named pipe)".
  public static func kindName(of mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFREG: "a regular file"
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFLNK: "a symbolic link"
    default: "not a regular file"
    }
  }

  /// "it is a FIFO (named pipe), not a regular file", or "it is a directory".
  static func notRegular(_ mode: mode_t) -> FileProblem {
    if mode & S_IFMT == S_IFDIR { return FileProblem("it is a directory") }
    return FileProblem("it is \(kindName(of: mode)), not a regular file")
  }

  /// The problem with reading `path`, worked out from what is there. Nil when it is a readable
  /// regular file.
  public static func forReading(_ path: String) -> FileProblem? {
    var info = stat()
    guard stat(path, &info) == 0 else { return missing(path, errno: errno) }
    guard info.st_mode & S_IFMT == S_IFREG else { return notRegular(info.st_mode) }
    guard access(path, R_OK) == 0 else { return FileProblem("permission denied") }
    return nil
  }

  /// Why `stat` or `open` of `path` failed with `code`, looking at the path once more for the
  /// cases where the number alone would mislead (a dangling link, a missing folder).
  static func missing(_ path: String, errno code: Int32) -> FileProblem {
    switch code {
    case ENOENT:
      var link = stat()
      if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
        return FileProblem(
          "it is a symbolic link to '\(linkTarget(path) ?? "?")', which does not exist")
      }
      let folder = directory(of: path)
      var info = stat()
      if stat(folder, &info) != 0 { return FileProblem("no such file: the folder does not exist") }
      return FileProblem("no such file")
    case ENOTDIR: return FileProblem("no such file: a part of the path is not a folder")
    default: return describe(errno: code)
    }
  }

  /// Plain words for a system error number.
  public static func describe(errno code: Int32) -> FileProblem {
    switch code {
    case EACCES, EPERM: FileProblem("permission denied")
    case ENOENT: FileProblem("no such file")
    case EISDIR: FileProblem("it is a directory")
    case ENOSPC: FileProblem("the disk is full")
    case EDQUOT: FileProblem("the disk quota is used up")
    case EROFS: FileProblem("the file system is read-only")
    case ENAMETOOLONG: FileProblem("the name is too long")
    case ELOOP: FileProblem("the path has too many symbolic links (a loop?)")
    case EIO: FileProblem("the device reported an input/output error")
    case ENXIO, ENODEV: FileProblem("no device or reader is connected to it")
    case EMFILE, ENFILE: FileProblem("too many files are open")
    case ETXTBSY: FileProblem("it is a program that is running")
    default: FileProblem(String(cString: strerror(code)).lowercased())
    }
  }

  /// The folder a path is in ("." for a bare name).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  /// What a symbolic link points to, as written in the link.
  static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// A size in bytes for a message: "256 MiB", "1 GiB", "1.5 KiB", "17 bytes".
  public static func bytes(_ count: Int) -> String {
    let units: [(Int, String)] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
    for (size, unit) in units where count >= size {
      if count % size == 0 { return "\(count / size) \(unit)" }
      return String(format: "%.1f", Double(count) / Double(size)) + " " + unit
    }
    return "\(count) byte\(count == 1 ? "" : "s")"
  }

  /// A whole number with thousands separators: 2,097,153.
  public static func grouped(_ count: Int) -> String {
    var digits = String(count.magnitude)
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(Substring(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return (count < 0 ? "-" : "") + groups.joined(separator: ",")
  }
}
