/// A data set that cannot be read or used, with where the problem is when it comes from a file.
public enum DataError: Error, Equatable, CustomStringConvertible {
  /// A problem at a place in a file: 1-based line and column.
  case malformed(file: String, line: Int, column: Int, message: String)
  /// A file that cannot be read at all.
  case unreadable(file: String, message: String)
  /// Targets that do not fit the model.
  case targetMismatch(String)
  /// A generator or split called with settings it cannot use.
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .malformed(let file, let line, let column, let message):
      return "\(file):\(line):\(column): \(message)"
    case .unreadable(let file, let message):
      return "\(file): \(message)"
    case .targetMismatch(let message), .invalidArgument(let message):
      return message
    }
  }
}
