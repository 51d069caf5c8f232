import NNVCore

/// A value an nnv program computes with.
///
/// Numbers are `Double`. Models are shared references: `let b = a` names the same model, and
/// `train b` changes what `a` sees too; `model b from a` makes a copy. Everything else behaves
/// as a value.
public enum Value {
  case number(Double)
  case string(String)
  case boolean(Bool)
  case none
  /// A list; it knows how deeply it nests and how many values it holds (see `ListValue`).
  case list(ListValue)
  /// Whole numbers from `lower` up to `upper`, excluded or included; never stored as a list.
  case range(lower: Int, upper: Int, inclusive: Bool)
  case record(Record)
  case dataset(Dataset)
  case model(ModelReference)
  case tensor(Tensor)
  case function(UserFunction)
  case builtin(Builtin)

  /// The kind of value, as named in messages ("a number", "a model").
  public var kindName: String {
    switch self {
    case .number: "a number"
    case .string: "a string"
    case .boolean: "a boolean"
    case .none: "none"
    case .list: "a list"
    case .range: "a range"
    case .record: "a record"
    case .dataset: "a data set"
    case .model: "a model"
    case .tensor: "a tensor"
    case .function, .builtin: "a function"
    }
  }

  /// A list of `values`, working out its depth and size.
  public static func list(_ values: [Value]) -> Value { .list(ListValue(values)) }

  /// The elements of a list or range, if it is one; a range's are made one at a time.
  var elements: ValueElements? {
    switch self {
    case .list(let list): return ValueElements(storage: .list(list))
    case .range(let lower, let upper, let inclusive):
      let span = Value.span(lower: lower, upper: upper, inclusive: inclusive)
      return ValueElements(storage: .range(lower: span.lower, count: span.count))
    default: return nil
    }
  }
}

/// A record: named fields in a fixed order (`parts.train`, `result.accuracy`).
public struct Record {
  public var fields: [(name: String, value: Value)]

  public init(_ fields: [(name: String, value: Value)]) {
    self.fields = fields
  }

  public subscript(name: String) -> Value? {
    fields.first { $0.name == name }?.value
  }
}

/// A model shared by every name bound to it.
public final class ModelReference {
  public var model: Sequential
  /// The model's fingerprint when it was last saved or loaded (see `isSaved`).
  public var savedFingerprint: UInt64?

  public init(_ model: Sequential) {
    self.model = model
  }
}

/// A function defined with `fn`, closing over the scope it was defined in.
public final class UserFunction {
  public let declaration: FunctionDeclaration
  /// The source the body was parsed from, for diagnostics raised inside it.
  public let source: SourceFile
  let closure: Environment

  init(declaration: FunctionDeclaration, source: SourceFile, closure: Environment) {
    self.declaration = declaration
    self.source = source
    self.closure = closure
  }
}
