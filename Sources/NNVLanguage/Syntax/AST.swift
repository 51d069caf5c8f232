/// The syntax tree of an nnv program: what the parser builds and the checker and interpreter
/// walk. Every node keeps the source range it was parsed from.

/// A whole script or REPL entry.
public struct Program: Sendable {
  public var statements: [Statement]
}

/// A name as written, with where it was written.
public struct Name: Sendable, Equatable {
  public var text: String
  public var range: SourceRange
}

/// A statement and its range.
public struct Statement: Sendable {
  public var kind: StatementKind
  public var range: SourceRange
}

/// The kinds of statements; see `Grammar/nnv.ebnf`.
public indirect enum StatementKind: Sendable {
  /// `let NAME = value`
  case letBinding(Name, Expression)
  /// `NAME = value`
  case assignment(Name, Expression)
  /// An expression evaluated for its effect (a call) or, in the REPL, its value.
  case expression(Expression)
  /// `print a, b`; `print full x` shows all of a large value (`full` is true).
  case print([Expression], full: Bool)
  /// `if condition { ... } else { ... }`; `else if` is an `if` alone in the else block.
  case ifElse(Expression, [Statement], [Statement]?)
  /// `for NAME in sequence { ... }`
  case forLoop(Name, Expression, [Statement])
  /// `while condition { ... }`
  case whileLoop(Expression, [Statement])
  /// `fn NAME(params) { ... }`
  case function(FunctionDeclaration)
  /// `return` or `return value`
  case returnValue(Expression?)
  /// `model NAME [from BASE] { layer lines }`
  case model(ModelDeclaration)
  /// A command in statement form: `train net on data epochs 5`.
  case command(CommandInvocation)
  /// A statement that did not parse, kept for the names it declares (`x` of `let x = (`), so
  /// that the checker goes on without reporting them as unknown. Never run: a program with
  /// syntax errors does not start.
  case unparsed([Name])
}

/// A user function: its name, parameters and body.
public struct FunctionDeclaration: Sendable {
  public var name: Name
  public var parameters: [Name]
  public var body: [Statement]
}

/// A model block.
public struct ModelDeclaration: Sendable {
  public var name: Name
  /// `from BASE`: the model to copy (architecture and weights) before adding layers.
  public var base: Name?
  public var layers: [LayerLine]
}

/// One line of a model block: `dense 8 relu init: he_normal`.
public struct LayerLine: Sendable {
  /// The layer kind (`dense`) or an activation name (`relu`).
  public var kind: Name
  public var arguments: [Argument]
  public var range: SourceRange
  /// True for a line that did not parse: its shape is unknown to the checker.
  public var isUnparsed = false
}

/// A command written as a statement: its name, optional subject and clauses.
///
/// `train net on data epochs 5` is the same call as `train(net, on: data, epochs: 5)`: the
/// subject is the first positional argument and each clause a labelled one.
public struct CommandInvocation: Sendable {
  public var name: Name
  public var arguments: [Argument]
}

/// An argument of a call, a command clause or a layer line; `label` is nil for positional ones.
public struct Argument: Sendable {
  public var label: Name?
  public var value: Expression
}

/// An expression and its range.
public struct Expression: Sendable {
  public var kind: ExpressionKind
  public var range: SourceRange
}

extension Expression {
  /// The bare word this is, as an argument of a parameter with the choices `words`: a name,
  /// or `none` where `none` is one of the choices (`color none`), though it is also a value.
  func choiceWord(among words: [String]) -> String? {
    switch kind {
    case .name(let word): word
    case .none where words.contains("none"): "none"
    // `color 256`: a choice spelled as a whole number.
    case .number(let x) where Int(exactly: x).map({ words.contains(String($0)) }) ?? false:
      Int(exactly: x).map(String.init)
    default: nil
    }
  }
}

/// The kinds of expressions.
public indirect enum ExpressionKind: Sendable {
  case number(Double)
  case string(String)
  case boolean(Bool)
  case none
  case name(String)
  case list([Expression])
  case unary(UnaryOperator, Expression)
  case binary(BinaryOperator, Expression, Expression)
  case call(Expression, [Argument])
  case index(Expression, Expression)
  case field(Expression, Name)
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not = "not"
}
