import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary files of `AtomicFile`: their names, and removing those a killed save left.
///
/// A temporary file is named `.NAME.PID.RANDOM.tmp` beside its target, where NAME is the
/// target's name (cut to 200 bytes, so the temporary name stays within the system's limit of
/// 255) and PID the saving process. A save that is killed mid-write (SIGKILL, a power cut)
/// cannot remove its temporary file; the next save beside the same target removes every such
/// file whose process no longer runs.
extension AtomicFile {
  /// The longest part of a target's name kept in its temporary file's name, in bytes.
  static let nameBytesInTemporary = 200

  /// `.NAME.` for `target`: how every temporary file of that target starts.
  static func temporaryPrefix(for target: String) -> String {
    let name = target.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    var bytes = Array(name.utf8.prefix(nameBytesInTemporary))
    // Cut on a character boundary: drop continuation bytes and an unfinished lead byte.
    if bytes.count < name.utf8.count {
      while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
      if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
    }
    return "." + String(decoding: bytes, as: UTF8.self) + "."
  }

  /// A fresh temporary path beside `target`.
  static func temporaryPath(for target: String) -> String {
    let folder = FileProblem.directory(of: target)
    let name = temporaryPrefix(for: target) + "\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    return folder == "/" ? "/" + name : folder + "/" + name
  }

  /// The process id in a temporary file's name, when `name` is one of `prefix`'s.
  static func owner(ofTemporary name: String, prefix: String) -> pid_t? {
    guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { return nil }
    let middle = name.dropFirst(prefix.count).dropLast(4).split(
      separator: ".", omittingEmptySubsequences: false)
    guard middle.count == 2, UInt32(middle[1]) != nil, let pid = pid_t(middle[0]), pid > 0
    else { return nil }
    return pid
  }

  /// Removes the temporary files beside `target` left by processes that no longer run.
  static func removeStaleTemporaries(beside target: String) {
    let folder = FileProblem.directory(of: target)
    let prefix = temporaryPrefix(for: target)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names {
      guard let pid = owner(ofTemporary: name, prefix: prefix), pid != getpid() else { continue }
      // Signal 0 only asks whether the process exists; ESRCH says it does not.
      guard kill(pid, 0) != 0, errno == ESRCH else { continue }
      var info = stat()
      let path = folder == "/" ? "/" + name : folder + "/" + name
      guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      unlink(path)
    }
  }
}
