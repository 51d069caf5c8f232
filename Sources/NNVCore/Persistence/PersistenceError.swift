/// A model file that cannot be written or read back.
public enum PersistenceError: Error, Equatable, CustomStringConvertible {
  case cannotWrite(path: String, reason: String)
  case cannotRead(path: String, reason: String)
  /// The file is not an nnv model, is cut short, corrupt, or from a newer nnv.
  case invalidFile(path: String, reason: String)

  /// Why, without the path: "it is a directory".
  public var reason: String {
    switch self {
    case .cannotWrite(_, let reason), .cannotRead(_, let reason), .invalidFile(_, let reason):
      reason
    }
  }

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
    case .invalidFile(let path, let reason): "\(path) is not a usable nnv model: \(reason)"
    }
  }
}
