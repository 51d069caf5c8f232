import NNVCore

/// Executing statements.
extension Interpreter {
  /// How a statement ended: normally, or by `return` with a value.
  enum Flow {
    case normal
    case returned(Value)
  }

  func execute(_ statements: [Statement], in environment: Environment) throws -> Flow {
    for statement in statements {
      if case .returned(let value) = try execute(statement, in: environment) {
        return .returned(value)
      }
    }
    return .normal
  }

  func execute(_ statement: Statement, in environment: Environment) throws -> Flow {
    try checkCancellation(at: statement.range)
    try checkStack(at: statement.range)
    switch statement.kind {
    case .letBinding(let name, let value):
      let result = try evaluate(value, in: environment)
      // Interrupted while the value was computed: the name is not bound to it.
      try checkCancellation(at: statement.range)
      adoptName(name.text, for: result, in: environment)
      environment.define(name.text, result)
    case .assignment(let name, let value):
      let result = try evaluate(value, in: environment)
      try checkCancellation(at: statement.range)
      adoptName(name.text, for: result, in: environment)
      guard environment.assign(name.text, result) else {
        throw fail(.assignmentBeforeLet(name.text), at: name.range)
      }
    case .expression(let expression):
      _ = try evaluate(expression, in: environment)
    case .print(let values, let full):
      guard full else {
        let texts = try values.map { try evaluate($0, in: environment).description }
        try checkCancellation(at: statement.range)
        output.write(texts.joined(separator: " ") + "\n")
        return .normal
      }
      try printFull(values, in: environment, at: statement.range)
    case .ifElse(let condition, let body, let otherwise):
      if try truth(condition, in: environment) {
        return try execute(body, in: Environment(parent: environment))
      } else if let otherwise {
        return try execute(otherwise, in: Environment(parent: environment))
      }
    case .forLoop(let variable, let sequence, let body):
      return try loop(variable, over: sequence, body, in: environment, at: statement.range)
    case .whileLoop(let condition, let body):
      return try loop(while: condition, body, in: environment, at: statement.range)
    case .function(let declaration):
      let function = UserFunction(
        declaration: declaration, source: currentSource, closure: environment)
      environment.define(declaration.name.text, .function(function))
    case .returnValue(let value):
      return .returned(try value.map { try evaluate($0, in: environment) } ?? .none)
    case .model(let declaration):
      let model = try buildModel(declaration, in: environment)
      try checkCancellation(at: statement.range)
      environment.define(declaration.name.text, .model(ModelReference(model)))
    case .command(let invocation):
      try command(invocation, in: environment, at: statement.range)
    case .unparsed:
      // Programs with syntax errors never run; nothing to do.
      break
    }
    return .normal
  }

  /// `for variable in sequence { body }`: the body runs in a scope of its own for every
  /// element; a `return` inside ends the loop.
  func loop(
    _ variable: Name, over sequence: Expression, _ body: [Statement],
    in environment: Environment, at range: SourceRange
  ) throws -> Flow {
    let value = try evaluate(sequence, in: environment)
    let elements = try iterate(value, at: sequence.range)
    while let element = try elements.next() {
      try checkCancellation(at: range)
      let scope = Environment(parent: environment)
      scope.define(variable.text, element)
      if case .returned(let result) = try execute(body, in: scope) { return .returned(result) }
    }
    return .normal
  }

  /// `while condition { body }`: the body runs in a scope of its own every time; a `return`
  /// inside ends the loop.
  func loop(
    while condition: Expression, _ body: [Statement], in environment: Environment,
    at range: SourceRange
  ) throws -> Flow {
    while try truth(condition, in: environment) {
      try checkCancellation(at: range)
      let scope = Environment(parent: environment)
      if case .returned(let result) = try execute(body, in: scope) { return .returned(result) }
    }
    return .normal
  }

  /// A command in statement form (`evaluate net on data`): it prints its report, and its value
  /// is dropped.
  func command(
    _ invocation: CommandInvocation, in environment: Environment, at range: SourceRange
  ) throws {
    guard let builtin = BuiltinRegistry.builtin(named: invocation.name.text) else {
      throw fail(.unknownName(invocation.name.text, candidates: []), at: invocation.name.range)
    }
    _ = try call(
      builtin, with: invocation.arguments, in: environment, at: range, asStatement: true)
  }

  /// What a `for` loop walks over, one element at a time: each is made when it is reached, so a
  /// range of a trillion numbers, a large data set or a long string takes no memory up front.
  struct Iteration {
    let next: () throws -> Value?

    /// The elements `element(0)` to `element(count - 1)`.
    init(count: Int, _ element: @escaping (Int) throws -> Value) {
      var index = 0
      next = {
        guard index < count else { return nil }
        defer { index += 1 }
        return try element(index)
      }
    }

    init(next: @escaping () throws -> Value?) { self.next = next }
  }

  /// The elements of a list, range, data set (samples), tensor (rows) or string (characters).
  func iterate(_ value: Value, at range: SourceRange) throws -> Iteration {
    if let elements = value.elements {
      return Iteration(count: elements.count) { elements[$0] }
    }
    switch value {
    case .dataset(let data):
      return Iteration(count: data.count) { try self.sample(of: data, at: $0, range: range) }
    case .tensor(let tensor):
      return Iteration(count: tensor.rows) { index in
        .tensor(try self.core(at: range) { try tensor.row(index) })
      }
    case .string(let text):
      var position = text.startIndex
      return Iteration {
        guard position < text.endIndex else { return nil }
        defer { position = text.index(after: position) }
        return .string(String(text[position]))
      }
    default:
      throw fail(.notIterable(value), at: range)
    }
  }

  /// A model bound to a name takes that name when no other name in scope holds it (a model
  /// loaded from a file, or made inside a function), so progress, legends and `:vars` say what
  /// the user typed; `let b = a` leaves the model `a` as it is.
  func adoptName(_ name: String, for value: Value, in environment: Environment) {
    guard case .model(let reference) = value, reference.model.name != name else { return }
    let held = environment.visibleNames.contains { other in
      if case .model(let bound) = environment.lookup(other) { return bound === reference }
      return false
    }
    if !held { reference.model.name = name }
  }

  func truth(_ condition: Expression, in environment: Environment) throws -> Bool {
    let value = try evaluate(condition, in: environment)
    guard case .boolean(let flag) = value else {
      throw fail(.conditionNotBoolean(value), at: condition.range)
    }
    return flag
  }
}

extension Diagnostic.Message {
  static func notIterable(_ value: Value) -> Self {
    Self(
      "Cannot loop over \(value.kindName).",
      hint: "loop over a list, a range such as `0..<10`, a data set or a tensor")
  }
  static func conditionNotBoolean(_ value: Value) -> Self {
    Self(
      "A condition must be true or false, not \(value.kindName).",
      hint: "compare explicitly, as in `x > 0`")
  }
}
