/// One setting of a layer kind (`units` of `dense`, `rate` of `dropout`), declared in the core.
///
/// The language turns each into an argument of the kind's layer line, with the same name, type,
/// default, help text, bounds and limit, so help, the checker and the interpreter all read it
/// from here. A model file records the parameters marked `isSaved`.
public struct LayerParameter: Sendable {
  /// What a parameter takes.
  public enum ValueType: Sendable, Equatable {
    /// A whole number (`units`).
    case integer
    /// A number (`rate`); layers keep it in single precision, as their tensors.
    case number
    /// One of a fixed set of words (`relu`, `he_normal`).
    case choice([String])
    /// `true` or `false` (`sequences`).
    case boolean
  }

  public let name: String
  public let type: ValueType
  /// Whether it may be written without its label (`dense 8 relu`).
  public let isPositional: Bool
  /// The default as shown in help (`linear`); nil when the parameter is required.
  public let defaultText: String?
  /// One line saying what it is.
  public let help: String
  /// The numbers it accepts; nil for any.
  public let bounds: ParameterBounds?
  /// The resource limit a whole number may not exceed, if any.
  public let limit: ResourceLimit?
  /// Whether a model file records it. The activation is recorded for every layer on its own,
  /// and settings that only matter while the layer is made (`init`) are not recorded.
  public let isSaved: Bool

  public init(
    _ name: String, _ type: ValueType, positional: Bool = false, default defaultText: String?,
    _ help: String, bounds: ParameterBounds? = nil, limit: ResourceLimit? = nil,
    saved: Bool = false
  ) {
    self.name = name
    self.type = type
    self.isPositional = positional
    self.defaultText = defaultText
    self.help = help
    self.bounds = bounds
    self.limit = limit
    self.isSaved = saved
  }
}

/// The numbers a layer parameter accepts: `units` at least 1, a dropout rate in [0, 1).
public struct ParameterBounds: Sendable, Equatable {
  public var lower: Double
  /// Whether `lower` itself is allowed.
  public var lowerIncluded: Bool
  public var upper: Double?
  /// Whether `upper` itself is allowed.
  public var upperIncluded: Bool
  /// What to write instead, as a lowercase suggestion.
  public var hint: String?

  public init(
    lower: Double, lowerIncluded: Bool = true, upper: Double? = nil, upperIncluded: Bool = true,
    hint: String? = nil
  ) {
    self.lower = lower
    self.lowerIncluded = lowerIncluded
    self.upper = upper
    self.upperIncluded = upperIncluded
    self.hint = hint
  }

  /// `n` or more.
  public static func atLeast(_ n: Double, hint: String? = nil) -> ParameterBounds {
    ParameterBounds(lower: n, hint: hint)
  }
}
