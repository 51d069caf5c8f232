/// The static pass after parsing: what can be known to be wrong before anything runs.
///
/// It reports names used before they are defined (with suggestions from the names in scope,
/// the builtins and the keywords), `return` outside functions, assignments to undeclared names,
/// builtin arguments that are unknown, missing, repeated or of the wrong literal type, unknown
/// choice words (`optimizer adma`), literal numbers outside a parameter's `Bounds`, model blocks
/// whose shapes do not fit (see `Checker+Models.swift`), and models used with data, losses or
/// samples that cannot fit them when the script says enough to know (`Checker+Uses.swift`,
/// with what is known in `StaticFacts.swift`). It never evaluates anything, so `nnv --check`
/// is instant.
public struct Checker {
  let source: SourceFile
  var scopes: [Set<String>]
  /// Every name declared anywhere in the program: a function body may use a global that is
  /// defined after the function, as long as it exists by the time the function is called.
  var declaredAnywhere: Set<String> = []
  var functionDepth = 0
  /// What is known about the values of names (models, data sets), by name. A name loses its
  /// entry when it is declared again, assigned, or its scope ends.
  var facts: [String: StaticValue]
  /// Names assigned inside function bodies, whose values a call may change at any point.
  var assignedInFunctions: Set<String> = []
  var diagnostics: [Diagnostic] = []

  /// Checks `program`.
  ///
  /// - Parameters:
  ///   - globals: names already defined in the session (REPL), which the program may use.
  ///   - facts: what is known about the session's values (models, data sets), for
  ///     `model m from net` and for the models and data that statements use.
  public static func check(
    _ program: Program, in source: SourceFile, globals: Set<String> = [],
    facts: [String: StaticValue] = [:]
  ) -> [Diagnostic] {
    checked(program, in: source, globals: globals, facts: facts).diagnostics
  }

  /// What the checker knows after checking `program`: each model's shapes and output and each
  /// data set, by name, as inferred before anything runs (for tools, and for comparing the
  /// inference with the values a run makes). Parameters as for `check`.
  public static func facts(
    after program: Program, in source: SourceFile, globals: Set<String> = [],
    facts: [String: StaticValue] = [:]
  ) -> [String: StaticValue] {
    checked(program, in: source, globals: globals, facts: facts).facts
  }

  private static func checked(
    _ program: Program, in source: SourceFile, globals: Set<String>,
    facts: [String: StaticValue]
  ) -> Checker {
    var checker = Checker(source: source, scopes: [globals], facts: facts)
    checker.declaredAnywhere = Checker.declarations(in: program.statements)
    checker.assignedInFunctions = Checker.assignedInFunctions(program.statements)
    checker.statements(program.statements)
    return checker
  }

  static func declarations(in statements: [Statement]) -> Set<String> {
    var names: Set<String> = []
    for statement in statements {
      switch statement.kind {
      case .letBinding(let name, _): names.insert(name.text)
      case .function(let declaration): names.insert(declaration.name.text)
      case .model(let declaration): names.insert(declaration.name.text)
      case .unparsed(let declared): names.formUnion(declared.map(\.text))
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
    facts[name.text] = nil
  }

  mutating func scoped(_ names: [Name] = [], _ body: (inout Checker) -> Void) {
    scopes.append([])
    for name in names { declare(name) }
    body(&self)
    for name in scopes.removeLast() { facts[name] = nil }
  }

  /// Checks a loop body, which may run many times: what it assigns is not known inside it.
  mutating func loopBody(_ names: [Name], _ body: [Statement]) {
    for name in Checker.assignedNames(in: body) { facts[name] = nil }
    scoped(names) { $0.statements(body) }
  }

  mutating func statements(_ statements: [Statement]) {
    for statement in statements { self.statement(statement) }
  }

  mutating func statement(_ statement: Statement) {
    switch statement.kind {
    case .letBinding(let name, let value):
      expression(value)
      let known = staticValue(of: value)
      declare(name)
      facts[name.text] = known
    case .assignment(let name, let value):
      expression(value)
      facts[name.text] = nil
      if BuiltinRegistry.builtin(named: name.text) != nil {
        report(.shadowsBuiltin(name.text, kind: .function), at: name.range)
      } else if !isDefined(name.text) {
        report(.assignmentBeforeLet(name.text), at: name.range)
      }
    case .expression(let value):
      expression(value)
    case .print(let values, _):
      for value in values { expression(value) }
    case .ifElse(let condition, let body, let otherwise):
      expression(condition)
      scoped { $0.statements(body) }
      if let otherwise { scoped { $0.statements(otherwise) } }
    case .forLoop(let variable, let sequence, let body):
      expression(sequence)
      loopBody([variable], body)
    case .whileLoop(let condition, let body):
      for name in Checker.assignedNames(in: body) { facts[name] = nil }
      expression(condition)
      loopBody([], body)
    case .function(let declaration):
      declare(declaration.name)
      // A body runs when called, with whatever the names hold then: nothing is known.
      let outside = facts
      facts = [:]
      functionDepth += 1
      scoped(declaration.parameters) { $0.statements(declaration.body) }
      functionDepth -= 1
      facts = outside
      unusedValues(in: declaration.body, last: declaration.body.last?.range)
    case .returnValue(let value):
      if let value { expression(value) }
      if functionDepth == 0 { report(.returnOutsideFunction, at: statement.range) }
    case .model(let declaration):
      model(declaration)
    case .command(let invocation):
      guard let builtin = BuiltinRegistry.builtin(named: invocation.name.text) else { return }
      arguments(invocation.arguments, of: builtin, at: invocation.name.range)
    case .unparsed(let names):
      // Defined, with a value nothing is known about; reported by the parser already.
      for name in names { scopes[scopes.count - 1].insert(name.text) }
      for name in names { facts[name.text] = nil }
    }
  }

  /// Reports expression statements in a function body whose value goes nowhere (`x * 2`):
  /// a function returns a value only with `return`, so they do nothing. Calls are kept: they
  /// may act (`train(...)`, `print_all(x)`). `last` is the body's final statement.
  mutating func unusedValues(in body: [Statement], last: SourceRange?) {
    for statement in body {
      switch statement.kind {
      case .expression(let value):
        if case .call = value.kind { continue }
        let text = source.text(in: value.range)
        report(
          statement.range == last ? .valueNotReturned(text) : .unusedValue(text),
          at: value.range)
      case .ifElse(_, let body, let otherwise):
        unusedValues(in: body, last: statement.range == last ? body.last?.range : nil)
        unusedValues(
          in: otherwise ?? [], last: statement.range == last ? otherwise?.last?.range : nil)
      case .forLoop(_, _, let body), .whileLoop(_, let body):
        unusedValues(in: body, last: nil)
      default:
        break
      }
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
      // `help train`: the word itself, not a name to look up.
      if parameter.takesBareWord, case .name = value.kind { continue }
      if case .choice(let words) = parameter.type, let word = value.choiceWord(among: words) {
        if !words.contains(word), !isDefined(word) {
          report(.unknownChoice(word, parameter: parameter), at: value.range)
        }
        continue
      }
      expression(value)
      guard let literal = Checker.literal(value) else { continue }
      if let problem =
        parameter.problem(with: literal, of: builtin, described: Checker.describe(literal))
      {
        report(problem, at: value.range)
      }
    }
    uses(of: builtin, bound)
    explainUse(of: builtin, bound, at: range)
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
  static func valueNotReturned(_ text: String) -> Self {
    let short = text.count <= 40 && !text.contains("\n")
    return Self(
      "The value of \(short ? "`\(text)`" : "this expression") is not returned: a function "
        + "returns a value only with `return`.",
      hint: short ? "write `return \(text)`" : "write `return` before it")
  }
  static func unusedValue(_ text: String) -> Self {
    let short = text.count <= 40 && !text.contains("\n")
    return Self(
      "The value of \(short ? "`\(text)`" : "this expression") is not used.",
      hint: "return it with `return`, keep it with `let`, show it with `print`, or remove it")
  }
  static let returnOutsideFunction = Self(
    "`return` outside a function.", hint: "`return` ends a function defined with `fn`")
  static func layerAsFunction(_ name: String) -> Self {
    Self(
      "`\(name)` is a layer, not a function.",
      hint: "use it as a line inside a model block: `model m { input 2; \(name) ... }`")
  }
}
