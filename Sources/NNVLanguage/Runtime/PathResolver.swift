import Foundation

/// Where a file path written in a script or typed at the prompt points.
///
/// One rule for every path nnv reads or writes: `save`, `load`, `csv`, the views' `to`, the
/// REPL's `:load` and `:save` and its file-name completion, and scripts named on the command
/// line.
///
/// - `~` and `~/...` stand for the home directory (`$HOME`).
/// - An absolute path is used as it is.
/// - A relative path starts from the session's directory: the current directory nnv was started
///   in, also for paths inside a script run from elsewhere (`nnv lessons/xor.nnv` reads
///   `csv("data.csv")` from where `nnv` was typed, as Python and R do), unless the session was
///   given another directory.
///
/// The result is absolute, so a message about a missing file names the exact file tried.
public struct PathResolver: Sendable {
  /// The directory relative paths start from; the current directory when nil.
  public let directory: String?
  /// The home directory `~` stands for; nil when unknown (then `~` is kept as it is).
  public let home: String?

  public init(
    directory: String? = nil, home: String? = ProcessInfo.processInfo.environment["HOME"]
  ) {
    self.directory = directory
    self.home = home
  }

  /// The absolute path `path` points to.
  public func resolve(_ path: String) -> String {
    var path = path
    if let home, path == "~" || path.hasPrefix("~/") {
      path = home + path.dropFirst()
    }
    if !path.hasPrefix("/") {
      let base = directory ?? FileManager.default.currentDirectoryPath
      path = URL(fileURLWithPath: base).appendingPathComponent(path).path
    }
    return URL(fileURLWithPath: path).standardized.path
  }

  /// Why the file at the absolute `path` cannot be read, in plain words; nil when it can.
  public func problem(reading path: String) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return "no such file"
    }
    if isDirectory.boolValue { return "it is a directory" }
    if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
    return nil
  }

  /// How `written` was resolved, as a hint: where relative paths start, or that `~` is home.
  public func hint(for written: String) -> String {
    if written == "~" || written.hasPrefix("~/") { return "`~` is the home directory" }
    if written.hasPrefix("/") { return "check the path" }
    let base = directory ?? FileManager.default.currentDirectoryPath
    return "relative paths start from the current directory, \(base)"
  }
}
