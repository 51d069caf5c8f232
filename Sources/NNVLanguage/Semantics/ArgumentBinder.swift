/// Matches the arguments as written to a builtin's declared parameters.
///
/// Used by the checker (before running, on syntax) and by the interpreter (when a builtin is
/// called through a variable), so both report the same problems with the same words.
enum ArgumentBinder {
  struct Problem {
    var message: Diagnostic.Message
    var range: SourceRange
  }

  /// Each parameter name with the argument given for it, plus every problem found.
  static func bind(
    _ arguments: [Argument], to builtin: Builtin, at range: SourceRange
  ) -> (bound: [String: Argument], problems: [Problem]) {
    var bound: [String: Argument] = [:]
    var problems: [Problem] = []
    let positional = builtin.parameters.filter(\.isPositional)
    var nextPositional = 0
    for argument in arguments {
      if let label = argument.label {
        guard let parameter = builtin.parameter(named: label.text) else {
          problems.append(
            Problem(message: .unknownParameter(label.text, of: builtin), range: label.range))
          continue
        }
        if bound[parameter.name] != nil {
          problems.append(Problem(message: .duplicateArgument(parameter.name), range: label.range))
        }
        bound[parameter.name] = argument
      } else {
        while nextPositional < positional.count, bound[positional[nextPositional].name] != nil {
          nextPositional += 1
        }
        guard nextPositional < positional.count else {
          problems.append(
            Problem(
              message: .tooManyArguments(builtin, count: positional.count),
              range: argument.value.range))
          continue
        }
        bound[positional[nextPositional].name] = argument
        nextPositional += 1
      }
    }
    for parameter in builtin.parameters where parameter.isRequired && bound[parameter.name] == nil {
      problems.append(Problem(message: .missingArgument(parameter, of: builtin), range: range))
    }
    return (bound, problems)
  }
}

extension Diagnostic.Message {
  static func unknownParameter(_ label: String, of builtin: Builtin) -> Self {
    let names = builtin.parameters.map(\.name)
    return Self(
      "`\(builtin.name)` has no parameter '\(label)'.",
      hint: Suggestion.hint(for: label, among: names) ?? "usage: \(builtin.usage)")
  }
  static func duplicateArgument(_ name: String) -> Self {
    Self("'\(name)' is given twice.", hint: "keep one of them")
  }
  static func tooManyArguments(_ builtin: Builtin, count: Int) -> Self {
    let takes = count == 0 ? "no arguments" : count == 1 ? "1 argument" : "\(count) arguments"
    return Self(
      "`\(builtin.name)` takes \(takes) without a name.", hint: "usage: \(builtin.usage)")
  }
  static func missingArgument(_ parameter: Parameter, of builtin: Builtin) -> Self {
    let what =
      builtin.kind == .command && !parameter.isPositional
      ? "`\(parameter.name) \(parameter.placeholder)`" : "its `\(parameter.name)` argument"
    return Self("`\(builtin.name)` needs \(what).", hint: "usage: \(builtin.usage)")
  }
  static func wrongArgumentType(_ parameter: Parameter, of builtin: Builtin, got: String) -> Self {
    Self(
      "`\(parameter.name)` of `\(builtin.name)` must be \(parameter.type.description), not \(got).")
  }
  static func unknownChoice(_ word: String, parameter: Parameter) -> Self {
    guard case .choice(let words) = parameter.type else { return Self("Unknown name '\(word)'.") }
    return Self(
      "Unknown \(parameter.name) '\(word)'.",
      hint: Suggestion.hint(for: word, among: words)
        ?? "choose one of \(words.joined(separator: ", "))")
  }
}
