import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing files so that nothing is lost: a crash, a full disk or a kill never leaves a
/// half-written file behind, and a save never replaces what is not a regular file.
///
/// Every file nnv writes goes through `write(_:to:)`: models, session scripts, views and the
/// REPL's history. The rules:
///
/// - Only a regular file is replaced. A directory, a FIFO, a device or a socket at the path is
///   refused with a message naming what it is; a read-only file is refused too.
/// - A symbolic link to a regular file is followed: the file it points to is replaced, in its
///   own directory, and the link stays. A dangling link, or one to anything but a regular file,
///   is refused.
/// - A replaced file keeps its permission bits (a 0600 file stays 0600) and, where the system
///   allows, its owner and group; a new file gets 0644 minus the umask.
/// - The data goes to a temporary file beside the target (`.NAME.PID.RANDOM.tmp`), which is
///   flushed to disk, renamed over the target, and then the directory is flushed, so readers see
///   the old file or the complete new one. The temporary file is removed on every failure; one
///   left by a process that was killed is removed by the next save beside it.
public enum AtomicFile {
  /// What a save will replace: the resolved path, and the file there if there is one.
  struct Target {
    var path: String
    var existing: stat?
  }

  /// Writes `data` to `path` atomically, following the rules above.
  ///
  /// - Throws: `PersistenceError.cannotWrite` with the reason in plain words.
  public static func write(_ data: Data, to path: String) throws {
    try write(to: path) { fd in try writeAll(data, to: fd) }
  }

  /// Writes what `produce` writes to the open temporary file, then puts it in place at `path`
  /// atomically. An error `produce` throws that is not a `FileProblem` (a cancellation, a
  /// limit) is thrown as it is, after the temporary file is removed.
  static func write(to path: String, _ produce: (Int32) throws -> Void) throws {
    let target: Target
    do {
      target = try resolve(path)
    } catch let problem as FileProblem {
      throw PersistenceError.cannotWrite(path: path, reason: problem.reason)
    }
    removeStaleTemporaries(beside: target.path)
    let temporary = temporaryPath(for: target.path)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else {
      throw PersistenceError.cannotWrite(
        path: path, reason: folderProblem(errno: errno, target: target.path).reason)
    }
    var isOpen = true
    do {
      try produce(fd)
      if let existing = target.existing { keepAttributes(of: existing, on: fd) }
      guard fsync(fd) == 0 else { throw FileProblem.describe(errno: errno) }
      isOpen = false
      guard close(fd) == 0 else { throw FileProblem.describe(errno: errno) }
      // The path is looked at again just before the rename, so a FIFO or directory put there
      // while the data was written is not replaced either.
      _ = try resolve(target.path)
      guard rename(temporary, target.path) == 0 else { throw FileProblem.describe(errno: errno) }
    } catch {
      if isOpen { close(fd) }
      unlink(temporary)
      if let problem = error as? FileProblem {
        throw PersistenceError.cannotWrite(path: path, reason: problem.reason)
      }
      throw error
    }
    syncDirectory(of: target.path)
  }

  /// The path a save replaces, after checking what is there (see the rules above).
  static func resolve(_ path: String) throws -> Target {
    guard !path.isEmpty else { throw FileProblem("the file name is empty") }
    var info = stat()
    guard lstat(path, &info) == 0 else {
      guard errno == ENOENT else { throw FileProblem.missing(path, errno: errno) }
      return Target(path: path, existing: nil)
    }
    var resolved = path
    if info.st_mode & S_IFMT == S_IFLNK {
      let link = FileProblem.linkTarget(path) ?? "?"
      guard stat(path, &info) == 0 else {
        if errno == ENOENT {
          throw FileProblem("it is a symbolic link to '\(link)', which does not exist")
        }
        throw FileProblem.missing(path, errno: errno)
      }
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw FileProblem(
          "it is a symbolic link to \(FileProblem.kindName(of: info.st_mode)), "
            + "not to a regular file")
      }
      guard let real = realpath(path, nil) else { throw FileProblem.describe(errno: errno) }
      resolved = String(cString: real)
      free(real)
    }
    guard info.st_mode & S_IFMT == S_IFREG else { throw FileProblem.notRegular(info.st_mode) }
    guard info.st_mode & 0o222 != 0, access(resolved, W_OK) == 0 else {
      throw FileProblem(
        "it is read-only; make it writable (chmod u+w) or save under another name")
    }
    return Target(path: resolved, existing: info)
  }

  /// Why the temporary file could not be created in the target's folder.
  static func folderProblem(errno code: Int32, target: String) -> FileProblem {
    let folder = FileProblem.directory(of: target)
    switch code {
    case ENOENT: return FileProblem("the folder '\(folder)' does not exist")
    case ENOTDIR: return FileProblem("'\(folder)' is not a folder")
    case EACCES, EPERM:
      return FileProblem("permission denied: nnv cannot create files in the folder '\(folder)'")
    default: return FileProblem.describe(errno: code)
    }
  }

  static func writeAll(_ data: Data, to fd: Int32) throws {
    var failure: Int32?
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < bytes.count, let base = bytes.baseAddress {
        let written = Foundation.write(fd, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if let failure { throw FileProblem.describe(errno: failure) }
  }

  /// Gives the new file the replaced file's permission bits, and its owner and group where the
  /// system allows (a user may not give a file away; then the saving user owns it).
  static func keepAttributes(of existing: stat, on fd: Int32) {
    if existing.st_uid != geteuid() || existing.st_gid != getegid() {
      _ = fchown(fd, existing.st_uid, existing.st_gid)
    }
    _ = fchmod(fd, existing.st_mode & 0o777)
  }

  /// Flushes the directory entry of a renamed file; file systems that cannot flush a directory
  /// say so with an error that changes nothing, so errors are ignored.
  static func syncDirectory(of path: String) {
    let fd = open(FileProblem.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}
