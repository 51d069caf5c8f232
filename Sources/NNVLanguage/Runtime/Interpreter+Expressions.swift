import Foundation
import NNVCore

/// Evaluating expressions: literals, names, operators, indexing and fields.
extension Interpreter {
  func evaluate(_ expression: Expression, in environment: Environment) throws -> Value {
    try checkStack(at: expression.range)
    switch expression.kind {
    case .number(let x): return .number(x)
    case .string(let text): return .string(text)
    case .boolean(let flag): return .boolean(flag)
    case .none: return .none
    case .name(let name):
      if let value = environment.lookup(name) { return value }
      if let builtin = BuiltinRegistry.builtin(named: name), builtin.kind != .layer {
        return .builtin(builtin)
      }
      throw fail(.unknownName(name, candidates: environment.visibleNames), at: expression.range)
    case .list(let elements):
      let values = try elements.map { try evaluate($0, in: environment) }
      return try checked(ListValue(values), at: expression.range)
    case .unary(let op, let operand):
      let value = try evaluate(operand, in: environment)
      return try unary(op, value, at: expression.range)
    case .binary(.and, let left, let right):
      return .boolean(try truth(left, in: environment) && truth(right, in: environment))
    case .binary(.or, let left, let right):
      return .boolean(try truth(left, in: environment) || truth(right, in: environment))
    case .binary(let op, let left, let right):
      let a = try evaluate(left, in: environment)
      let b = try evaluate(right, in: environment)
      return try binary(op, a, b, at: expression.range)
    case .call(let callee, let arguments):
      return try call(callee, arguments, in: environment, at: expression.range)
    case .index(let base, let index):
      let container = try evaluate(base, in: environment)
      let position = try evaluate(index, in: environment)
      return try subscripted(container, position, at: index.range)
    case .field(let base, let field):
      let value = try evaluate(base, in: environment)
      return try self.field(field, of: value)
    }
  }

  func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws -> Value {
    switch (op, value) {
    case (.negate, .number(let x)): return .number(-x)
    case (.negate, .tensor(let t)): return .tensor(-t)
    case (.not, .boolean(let flag)): return .boolean(!flag)
    default: throw fail(.badOperand(op.rawValue, value), at: range)
    }
  }

  func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    switch (op, a, b) {
    case (.equal, _, _): return .boolean(Interpreter.equal(a, b))
    case (.notEqual, _, _): return .boolean(!Interpreter.equal(a, b))
    case (_, .number(let x), .number(let y)):
      return try arithmetic(op, x, y, at: range)
    case (.add, .string(let x), .string(let y)):
      guard x.utf8.count + y.utf8.count <= Value.maximumStringLength else {
        throw fail(.stringTooLong, at: range)
      }
      return .string(x + y)
    case (.add, .list(let x), .list(let y)):
      // Checked before the elements are copied: `x + x` doubles.
      guard ListValue.add(x.size, y.size) - 1 <= Value.maximumSize else {
        throw fail(.tooManyValues, at: range)
      }
      var values: [Value] = []
      values.reserveCapacity(x.count + y.count)
      values += x.values
      values += y.values
      return try checked(ListValue(values), at: range)
    case (.less, .string(let x), .string(let y)): return .boolean(x < y)
    case (.greater, .string(let x), .string(let y)): return .boolean(x > y)
    case (.add, .tensor, _), (.subtract, .tensor, _), (.multiply, .tensor, _),
      (.divide, .tensor, _), (.add, _, .tensor), (.subtract, _, .tensor),
      (.multiply, _, .tensor), (.divide, _, .tensor):
      return .tensor(try tensorArithmetic(op, a, b, at: range))
    case (.add, .string, _), (.add, _, .string):
      throw fail(.stringConcatenation(a, b), at: range)
    default:
      throw fail(.badOperands(op.rawValue, a, b), at: range)
    }
  }

  func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double, at range: SourceRange) throws
    -> Value
  {
    switch op {
    case .add: return .number(x + y)
    case .subtract: return .number(x - y)
    case .multiply: return .number(x * y)
    case .divide:
      guard y != 0 else { throw fail(.divisionByZero, at: range) }
      return .number(x / y)
    case .remainder:
      guard y != 0 else { throw fail(.divisionByZero, at: range) }
      return .number(x - y * (x / y).rounded(.down))
    case .power: return .number(Foundation.pow(x, y))
    case .less: return .boolean(x < y)
    case .lessEqual: return .boolean(x <= y)
    case .greater: return .boolean(x > y)
    case .greaterEqual: return .boolean(x >= y)
    case .halfOpenRange, .closedRange:
      guard let lower = Int(exactly: x), let upper = Int(exactly: y),
        abs(lower) < 1 << 40, abs(upper) < 1 << 40
      else { throw fail(.rangeBounds, at: range) }
      return .range(lower: lower, upper: upper, inclusive: op == .closedRange)
    case .equal, .notEqual, .and, .or:
      return .boolean(false)
    }
  }

  func tensorArithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange)
    throws -> Tensor
  {
    func tensor(_ value: Value) throws -> Tensor {
      switch value {
      case .tensor(let t): return t
      case .number(let x): return Tensor(Float(x))
      default: throw fail(.badOperands(op.rawValue, a, b), at: range)
      }
    }
    let x = try tensor(a)
    let y = try tensor(b)
    return try core(at: range) {
      switch op {
      case .add: try x + y
      case .subtract: try x - y
      case .multiply: try x * y
      default: try x / y
      }
    }
  }

  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.boolean(let x), .boolean(let y)): return x == y
    case (.none, .none): return true
    case (.range(let l1, let u1, let i1), .range(let l2, let u2, let i2)):
      // Two ranges hold the same numbers when both are empty or they start together and are
      // as long: no need to look at each.
      let x = Value.span(lower: l1, upper: u1, inclusive: i1)
      let y = Value.span(lower: l2, upper: u2, inclusive: i2)
      return x.count == y.count && (x.count == 0 || x.lower == y.lower)
    case (.list, _), (.range, _):
      // Lists nest at most `Value.maximumDepth` deep and hold at most `Value.maximumSize`
      // values, so this recursion and its work are bounded.
      guard let x = a.elements, let y = b.elements, x.count == y.count else { return false }
      return zip(x, y).allSatisfy { equal($0, $1) }
    case (.model(let x), .model(let y)): return x === y
    case (.tensor(let x), .tensor(let y)): return x == y
    case (.dataset(let x), .dataset(let y)): return x == y
    default: return false
    }
  }

  /// A list value, if it is within `Value.maximumDepth` and `Value.maximumSize`.
  func checked(_ list: ListValue, at range: SourceRange) throws -> Value {
    guard list.depth <= Value.maximumDepth else { throw fail(.listTooDeep, at: range) }
    guard list.size <= Value.maximumSize else { throw fail(.tooManyValues, at: range) }
    return .list(list)
  }

  func subscripted(_ container: Value, _ position: Value, at range: SourceRange) throws -> Value {
    guard case .number(let x) = position, let index = Int(exactly: x) else {
      throw fail(.indexNotWhole(position), at: range)
    }
    let count: Int
    switch container {
    case .list(let values): count = values.count
    case .range: count = container.elements?.count ?? 0  // worked out, not counted
    case .string(let text): count = text.count
    case .dataset(let data): count = data.count
    case .tensor(let tensor): count = tensor.rank == 0 ? 0 : tensor.rows
    default: throw fail(.notIndexable(container), at: range)
    }
    guard index >= 0, index < count else {
      throw fail(.indexOutOfRange(index, count: count), at: range)
    }
    switch container {
    case .list(let values): return values[index]
    case .string(let text):
      return .string(String(text[text.index(text.startIndex, offsetBy: index)]))
    case .dataset(let data): return try sample(of: data, at: index, range: range)
    case .tensor(let tensor):
      let row = try core(at: range) { try tensor.row(index) }
      return row.rank == 0 ? .number(NumberFormatting.double(row.scalar)) : .tensor(row)
    default: return container.elements?[index] ?? .none
    }
  }

  /// Sample `index` of a data set: a record `{x: features, y: label or targets}`. With a
  /// target at every step, `y` is a list with one label (or value) per step, and with several
  /// values per step one list per step.
  func sample(of data: Dataset, at index: Int, range: SourceRange) throws -> Value {
    let row = try core(at: range) { try data.features.row(index) }
    let x = Value.list(row.scalars.map { Value.number(NumberFormatting.double($0)) })
    let y: Value
    func number(_ x: Float) -> Value { .number(NumberFormatting.double(x)) }
    if let values = data.values {
      let targets = try core(at: range) { try values.row(index) }.scalars
      let width = data.valuesPerTarget
      if data.hasStepTargets, width > 1 {
        y = .list(
          stride(from: 0, to: targets.count, by: width).map { start in
            .list(targets[start..<Swift.min(start + width, targets.count)].map(number))
          })
      } else {
        y =
          targets.count == 1 && !data.hasStepTargets
          ? number(targets[0]) : .list(targets.map(number))
      }
    } else if data.hasStepTargets {
      y = .list(data.labels(ofSample: index).map { .number(Double($0)) })
    } else {
      y = .number(Double(data.labels[index]))
    }
    return .record(Record([("x", x), ("y", y)]))
  }

  func field(_ field: Name, of value: Value) throws -> Value {
    let fields = Interpreter.fields(of: value)
    if let found = fields.first(where: { $0.name == field.text }) {
      return try found.value() ?? { throw fail(.tooManyValues, at: field.range) }()
    }
    throw fail(.unknownField(field.text, of: value, among: fields.map(\.name)), at: field.range)
  }

  /// The fields each kind of value offers, computed on demand; a field gives nil when its
  /// value would be a list longer than `Value.maximumSize`.
  static func fields(of value: Value) -> [(name: String, value: () -> Value?)] {
    func number(_ x: Int) -> () -> Value? { { .number(Double(x)) } }
    switch value {
    case .record(let record):
      return record.fields.map { field in (field.name, { field.value }) }
    case .dataset(let data):
      return [
        ("name", { .string(data.name) }), ("size", number(data.count)),
        ("features", { .tensor(data.features) }),
        ("classes", { .list(data.classNames.map { .string($0) }) }),
        ("shape", { .list(data.sampleShape.map { .number(Double($0)) }) }),
      ]
    case .model(let reference):
      let model = reference.model
      return [
        ("name", { .string(model.name) }), ("parameters", number(model.parameterCount)),
        ("layers", number(model.layers.count)),
        ("input", { .list(model.inputShape.map { .number(Double($0)) }) }),
        ("output", { .list(model.outputShape.map { .number(Double($0)) }) }),
        ("classes", { .list(model.classNames.map { .string($0) }) }),
        ("features", { .list(model.featureNames.map { .string($0) }) }),
        ("history", { .list(model.history.epochs.map(Interpreter.record(of:))) }),
      ]
    case .tensor(let tensor):
      let values: () -> Value? = {
        guard tensor.count < Value.maximumSize else { return nil }
        return .list(tensor.scalars.map { .number(NumberFormatting.double($0)) })
      }
      return [("shape", { .list(tensor.shape.map { .number(Double($0)) }) }), ("values", values)]
    default:
      return []
    }
  }

  /// One epoch of history as a record.
  static func record(of metrics: EpochMetrics) -> Value {
    var fields: [(name: String, value: Value)] = [
      ("epoch", .number(Double(metrics.epoch))),
      ("loss", .number(NumberFormatting.double(metrics.loss))),
    ]
    if let x = metrics.accuracy { fields.append(("accuracy", .number(NumberFormatting.double(x)))) }
    if let x = metrics.validationLoss {
      fields.append(("validation_loss", .number(NumberFormatting.double(x))))
    }
    if let x = metrics.validationAccuracy {
      fields.append(("validation_accuracy", .number(NumberFormatting.double(x))))
    }
    return .record(Record(fields))
  }
}

extension Diagnostic.Message {
  static func badOperand(_ op: String, _ value: Value) -> Self {
    Self("Cannot apply '\(op)' to \(value.kindName).")
  }
  static func badOperands(_ op: String, _ a: Value, _ b: Value) -> Self {
    Self("Cannot apply '\(op)' to \(a.kindName) and \(b.kindName).")
  }
  static func stringConcatenation(_ a: Value, _ b: Value) -> Self {
    Self(
      "Cannot add \(a.kindName) and \(b.kindName).",
      hint: "convert with `str(x)` first, or print both: `print a, b`")
  }
  static let divisionByZero = Self("Division by zero.")
  static let rangeBounds = Self("A range needs whole numbers as bounds.")
  static let stringTooLong = Self(
    "The string would be longer than \(Value.maximumStringLength >> 20) MiB, the most a "
      + "string may hold.")
  static let tooManyValues = Self(
    "The list would hold more than \(NumberFormatting.grouped(Value.maximumSize)) values in all, "
      + "the most a list may hold (nested lists count each of their values).",
    hint: "keep large data in a tensor or a data set")
  static let listTooDeep = Self(
    "The list would nest more than \(Value.maximumDepth) levels deep, the most lists may nest.",
    hint: "keep data flat: a list of lists of numbers is enough for a table")
  static func indexNotWhole(_ value: Value) -> Self {
    Self("An index must be a whole number, not \(value.debugText).")
  }
  static func notIndexable(_ value: Value) -> Self {
    Self(
      "Cannot index \(value.kindName).",
      hint: "index lists, ranges, strings, data sets and tensors with [i]")
  }
  static func indexOutOfRange(_ index: Int, count: Int) -> Self {
    Self(
      "Index \(index) is out of range.",
      hint: count == 0 ? "it is empty" : "valid indices are 0 to \(count - 1)")
  }
  static func unknownField(_ name: String, of value: Value, among names: [String]) -> Self {
    guard !names.isEmpty else { return Self("\(value.kindName.capitalizedFirst) has no fields.") }
    return Self(
      "\(value.kindName.capitalizedFirst) has no field '\(name)'.",
      hint: Suggestion.hint(for: name, among: names)
        ?? "fields: \(names.joined(separator: ", "))")
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
