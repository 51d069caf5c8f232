/// Binary operators and their precedence: the one table the expression parser climbs.
///
/// From loosest to tightest: `or`, `and`, (prefix `not`), comparisons, ranges, `+ -`,
/// `* / %`, (prefix `-`), `^`. All are left-associative except `^`, which groups to the right
/// (`2 ^ 3 ^ 2` is `2 ^ 9`). Comparisons and ranges do not chain. If you change this table,
/// update the table in `Grammar/nnv.ebnf` too.
public enum BinaryOperator: String, Sendable, CaseIterable {
  case or, and
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">="
  case halfOpenRange = "..<", closedRange = "..."
  case add = "+", subtract = "-"
  case multiply = "*", divide = "/", remainder = "%"
  case power = "^"

  /// Binding strength; a larger number binds tighter.
  public var precedence: Int {
    switch self {
    case .or: 1
    case .and: 2
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 4
    case .halfOpenRange, .closedRange: 5
    case .add, .subtract: 6
    case .multiply, .divide, .remainder: 7
    case .power: 9
    }
  }

  /// The precedence of prefix `not`: it binds looser than comparisons (`not a == b` negates the
  /// comparison) and tighter than `and`.
  static let notPrecedence = 3
  /// The precedence of prefix `-`: looser than `^`, so `-2 ^ 2` is `-(2 ^ 2)`.
  static let negatePrecedence = 8

  /// Whether `a op b op c` is allowed without parentheses.
  var chains: Bool { precedence != 4 && precedence != 5 }

  /// The operator a token spells, if any.
  init?(_ kind: TokenKind) {
    switch kind {
    case .keyword(.or): self = .or
    case .keyword(.and): self = .and
    case .equalEqual: self = .equal
    case .bangEqual: self = .notEqual
    case .less: self = .less
    case .lessEqual: self = .lessEqual
    case .greater: self = .greater
    case .greaterEqual: self = .greaterEqual
    case .halfOpenRange: self = .halfOpenRange
    case .closedRange: self = .closedRange
    case .plus: self = .add
    case .minus: self = .subtract
    case .star: self = .multiply
    case .slash: self = .divide
    case .percent: self = .remainder
    case .caret: self = .power
    default: return nil
    }
  }
}
