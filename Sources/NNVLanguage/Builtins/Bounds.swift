/// The numbers a parameter accepts: `epochs` at least 1, a dropout rate in [0, 1).
///
/// Declared with the parameter, so one rule serves both places that check it: the checker
/// reports a literal outside the bounds before anything runs (`nnv --check`), and the
/// interpreter reports a computed value outside them when the builtin is called, with the
/// same words.
public struct Bounds: Sendable, Equatable {
  public var lower: Double
  /// Whether `lower` itself is allowed.
  public var lowerIncluded: Bool
  public var upper: Double?
  /// Whether `upper` itself is allowed.
  public var upperIncluded: Bool
  /// What to write instead, as a lowercase suggestion.
  public var hint: String?

  init(
    lower: Double, lowerIncluded: Bool = true, upper: Double? = nil, upperIncluded: Bool = true,
    hint: String? = nil
  ) {
    self.lower = lower
    self.lowerIncluded = lowerIncluded
    self.upper = upper
    self.upperIncluded = upperIncluded
    self.hint = hint
  }

  /// `n` or more (`epochs`, `units`, a seed).
  static func atLeast(_ n: Double, hint: String? = nil) -> Bounds {
    Bounds(lower: n, hint: hint)
  }

  /// More than 0 (a learning rate).
  static func positive(hint: String? = nil) -> Bounds {
    Bounds(lower: 0, lowerIncluded: false, hint: hint)
  }

  /// Whether `x` is allowed (NaN and infinities never are).
  public func contains(_ x: Double) -> Bool {
    guard x.isFinite, lowerIncluded ? x >= lower : x > lower else { return false }
    guard let upper else { return true }
    return upperIncluded ? x <= upper : x < upper
  }

  /// The allowed numbers in words: `1 or more`, `at least 0 and less than 1`.
  public var words: String {
    let low = NumberFormatting.format(lower)
    switch (upper.map(NumberFormatting.format), lowerIncluded, upperIncluded) {
    case (nil, true, _): return "\(low) or more"
    case (nil, false, _): return "more than \(low)"
    case (let high?, true, true): return "from \(low) to \(high)"
    case (let high?, true, false): return "at least \(low) and less than \(high)"
    case (let high?, false, true): return "more than \(low) and at most \(high)"
    case (let high?, false, false): return "between \(low) and \(high)"
    }
  }

  /// The problem with `x` as the value of `parameter` of `builtin`, or nil when it is allowed.
  func problem(_ x: Double, parameter: Parameter, of builtin: Builtin) -> Diagnostic.Message? {
    guard !contains(x) else { return nil }
    let whole = parameter.type == .integer || parameter.type == .shape
    var range = words
    if whole {
      range =
        upper == nil && lowerIncluded
        ? "a whole number of at least \(NumberFormatting.format(lower))"
        : "a whole number " + range
    }
    return Diagnostic.Message(
      "`\(parameter.name)` of `\(builtin.name)` must be \(range), not "
        + "\(NumberFormatting.format(x)).", hint: hint)
  }
}

extension Parameter {
  /// The problem with `value` for this parameter's bounds, if it is a number outside them.
  func boundsProblem(with value: Value, of builtin: Builtin) -> Diagnostic.Message? {
    guard let bounds, case .number(let x) = value else { return nil }
    return bounds.problem(x, parameter: self, of: builtin)
  }
}
