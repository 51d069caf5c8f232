import NNVCore

/// One call of a builtin: its bound argument values and where each was written.
///
/// Arguments have been type-checked against the declaration before the body runs, so the
/// accessors only unwrap; an absent optional argument gives nil.
struct BuiltinCall {
  let interpreter: Interpreter
  let builtin: Builtin
  let values: [String: Value]
  let ranges: [String: SourceRange]
  /// The whole call or statement.
  let range: SourceRange
  /// True in statement form (`evaluate net on data`), where reports are printed.
  let asStatement: Bool

  func has(_ name: String) -> Bool { values[name] != nil }

  func number(_ name: String) -> Double? {
    if case .number(let x) = values[name] { return x }
    return nil
  }

  func integer(_ name: String) -> Int? {
    number(name).flatMap { Int(exactly: $0) }
  }

  func string(_ name: String) -> String? {
    if case .string(let text) = values[name] { return text }
    return nil
  }

  func boolean(_ name: String) -> Bool? {
    if case .boolean(let flag) = values[name] { return flag }
    return nil
  }

  /// The data set argument `name`, its samples read in the shape the call's model takes when
  /// they have as many numbers (`Dataset.reading(as:)`): digits' 64 numbers as [1, 8, 8]; with
  /// the model's feature names when the data's are only x1, x2, ... (`Sequential.naming`).
  func dataset(_ name: String) -> Dataset? {
    guard case .dataset(let data) = values[name] else { return nil }
    guard case .model(let reference)? = values["model"] else { return data }
    let model = reference.model
    return model.naming(data.reading(as: model.inputShape) ?? data)
  }

  func model(_ name: String) -> ModelReference? {
    if case .model(let reference) = values[name] { return reference }
    return nil
  }

  /// A whole number at least `minimum`, or the default.
  func count(_ name: String, default value: Int, minimum: Int = 1) throws -> Int {
    guard has(name) else { return value }
    guard let n = integer(name), n >= minimum else {
      throw fail(.tooSmall(name, minimum: minimum), at: name)
    }
    return n
  }

  /// A seed: a whole number 0 or more; the session seed when absent.
  func seed(_ name: String = "seed") throws -> UInt64 {
    guard has(name) else { return interpreter.seed }
    guard let n = integer(name), n >= 0 else { throw fail(.tooSmall(name, minimum: 0), at: name) }
    return UInt64(n)
  }

  /// The seed of a data generator: `seed:` when given, else a fresh draw from the session seed.
  func dataSeed() throws -> UInt64 {
    has("seed") ? try seed() : interpreter.nextDataSeed()
  }

  /// The `model` argument as written (`net`), for messages.
  var modelText: String {
    guard let range = ranges["model"] else { return model("model")?.model.name ?? "model" }
    return interpreter.currentSource.text(in: range)
  }

  /// An error pointing at argument `name` (or the whole call).
  func fail(_ message: Diagnostic.Message, at name: String? = nil) -> RuntimeError {
    interpreter.fail(message, at: name.flatMap { ranges[$0] } ?? range)
  }

  /// The absolute path argument `name` points to (`PathResolver`).
  func path(_ name: String) -> String {
    interpreter.resolve(path: string(name) ?? "")
  }

  /// The absolute path of a file to read; fails naming that path when it cannot be read.
  func readablePath(_ name: String) throws -> String {
    let paths = PathResolver(directory: interpreter.directory)
    let written = string(name) ?? ""
    let path = paths.resolve(written)
    if let reason = paths.problem(reading: path) {
      throw fail(.cannotRead(path, reason: reason, hint: paths.hint(for: written)), at: name)
    }
    return path
  }
}

extension Diagnostic.Message {
  static func cannotRead(_ path: String, reason: String, hint: String) -> Self {
    Self("Cannot read \(path): \(reason).", hint: hint)
  }
  static func tooSmall(_ name: String, minimum: Int) -> Self {
    Self("`\(name)` must be a whole number of at least \(minimum).")
  }
}
