import NNVCore

/// Calling user functions and builtins.
extension Interpreter {
  func call(
    _ callee: Expression, _ arguments: [Argument], in environment: Environment,
    at range: SourceRange
  ) throws -> Value {
    let function = try evaluate(callee, in: environment)
    switch function {
    case .builtin(let builtin):
      return try call(builtin, with: arguments, in: environment, at: range, asStatement: false)
    case .function(let user):
      if let label = arguments.first(where: { $0.label != nil })?.label {
        throw fail(.labelForUserFunction(label.text), at: label.range)
      }
      let values = try arguments.map { try evaluate($0.value, in: environment) }
      return try call(user, values, at: range)
    default:
      throw fail(.notCallable(function), at: callee.range)
    }
  }

  func call(_ function: UserFunction, _ values: [Value], at range: SourceRange) throws -> Value {
    let declaration = function.declaration
    guard values.count == declaration.parameters.count else {
      throw fail(.argumentCount(declaration, got: values.count), at: range)
    }
    guard callDepth < Interpreter.maximumCallDepth else {
      throw fail(.recursionTooDeep, at: range)
    }
    let scope = Environment(parent: function.closure)
    for (parameter, value) in zip(declaration.parameters, values) {
      scope.define(parameter.text, value)
    }
    let callerSource = currentSource
    callDepth += 1
    currentSource = function.source
    defer {
      callDepth -= 1
      currentSource = callerSource
    }
    if case .returned(let value) = try execute(declaration.body, in: scope) { return value }
    return .none
  }

  /// Calls a builtin with arguments as written: binds them, evaluates them (bare choice words
  /// become strings), checks their types and runs the body.
  func call(
    _ builtin: Builtin, with arguments: [Argument], in environment: Environment,
    at range: SourceRange, asStatement: Bool
  ) throws -> Value {
    let (bound, problems) = ArgumentBinder.bind(arguments, to: builtin, at: range)
    if let problem = problems.first { throw fail(problem.message, at: problem.range) }
    var values: [String: Value] = [:]
    var ranges: [String: SourceRange] = [:]
    for parameter in builtin.parameters {
      guard let argument = bound[parameter.name] else { continue }
      let expression = argument.value
      var value: Value
      if case .choice(let words) = parameter.type, let word = expression.choiceWord(among: words),
        words.contains(word)
      {
        value = .string(word)
      } else if parameter.takesBareWord, case .name(let word) = expression.kind {
        value = .string(word)
      } else {
        value = try evaluate(expression, in: environment)
      }
      if case .choice(let words) = parameter.type, case .string(let word) = value,
        !words.contains(word)
      {
        throw fail(.unknownChoice(word, parameter: parameter), at: expression.range)
      }
      if case .none = value, !parameter.isRequired { continue }
      if let problem = parameter.problem(with: value, of: builtin) {
        throw fail(problem, at: expression.range)
      }
      values[parameter.name] = value
      ranges[parameter.name] = expression.range
    }
    let invocation = BuiltinCall(
      interpreter: self, builtin: builtin, values: values, ranges: ranges, range: range,
      asStatement: asStatement)
    guard case .function(let body) = builtin.body else {
      throw fail(.layerAsFunction(builtin.name), at: range)
    }
    return try core(at: range) { try body(invocation) }
  }
}

extension Diagnostic.Message {
  static func labelForUserFunction(_ label: String) -> Self {
    Self(
      "Functions defined with `fn` take arguments without names.",
      hint: "remove '\(label):'")
  }
  static func notCallable(_ value: Value) -> Self {
    Self("Cannot call \(value.kindName).")
  }
  static func argumentCount(_ declaration: FunctionDeclaration, got: Int) -> Self {
    let expected = declaration.parameters.count
    return Self(
      "`\(declaration.name.text)` takes \(expected) argument\(expected == 1 ? "" : "s"), "
        + "but got \(got).")
  }
  static let recursionTooDeep = Self(
    "Functions call each other too deeply (more than \(Interpreter.maximumCallDepth) levels).",
    hint: "check that the recursion has a case that stops it")
}
