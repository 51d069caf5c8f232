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
    switch statement.kind {
    case .letBinding(let name, let value):
      let result = try evaluate(value, in: environment)
      // Interrupted while the value was computed: the name is not bound to it.
      try checkCancellation(at: statement.range)
      environment.define(name.text, result)
    case .assignment(let name, let value):
      let result = try evaluate(value, in: environment)
      try checkCancellation(at: statement.range)
      guard environment.assign(name.text, result) else {
        throw fail(.assignmentBeforeLet(name.text), at: name.range)
      }
    case .expression(let expression):
      _ = try evaluate(expression, in: environment)
    case .print(let values):
      let texts = try values.map { try evaluate($0, in: environment).description }
      try checkCancellation(at: statement.range)
      output.write(texts.joined(separator: " ") + "\n")
    case .ifElse(let condition, let body, let otherwise):
      if try truth(condition, in: environment) {
        return try execute(body, in: Environment(parent: environment))
      } else if let otherwise {
        return try execute(otherwise, in: Environment(parent: environment))
      }
    case .forLoop(let variable, let sequence, let body):
      let value = try evaluate(sequence, in: environment)
      let elements = try iterate(value, at: sequence.range)
      for element in elements {
        try checkCancellation(at: statement.range)
        let scope = Environment(parent: environment)
        scope.define(variable.text, element)
        if case .returned(let result) = try execute(body, in: scope) { return .returned(result) }
      }
    case .whileLoop(let condition, let body):
      while try truth(condition, in: environment) {
        try checkCancellation(at: statement.range)
        let scope = Environment(parent: environment)
        if case .returned(let result) = try execute(body, in: scope) { return .returned(result) }
      }
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
      guard let builtin = BuiltinRegistry.builtin(named: invocation.name.text) else {
        throw fail(.unknownName(invocation.name.text, candidates: []), at: invocation.name.range)
      }
      _ = try call(
        builtin, with: invocation.arguments, in: environment, at: statement.range,
        asStatement: true)
    }
    return .normal
  }

  /// The elements of a list, range, data set (samples) or tensor (rows).
  func iterate(_ value: Value, at range: SourceRange) throws -> [Value] {
    if let elements = value.elements { return elements }
    switch value {
    case .dataset(let data):
      return try (0..<data.count).map { index in
        if index & 0xFFFF == 0xFFFF { try checkCancellation(at: range) }
        return try sample(of: data, at: index, range: range)
      }
    case .tensor(let tensor):
      return try (0..<tensor.rows).map { index in
        if index & 0xFFFF == 0xFFFF { try checkCancellation(at: range) }
        return .tensor(try core(at: range) { try tensor.row(index) })
      }
    case .string(let text):
      return text.map { .string(String($0)) }
    default:
      throw fail(.notIterable(value), at: range)
    }
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
