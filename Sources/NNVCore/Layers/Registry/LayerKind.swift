/// One kind of layer, declared once: how model blocks write it, its parameters, the shapes it
/// produces, how it is made, saved and restored, and how views show it.
///
/// `LayerRegistry` lists every kind and says how to add one. The layer itself (its forward
/// pass) stays a `Layer` type; the kind describes it to everything else.
public struct LayerKind: Sendable {
  /// How a model-block line names the kind.
  public enum Spelling: Sendable, Equatable {
    /// By the kind's name, then its arguments (`dense 8 relu`).
    case name
    /// As one of the words of the named choice parameter, alone on its line: `relu` is the
    /// activation kind with `activation` relu.
    case word(of: String)
  }

  /// The input ranks a kind accepts, and how messages describe them.
  public struct InputRequirement: Sendable, Equatable {
    /// The accepted numbers of sizes of one input sample (`[1]` for a flat input).
    public var ranks: [Int]
    /// What the kind needs, for messages: `a flat input of features`.
    public var description: String
    /// How to give it that input, as a lowercase suggestion: "add `flatten` before it".
    public var hint: String?

    public init(ranks: [Int], description: String, hint: String? = nil) {
      self.ranks = ranks
      self.description = description
      self.hint = hint
    }
  }

  /// What a layer makes of an input: the shape of one output sample and of each parameter.
  public struct Shapes: Sendable, Equatable {
    public var output: [Int]
    /// In `parameterNames` order.
    public var parameters: [[Int]]

    public init(output: [Int], parameters: [[Int]] = []) {
      self.output = output
      self.parameters = parameters
    }

    /// The number of trainable values (`Int.max` if it would overflow; the rules check
    /// parameter counts against the limits first).
    public var parameterCount: Int {
      parameters.reduce(0) { Shape.sum($0, Shape.checkedProduct($1) ?? Int.max) ?? Int.max }
    }
  }

  /// Given the input shape and a configuration, the shapes; nil when a size it needs is not
  /// known. Throws `LimitError` for sizes over the limits, `LayerError` for unusable ones.
  public typealias ShapeRule = @Sendable ([Int], LayerConfiguration) throws -> Shapes?
  /// Makes a fresh layer from a configuration and its input shape; the third argument draws a
  /// seed for initial weights (call it only when there are weights to draw).
  public typealias Maker =
    @Sendable (LayerConfiguration, [Int], () -> UInt64) throws -> any Layer
  /// Rebuilds a layer from a model file; nil when the record is incomplete.
  public typealias Restorer = @Sendable (SavedLayer) throws -> (any Layer)?
  /// The configuration a built layer holds (every parameter it keeps).
  public typealias Reader = @Sendable (any Layer) -> LayerConfiguration

  /// The name in scripts, saved models and summaries (`dense`).
  public let name: String
  /// One line saying what it does.
  public let summary: String
  /// A complete script using it (a model block with at least one layer of this kind).
  public let example: String
  public let spelling: Spelling
  public let parameters: [LayerParameter]
  /// The input ranks it accepts; nil for any.
  public let input: InputRequirement?
  public let presentation: LayerPresentation
  let rule: ShapeRule
  let fixedOutput: (@Sendable (LayerConfiguration) -> [Int]?)?
  let maker: Maker
  let restorer: Restorer
  let reader: Reader

  /// - Parameters:
  ///   - fixedOutput: the output shape when the configuration alone decides it (`dense 8` gives
  ///     `[8]` whatever comes in), so the loss check can judge a layer whose input is unknown.
  ///   - shapes: the shape rule. It reads only saved parameters, since model files are checked
  ///     with it too, and may assume the input's rank is one of `input`'s.
  public init(
    name: String, summary: String, example: String, spelling: Spelling = .name,
    parameters: [LayerParameter] = [], input: InputRequirement? = nil,
    presentation: LayerPresentation,
    shapes: @escaping ShapeRule,
    fixedOutput: (@Sendable (LayerConfiguration) -> [Int]?)? = nil,
    make: @escaping Maker, restore: @escaping Restorer, configuration: @escaping Reader
  ) {
    self.name = name
    self.summary = summary
    self.example = example
    self.spelling = spelling
    self.parameters = parameters
    self.input = input
    self.presentation = presentation
    self.rule = shapes
    self.fixedOutput = fixedOutput
    self.maker = make
    self.restorer = restore
    self.reader = configuration
  }

  public func parameter(named name: String) -> LayerParameter? {
    parameters.first { $0.name == name }
  }

  /// The parameters a model file records.
  public var savedParameters: [LayerParameter] { parameters.filter(\.isSaved) }

  /// Whether the kind takes inputs of this shape's rank.
  public func accepts(_ shape: [Int]) -> Bool {
    input.map { $0.ranks.contains(shape.count) } ?? true
  }

  /// The output and parameter shapes for one input sample of shape `input`; nil when the
  /// input's rank is not accepted or a size the rule needs is not known.
  ///
  /// - Throws: `LimitError` for sizes over the limits, `LayerError` for unusable ones.
  public func shapes(for input: [Int], configuration: LayerConfiguration) throws -> Shapes? {
    guard accepts(input) else { return nil }
    return try rule(input, configuration)
  }

  /// The output shape when the configuration alone decides it (`dense 8`: `[8]`).
  public func outputShape(_ configuration: LayerConfiguration) -> [Int]? {
    fixedOutput?(configuration)
  }

  /// A fresh layer for inputs of shape `input`.
  ///
  /// - Parameter seed: draws the seed of initial weights; called only by kinds with weights.
  public func make(
    _ configuration: LayerConfiguration, input: [Int], seed: () -> UInt64
  ) throws -> any Layer {
    try maker(configuration, input, seed)
  }

  /// The layer a model file describes; nil when its record is incomplete.
  public func restore(_ saved: SavedLayer) throws -> (any Layer)? { try restorer(saved) }

  /// The configuration `layer` (of this kind) holds.
  public func configuration(of layer: any Layer) -> LayerConfiguration { reader(layer) }

  /// What a model file records of `layer` besides its kind, name, activation and tensors.
  public func savedConfiguration(of layer: any Layer) -> LayerConfiguration {
    reader(layer).keeping(savedParameters.map(\.name))
  }

  /// The activation applied after a layer so configured: its `activation` parameter (or that
  /// parameter's default), linear for a kind without one; nil when it is not known.
  public func activation(in configuration: LayerConfiguration) -> Activation? {
    guard let parameter = parameter(named: LayerKind.activationParameter) else { return .linear }
    return configuration.word(parameter.name, default: parameter.defaultText)
      .flatMap(Activation.init(named:))
  }

  /// The parameter name by which a kind applies an activation after its output.
  public static let activationParameter = "activation"

  /// A layer so configured as written in a model block: `dense 8 tanh`, `dropout 0.5`,
  /// `relu`, `lstm 64 sequences true`. Positional values follow the name up to the last one
  /// given that differs from its default; then switches that differ from their defaults, as
  /// clauses, since they change what the layer outputs; `number` writes numbers.
  public func written(
    _ configuration: LayerConfiguration, number: (Float) -> String = { "\($0)" }
  ) -> String {
    if case .word(let parameter) = spelling { return configuration.word(parameter) ?? name }
    var words: [String] = []
    for parameter in parameters where parameter.isPositional {
      guard let value = configuration[parameter.name] else { break }
      switch value {
      case .integer(let n): words.append("\(n)")
      case .number(let x): words.append(number(x))
      case .word(let word): words.append(word)
      case .boolean(let flag): words.append("\(flag)")
      }
    }
    var kept = words.count
    let positional = parameters.filter(\.isPositional)
    while kept > 0, positional[kept - 1].defaultText == words[kept - 1] { kept -= 1 }
    var clauses: [String] = []
    for parameter in parameters where !parameter.isPositional && parameter.type == .boolean {
      if let flag = configuration.boolean(parameter.name), "\(flag)" != parameter.defaultText {
        clauses.append("\(parameter.name) \(flag)")
      }
    }
    return ([name] + words.prefix(kept) + clauses).joined(separator: " ")
  }
}
