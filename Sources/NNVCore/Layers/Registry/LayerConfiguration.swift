/// One value of a layer's configuration.
public enum LayerValue: Sendable, Equatable, Hashable {
  case integer(Int)
  /// A number in single precision, as layers keep it (a dropout rate).
  case number(Float)
  case word(String)
  /// A switch (`sequences true`).
  case boolean(Bool)
}

/// The values of a layer's parameters, by name: what a layer line gives (`dense 8 relu` gives
/// `units` 8 and `activation` relu), what a model file records, or what a built layer holds.
///
/// A parameter that is absent takes its default. The checker, which reads scripts before they
/// run, marks parameters whose values it cannot know as `unknown`; a kind then treats what
/// depends on them as not known (its shape rule returns nil).
public struct LayerConfiguration: Sendable, Equatable {
  public var values: [String: LayerValue]
  /// Parameters given values that are not known yet (`dense n` with a variable `n`).
  public var unknown: Set<String>

  public init(_ values: [String: LayerValue] = [:], unknown: Set<String> = []) {
    self.values = values
    self.unknown = unknown
  }

  public subscript(name: String) -> LayerValue? {
    get { values[name] }
    set { values[name] = newValue }
  }

  /// The whole number given for `name`, if known.
  public func integer(_ name: String) -> Int? {
    switch values[name] {
    case .integer(let n): n
    case .number(let x): Int(exactly: x)
    default: nil
    }
  }

  /// The number given for `name`, if known.
  public func number(_ name: String) -> Float? {
    switch values[name] {
    case .number(let x): x
    case .integer(let n): Float(n)
    default: nil
    }
  }

  /// The word given for `name`, if known.
  public func word(_ name: String) -> String? {
    if case .word(let word) = values[name] { return word }
    return nil
  }

  /// The switch given for `name`, if known.
  public func boolean(_ name: String) -> Bool? {
    if case .boolean(let flag) = values[name] { return flag }
    return nil
  }

  /// The word given for `name`, `fallback` when none is given, nil when it is not known.
  public func word(_ name: String, default fallback: String?) -> String? {
    if unknown.contains(name) { return nil }
    return word(name) ?? (values[name] == nil ? fallback : nil)
  }

  /// Only the values of `names`.
  func keeping(_ names: [String]) -> LayerConfiguration {
    LayerConfiguration(values.filter { names.contains($0.key) })
  }
}
