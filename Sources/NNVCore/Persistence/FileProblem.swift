import Foundation

/// Plain words for why a file could not be read, for error messages.
enum FileProblem {
  /// "no such file", "it is a directory", "permission denied", or the system's description.
  static func reason(for error: Error, path: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      return "no such file"
    }
    if isDirectory.boolValue { return "it is a directory" }
    if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
    return (error as NSError).localizedDescription
  }
}
