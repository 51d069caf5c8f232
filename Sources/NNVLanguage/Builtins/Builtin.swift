import NNVCore

/// One builtin command, function or layer kind, declared once.
///
/// The declaration is the single source for everything about a builtin: the parser reads its
/// clause words, the checker and interpreter bind arguments against its parameters, `:help`
/// and the README table are generated from its summary and parameter docs, completion lists
/// its names, and a test runs its example.
public struct Builtin: Sendable {
  /// How a builtin is used.
  public enum Kind: String, Sendable, CaseIterable {
    /// A statement command with clauses (`train net on data epochs 5`); also callable as a
    /// function (`train(net, on: data, epochs: 5)`), which returns its result silently.
    case command
    /// A function called with parentheses (`xor(n: 200)`).
    case function
    /// A layer line in a model block (`dense 8 relu`).
    case layer
  }

  /// What a builtin's implementation does when called.
  enum Body: Sendable {
    case function(@Sendable (BuiltinCall) throws -> Value)
    /// Given the shape flowing into the layer (nil for `input`), the layer to append.
    case layer(@Sendable (BuiltinCall, [Int]?) throws -> LayerResult)
  }

  /// What a layer line produces.
  enum LayerResult {
    case input([Int])
    case layer(any Layer)
  }

  public let name: String
  public let kind: Kind
  public let parameters: [Parameter]
  /// One line saying what it does.
  public let summary: String
  /// A complete script using it, run by `BuiltinExamplesTests`.
  public let example: String
  /// Whether a command is run for what it does, not for a value (`note`, `pause`): completion
  /// offers it where a statement starts, not inside an expression.
  public let isForEffect: Bool
  let body: Body

  init(
    _ name: String, _ kind: Kind, summary: String, parameters: [Parameter] = [],
    example: String, forEffect: Bool = false, body: Body
  ) {
    self.name = name
    self.kind = kind
    self.summary = summary
    self.parameters = parameters
    self.example = example
    self.isForEffect = forEffect
    self.body = body
  }

  /// The parameter a command takes right after its name (`net` in `train net`), if any.
  public var subject: Parameter? { parameters.first { $0.isPositional } }

  /// The clause words of a command in statement form: its parameters that are given by name.
  public var clauseWords: [String] {
    kind == .command ? parameters.filter { !$0.isPositional }.map(\.name) : []
  }

  public func parameter(named name: String) -> Parameter? {
    parameters.first { $0.name == name }
  }

  /// How it is written: `train MODEL on DATA [epochs N] ...`, `xor(n: 200, ...)`,
  /// `dense UNITS [ACTIVATION] [init: ...]`.
  public var usage: String {
    switch kind {
    case .command:
      let words = parameters.map { parameter -> String in
        let text = parameter.isPositional ? parameter.placeholder : parameter.clause
        return parameter.isRequired ? text : "[\(text)]"
      }
      return ([name] + words).joined(separator: " ")
    case .function:
      let arguments = parameters.map { parameter -> String in
        let text =
          parameter.isPositional
          ? parameter.placeholder : "\(parameter.name): \(parameter.placeholder)"
        return parameter.isRequired ? text : "[\(text)]"
      }
      return "\(name)(" + arguments.joined(separator: ", ") + ")"
    case .layer:
      // Named parameters of a layer are written as clauses (`size 3`); `size: 3` works too.
      let words = parameters.map { parameter -> String in
        let text =
          parameter.isPositional
          ? parameter.placeholder : "\(parameter.name) \(parameter.placeholder)"
        return parameter.isRequired ? text : "[\(text)]"
      }
      return ([name] + words).joined(separator: " ")
    }
  }
}

/// A parameter of a builtin.
public struct Parameter: Sendable {
  public let name: String
  public let type: ParameterType
  /// Whether it may be given without a label (a command's subject, a function's leading
  /// arguments). Positional parameters may also be given with their label in calls.
  public let isPositional: Bool
  /// The default as shown in help (`10`, `adam`, `the session seed`); nil when required.
  public let defaultText: String?
  /// One line saying what it is.
  public let summary: String
  /// The resource limit a whole-number argument may not exceed (`epochs`, `n`, `bins`), if any.
  public let limit: ResourceLimit?
  /// The numbers it accepts, checked statically on literals and when called; nil for any.
  public let bounds: Bounds?
  /// The file name extensions a path argument may end with (`svg`, `txt`), lowercase; nil for
  /// any name.
  public let fileTypes: [String]?
  /// Whether a bare word given for it is that word as a string, never a variable's value
  /// (`help train`): a string parameter that names a topic.
  public let takesBareWord: Bool

  init(
    _ name: String, _ type: ParameterType, positional: Bool = false, default defaultText: String?,
    _ summary: String, limit: ResourceLimit? = nil, bounds: Bounds? = nil,
    fileTypes: [String]? = nil, bareWord: Bool = false, flag: Bool = false
  ) {
    self.isFlag = flag
    self.name = name
    self.type = type
    self.isPositional = positional
    self.defaultText = defaultText
    self.summary = summary
    self.limit = limit
    self.bounds = bounds
    self.fileTypes = fileTypes
    self.takesBareWord = bareWord
  }

  public var isRequired: Bool { defaultText == nil }

  /// Whether it is a flag, a boolean whose clause word alone means true in a statement
  /// (`train net on data live`); in a call it takes true or false (`live: true`).
  public let isFlag: Bool

  /// How it is written as a clause: `epochs N`, or a flag's word alone (`live`).
  public var clause: String { isFlag ? name : "\(name) \(placeholder)" }

  /// How the value is shown in usage lines: `N`, `DATA`, `sgd|adam`; `NAME` for a bare word.
  public var placeholder: String { takesBareWord ? "NAME" : type.placeholder }
}

/// What a parameter accepts.
public enum ParameterType: Sendable, Equatable {
  case number
  case integer
  case string
  case boolean
  case dataset
  case model
  case list
  /// A number or a list of numbers (a shape, or one sample).
  case shape
  case any
  /// One of a fixed set of words, written bare (`adam`) or as a string (`"adam"`).
  case choice([String])

  public var placeholder: String {
    switch self {
    case .number: "X"
    case .integer: "N"
    case .string: "TEXT"
    case .boolean: "true|false"
    case .dataset: "DATA"
    case .model: "MODEL"
    case .list: "LIST"
    case .shape: "SHAPE"
    case .any: "VALUE"
    case .choice(let words): words.joined(separator: "|")
    }
  }

  /// What it accepts, as named in messages.
  public var description: String {
    switch self {
    case .number: "a number"
    case .integer: "a whole number"
    case .string: "a string"
    case .boolean: "true or false"
    case .dataset: "a data set"
    case .model: "a model"
    case .list: "a list"
    case .shape: "a size or a list of sizes"
    case .any: "a value"
    case .choice(let words): "one of " + words.joined(separator: ", ")
    }
  }

  /// The largest magnitude of a whole-number argument: below 10^15, where every whole number
  /// is exact and prints without an exponent.
  public static let largestWholeNumber: Double = 999_999_999_999_999

  /// Whether `value` fits (after a bare choice word has become a string).
  func accepts(_ value: Value) -> Bool {
    switch (self, value) {
    case (.any, _): true
    case (.number, .number): true
    case (.integer, .number(let x)): x == x.rounded() && abs(x) <= Self.largestWholeNumber
    case (.string, .string), (.boolean, .boolean), (.dataset, .dataset), (.model, .model): true
    case (.list, .list), (.list, .range): true
    case (.shape, .number), (.shape, .list), (.shape, .tensor): true
    case (.choice(let words), .string(let word)): words.contains(word)
    default: false
    }
  }
}
