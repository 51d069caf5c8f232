import Foundation
import NNVCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Saving never replaces what is not a regular file, keeps a file's mode, follows the symlink
/// rule, and leaves no temporary files behind.
@Suite struct AtomicFileTests {
  /// A fresh directory with one of each kind of thing a save might meet.
  static func makeDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "nnv-atomic-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    #expect(mkfifo(path + "/fifo", 0o644) == 0)
    try FileManager.default.createDirectory(
      atPath: path + "/folder", withIntermediateDirectories: false)
    for (link, target) in [("dangling", "gone"), ("to-fifo", "fifo")] {
      try FileManager.default.createSymbolicLink(
        atPath: path + "/" + link, withDestinationPath: target)
    }
    try FileManager.default.createSymbolicLink(
      atPath: path + "/to-folder", withDestinationPath: "folder")
    try Data("old".utf8).write(to: URL(fileURLWithPath: path + "/read-only"))
    #expect(chmod(path + "/read-only", 0o444) == 0)
    return path
  }

  static func temporaries(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
  }

  func expectRefused(
    _ path: String, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      try AtomicFile.write(Data("new".utf8), to: path)
      Issue.record("\(path) was replaced", sourceLocation: sourceLocation)
    } catch let error as PersistenceError {
      guard case .cannotWrite(let target, let reason) = error else {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        return
      }
      #expect(target == path, sourceLocation: sourceLocation)
      #expect(reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation)
      #expect(!reason.contains("NSCocoaErrorDomain"), sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func refusesToReplaceWhatIsNotARegularFile() throws {
    let directory = try Self.makeDirectory()
    expectRefused(directory + "/fifo", containing: "it is a FIFO (named pipe), not a regular file")
    expectRefused(directory + "/folder", containing: "it is a directory")
    expectRefused(
      directory + "/dangling", containing: "a symbolic link to 'gone', which does not exist")
    expectRefused(directory + "/to-fifo", containing: "a symbolic link to a FIFO")
    expectRefused(directory + "/to-folder", containing: "a symbolic link to a directory")
    expectRefused(directory + "/read-only", containing: "it is read-only")
    expectRefused("/dev/null", containing: "it is a character device, not a regular file")
    expectRefused(directory + "/missing/x.nnvm", containing: "the folder")
    expectRefused("", containing: "the file name is empty")
    // Everything is as it was, and no temporary file was left.
    var info = stat()
    #expect(lstat(directory + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    #expect(lstat(directory + "/dangling", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(!FileManager.default.fileExists(atPath: directory + "/gone"))
    #expect(try String(contentsOfFile: directory + "/read-only", encoding: .utf8) == "old")
    #expect(Self.temporaries(in: directory).isEmpty)
  }

  @Test func aSymlinkToARegularFileIsFollowedAndKept() throws {
    let directory = try Self.makeDirectory()
    try FileManager.default.createDirectory(
      atPath: directory + "/folder/inner", withIntermediateDirectories: false)
    try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/folder/inner/model.nnvm"))
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/link.nnvm", withDestinationPath: "folder/inner/model.nnvm")
    try AtomicFile.write(Data("new".utf8), to: directory + "/link.nnvm")
    var info = stat()
    #expect(lstat(directory + "/link.nnvm", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    let target = directory + "/folder/inner/model.nnvm"
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    #expect(Self.temporaries(in: directory).isEmpty)
    #expect(Self.temporaries(in: directory + "/folder/inner").isEmpty)
  }

  @Test func aReplacedFileKeepsItsModeAndANewOneFollowsTheUmask() throws {
    let directory = try Self.makeDirectory()
    for mode: mode_t in [0o600, 0o640, 0o755] {
      let path = directory + "/kept-\(String(mode, radix: 8))"
      try Data("old".utf8).write(to: URL(fileURLWithPath: path))
      #expect(chmod(path, mode) == 0)
      try AtomicFile.write(Data("new".utf8), to: path)
      var info = stat()
      #expect(stat(path, &info) == 0)
      #expect(info.st_mode & 0o777 == mode, "\(String(info.st_mode & 0o777, radix: 8))")
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }
    // A new file gets what open(2) gives 0644 under this process's umask.
    let reference = directory + "/reference"
    let fd = open(reference, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    #expect(fd >= 0)
    close(fd)
    try AtomicFile.write(Data("new".utf8), to: directory + "/fresh")
    var expected = stat()
    var actual = stat()
    #expect(stat(reference, &expected) == 0 && stat(directory + "/fresh", &actual) == 0)
    #expect(actual.st_mode & 0o777 == expected.st_mode & 0o777)
  }

  /// A process id that no longer runs: a child that has exited and been reaped.
  static func deadProcessID() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func temporaryFilesOfKilledSavesAreRemovedByTheNextSave() throws {
    let directory = try Self.makeDirectory()
    let dead = try Self.deadProcessID()
    let stale = ".model.nnvm.\(dead).12345.tmp"
    let live = ".model.nnvm.1.678.tmp"  // process 1 always runs
    let other = ".other.nnvm.\(dead).9.tmp"  // another file's: left alone
    for name in [stale, live, other] {
      try Data("half".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
    }
    try AtomicFile.write(Data("new".utf8), to: directory + "/model.nnvm")
    let left = Set(Self.temporaries(in: directory))
    #expect(!left.contains(stale))
    #expect(left == [live, other])
  }

  @Test func aVeryLongNameStillGetsATemporaryFile() throws {
    let directory = try Self.makeDirectory()
    let name = String(repeating: "é", count: 120) + ".nnvm"  // 245 bytes, near the limit
    try AtomicFile.write(Data("new".utf8), to: directory + "/" + name)
    #expect(FileManager.default.fileExists(atPath: directory + "/" + name))
    #expect(Self.temporaries(in: directory).isEmpty)
  }

  @Test func readingRefusesFIFOsDevicesAndOversizedFilesWithoutBlocking() throws {
    let directory = try Self.makeDirectory()
    func reason(_ path: String, limit: Int = 1 << 20) -> String {
      do {
        _ = try FileReader.read(path, limit: limit, what: "a test file")
        return "read"
      } catch {
        return "\(error)"
      }
    }
    #expect(reason(directory + "/fifo") == "it is a FIFO (named pipe), not a regular file")
    #expect(reason(directory + "/to-fifo") == "it is a FIFO (named pipe), not a regular file")
    #expect(reason(directory + "/folder") == "it is a directory")
    #expect(reason("/dev/zero") == "it is a character device, not a regular file")
    #expect(reason(directory + "/nothing") == "no such file")
    #expect(reason(directory + "/nowhere/nothing") == "no such file: the folder does not exist")
    #expect(
      reason(directory + "/dangling") == "it is a symbolic link to 'gone', which does not exist")
    // A sparse file of 2 MiB + 1 byte is refused before it is read.
    let big = directory + "/big"
    let fd = open(big, O_WRONLY | O_CREAT, 0o644)
    #expect(fd >= 0 && ftruncate(fd, (2 << 20) + 1) == 0)
    close(fd)
    #expect(
      reason(big, limit: 2 << 20)
        == "it holds 2,097,153 bytes, more than the 2 MiB nnv reads for a test file")
    #expect(reason(big, limit: 3 << 20) == "read")
    #expect(FileProblem.describe(errno: EACCES).reason == "permission denied")
    #expect(FileProblem.describe(errno: ENOSPC).reason == "the disk is full")
  }
}
