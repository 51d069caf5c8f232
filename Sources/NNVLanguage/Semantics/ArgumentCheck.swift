import NNVCore

/// Whether an argument's value fits its parameter: its type and, for whole numbers, NaN,
/// infinity, fractions, size and the parameter's resource limit.
///
/// The checker asks about literals before running and the interpreter about values as they
/// are passed, so both report the same problem with the same words, naming the limit when one
/// is exceeded.
extension Parameter {
  /// The problem with `value` (its type, then its declared bounds), or nil when it fits.
  ///
  /// - Parameter described: how to name a value of the wrong type (its kind by default).
  func problem(
    with value: Value, of builtin: Builtin, described: String? = nil
  ) -> Diagnostic.Message? {
    typeProblem(with: value, of: builtin, described: described)
      ?? boundsProblem(with: value, of: builtin)
  }

  /// The problem with `value`'s type and, for whole numbers, its size and resource limit.
  private func typeProblem(
    with value: Value, of builtin: Builtin, described: String?
  ) -> Diagnostic.Message? {
    if let fileTypes, case .string(let path) = value {
      return Parameter.fileTypeProblem(path, fileTypes, parameter: self, of: builtin)
    }
    guard case .integer = type, case .number(let x) = value else {
      if type.accepts(value) { return nil }
      return .wrongArgumentType(self, of: builtin, got: described ?? value.kindName)
    }
    if x.isNaN { return .notWhole(self, of: builtin, "NaN", hint: .nanHint) }
    if x.isInfinite {
      return .notWhole(self, of: builtin, x < 0 ? "-infinity" : "infinity", hint: .infinityHint)
    }
    if x != x.rounded() { return .notWhole(self, of: builtin, NumberFormatting.format(x)) }
    if let limit, x > Double(limit.maximum) { return .overLimit(self, of: builtin, x, limit) }
    if abs(x) > ParameterType.largestWholeNumber { return .wholeTooLarge(self, of: builtin, x) }
    return nil
  }
}

extension Parameter {
  /// The problem with a file name whose extension is not one of `fileTypes`, or nil.
  static func fileTypeProblem(
    _ path: String, _ fileTypes: [String], parameter: Parameter, of builtin: Builtin
  ) -> Diagnostic.Message? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let dot = name.lastIndex(of: ".")
    let type = dot.map { String(name[name.index(after: $0)...]).lowercased() }
      .flatMap { $0.isEmpty ? nil : $0 }
    if let type, fileTypes.contains(type) { return nil }
    return .unsupportedFileType(name, type, fileTypes, parameter: parameter, of: builtin)
  }
}

extension String {
  static let nanHint = "NaN (not a number) comes from undefined arithmetic such as inf - inf"
  static let infinityHint = "a number beyond ±1.8e308 is infinite"
}

extension Diagnostic.Message {
  static func notWhole(
    _ parameter: Parameter, of builtin: Builtin, _ got: String, hint: String? = nil
  ) -> Self {
    Self("`\(parameter.name)` of `\(builtin.name)` must be a whole number, not \(got).", hint: hint)
  }
  static func overLimit(
    _ parameter: Parameter, of builtin: Builtin, _ value: Double, _ limit: ResourceLimit
  ) -> Self {
    Self(
      "`\(parameter.name)` of `\(builtin.name)` must be at most "
        + "\(ResourceLimit.grouped(limit.maximum)) (the limit on \(limit.unit) \(limit.scope)), "
        + "not \(ResourceLimit.amount(value)).")
  }
  static func wholeTooLarge(_ parameter: Parameter, of builtin: Builtin, _ value: Double) -> Self {
    Self(
      "`\(parameter.name)` of `\(builtin.name)` must be a whole number of at most "
        + "\(ResourceLimit.amount(ParameterType.largestWholeNumber)) in size (the largest an "
        + "argument takes), not \(ResourceLimit.amount(value)).")
  }
  static func unsupportedFileType(
    _ name: String, _ type: String?, _ fileTypes: [String], parameter: Parameter,
    of builtin: Builtin
  ) -> Self {
    let supported = fileTypes.map { "." + $0 }
    let list =
      supported.count > 1
      ? supported.dropLast().joined(separator: ", ") + " or " + (supported.last ?? "")
      : supported.joined()
    let start = "`\(parameter.name)` of `\(builtin.name)`"
    let text =
      type.map { "\(start) cannot write .\($0) files ('\(name)'); it writes \(list) files." }
      ?? "\(start) needs a file name ending in \(list), not '\(name)'."
    let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    let example = "\(parameter.name) \"\(stem.isEmpty ? "view" : stem)"
    return Self(
      text,
      hint: fileTypes == ["svg", "txt"]
        ? "write `\(example).svg\"` for a drawing, or `\(example).txt\"` for the text view"
        : "give the file one of these endings: \(list)")
  }
  /// A resource limit exceeded while building or running something, as a sentence.
  static func limitExceeded(_ error: LimitError) -> Self {
    Self(
      "\(error)".capitalizedFirst + ".",
      hint: "nnv limits sizes so that a typo cannot exhaust the memory; use smaller sizes")
  }
}
