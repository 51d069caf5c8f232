/// The static pass after parsing: what can be known to be wrong before anything runs.
///
/// It reports names used before they are defined (with suggestions from the names in scope,
/// the builtins and the keywords), `return` outside functions, assignments to undeclared names,
/// builtin arguments that are unknown, missing, repeated or of the wrong literal type, unknown
/// choice words (`optimizer adma`), and model blocks whose shapes do not fit (see
/// `Checker+Models.swift`). It never evaluates anything, so `nnv --check` is instant.
public struct Checker {
  let source: SourceFile
  var scopes: [Set<String>]
  /// Every name declared anywhere in the program: a function body may use a global that is
  /// defined after the function, as long as it exists by the time the function is called.
  var declaredAnywhere: Set<String> = []
  var functionDepth = 0
  /// Output shapes of models known statically, by name.
  var modelShapes: [String: [Int]]
  var diagnostics: [Diagnostic] = []

  /// Checks `program`.
  ///
  /// - Parameters:
  ///   - globals: names already defined in the session (REPL), which the program may use.
  ///   - models: output shapes of the session's models, for `model m from net`.
  public static func check(
    _ program: Program, in source: SourceFile, globals: Set<String> = [],
    models: [String: [Int]] = [:]
  ) -> [Diagnostic] {
    var checker = Checker(source: source, scopes: [globals], modelShapes: models)
    checker.declaredAnywhere = Checker.declarations(in: program.statements)
    checker.statements(program.statements)
    return checker.diagnostics
  }

  static func declarations(in statements: [Statement]) -> Set<String> {
    var names: Set<String> = []
    for statement in statements {
      switch statement.kind {
      case .letBinding(let name, _): names.insert(name.text)
      case .function(let declaration): names.insert(declaration.name.text)
      case .model(let declaration): names.insert(declaration.name.text)
      case .ifElse(_, let body, let otherwise):
        names.formUnion(declarations(in: body))
        names.formUnion(declarations(in: otherwise ?? []))
      case .forLoop(_, _, let body), .whileLoop(_, let body):
        names.formUnion(declarations(in: body))
      default: break
      }
    }
    return names
  }

  mutating func report(_ message: Diagnostic.Message, at range: SourceRange) {
    diagnostics.append(Diagnostic(message, at: range, in: source))
  }

  func isDefined(_ name: String) -> Bool {
    if scopes.contains(where: { $0.contains(name) }) { return true }
    if let builtin = BuiltinRegistry.builtin(named: name), builtin.kind != .layer { return true }
    return functionDepth > 0 && declaredAnywhere.contains(name)
  }

  /// Names for "did you mean": everything in scope, the callable builtins and the keywords.
  var candidateNames: Set<String> {
    var names = scopes.reduce(into: Set<String>()) { $0.formUnion($1) }
    names.formUnion(BuiltinRegistry.all.filter { $0.kind != .layer }.map(\.name))
    names.formUnion(Keyword.allCases.map(\.rawValue))
    return names
  }

  mutating func declare(_ name: Name) {
    if let builtin = BuiltinRegistry.builtin(named: name.text) {
      report(.shadowsBuiltin(name.text, kind: builtin.kind), at: name.range)
    }
    scopes[scopes.count - 1].insert(name.text)
    modelShapes[name.text] = nil
  }

  mutating func scoped(_ names: [Name] = [], _ body: (inout Checker) -> Void) {
    scopes.append([])
    for name in names { declare(name) }
    body(&self)
    scopes.removeLast()
  }

  mutating func statements(_ statements: [Statement]) {
    for statement in statements { self.statement(statement) }
  }

  mutating func statement(_ statement: Statement) {
    switch statement.kind {
    case .letBinding(let name, let value):
      expression(value)
      declare(name)
    case .assignment(let name, let value):
      expression(value)
      if BuiltinRegistry.builtin(named: name.text) != nil {
        report(.shadowsBuiltin(name.text, kind: .function), at: name.range)
      } else if !isDefined(name.text) {
        report(.assignmentBeforeLet(name.text), at: name.range)
      }
    case .expression(let value):
      expression(value)
    case .print(let values):
      for value in values { expression(value) }
    case .ifElse(let condition, let body, let otherwise):
      expression(condition)
      scoped { $0.statements(body) }
      if let otherwise { scoped { $0.statements(otherwise) } }
    case .forLoop(let variable, let sequence, let body):
      expression(sequence)
      scoped([variable]) { $0.statements(body) }
    case .whileLoop(let condition, let body):
      expression(condition)
      scoped { $0.statements(body) }
    case .function(let declaration):
      declare(declaration.name)
      functionDepth += 1
      scoped(declaration.parameters) { $0.statements(declaration.body) }
      functionDepth -= 1
    case .returnValue(let value):
      if let value { expression(value) }
      if functionDepth == 0 { report(.returnOutsideFunction, at: statement.range) }
    case .model(let declaration):
      model(declaration)
    case .command(let invocation):
      guard let builtin = BuiltinRegistry.builtin(named: invocation.name.text) else { return }
      arguments(invocation.arguments, of: builtin, at: invocation.name.range)
    }
  }

  mutating func expression(_ expression: Expression) {
    switch expression.kind {
    case .number, .string, .boolean, .none:
      break
    case .name(let name):
      if !isDefined(name) {
        report(.unknownName(name, candidates: candidateNames), at: expression.range)
      }
    case .list(let elements):
      for element in elements { self.expression(element) }
    case .unary(_, let operand):
      self.expression(operand)
    case .binary(_, let left, let right):
      self.expression(left)
      self.expression(right)
    case .call(let callee, let arguments):
      if case .name(let name) = callee.kind, !scopes.contains(where: { $0.contains(name) }),
        let builtin = BuiltinRegistry.builtin(named: name)
      {
        if builtin.kind == .layer {
          report(.layerAsFunction(name), at: callee.range)
        } else {
          self.arguments(arguments, of: builtin, at: expression.range)
        }
      } else {
        self.expression(callee)
        for argument in arguments { self.expression(argument.value) }
      }
    case .index(let base, let index):
      self.expression(base)
      self.expression(index)
    case .field(let base, _):
      self.expression(base)
    }
  }

  /// Binds and checks the arguments of a builtin, with literal types and choice words.
  mutating func arguments(_ arguments: [Argument], of builtin: Builtin, at range: SourceRange) {
    let (bound, problems) = ArgumentBinder.bind(arguments, to: builtin, at: range)
    for problem in problems { report(problem.message, at: problem.range) }
    let boundValues = Set(bound.values.map(\.value.range))
    for argument in arguments where !boundValues.contains(argument.value.range) {
      expression(argument.value)
    }
    for parameter in builtin.parameters {
      guard let argument = bound[parameter.name] else { continue }
      let value = argument.value
      if case .choice(let words) = parameter.type, let word = value.choiceWord(among: words) {
        if !words.contains(word), !isDefined(word) {
          report(.unknownChoice(word, parameter: parameter), at: value.range)
        }
        continue
      }
      expression(value)
      if let literal = Checker.literal(value),
        let problem = parameter.problem(
          with: literal, of: builtin, described: Checker.describe(literal))
      {
        report(problem, at: value.range)
      }
    }
  }

  /// The value of a literal expression, for static type checks.
  static func literal(_ expression: Expression) -> Value? {
    switch expression.kind {
    case .number(let x): .number(x)
    case .string(let text): .string(text)
    case .boolean(let flag): .boolean(flag)
    case .none: Value.none
    case .unary(.negate, let operand):
      if case .number(let x) = operand.kind { .number(-x) } else { nil }
    default: nil
    }
  }

  static func describe(_ literal: Value) -> String {
    if case .number(let x) = literal { return x == x.rounded() ? "\(literal)" : literal.debugText }
    if case .string = literal { return "the string \(literal.debugText)" }
    return literal.debugText
  }
}

extension Diagnostic.Message {
  static func unknownName(_ name: String, candidates: Set<String>) -> Self {
    var hint = Suggestion.hint(for: name, among: candidates.sorted())
    if hint == nil, BuiltinRegistry.builtin(named: name)?.kind == .layer {
      hint = "`\(name)` is a layer kind; use it as a line inside a model block"
    }
    if hint == nil, Activations.names.contains(name) {
      hint = "`\(name)` is an activation; use it in a layer line such as `dense 8 \(name)`"
    }
    return Self("Unknown name '\(name)'.", hint: hint ?? "define it first with `let \(name) = ...`")
  }
  static func shadowsBuiltin(_ name: String, kind: Builtin.Kind) -> Self {
    Self("'\(name)' is the name of a builtin \(kind.rawValue).", hint: "choose another name")
  }
  static func assignmentBeforeLet(_ name: String) -> Self {
    Self(
      "Cannot assign to '\(name)' before it is defined.",
      hint: "define it with `let \(name) = ...`")
  }
  static let returnOutsideFunction = Self(
    "`return` outside a function.", hint: "`return` ends a function defined with `fn`")
  static func layerAsFunction(_ name: String) -> Self {
    Self(
      "`\(name)` is a layer, not a function.",
      hint: "use it as a line inside a model block: `model m { input 2; \(name) ... }`")
  }
}
