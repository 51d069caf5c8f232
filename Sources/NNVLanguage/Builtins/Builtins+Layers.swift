import NNVCore

/// The layer lines of model blocks: `input`, then one per kind of the core's `LayerRegistry`
/// that is written by name (activations are written by their own names).
extension Builtins {
  static let layers: [Builtin] = [input] + LayerRegistry.namedKinds.map(layer(of:))

  static let input = Builtin(
    "input", .layer,
    summary: "The shape of one input sample; the first line of every model block.",
    parameters: [
      Parameter("shape", .shape, positional: true, default: nil, "a size, or sizes as a list")
    ],
    example: "model m {\n  input [8, 8]\n  flatten\n  dense 10 softmax\n}",
    body: .layer { call, _ in
      let value = call.values["shape"] ?? .none
      let sizes: [Double]
      switch value {
      case .number(let x): sizes = [x]
      case .list(let elements):
        sizes = elements.compactMap { if case .number(let x) = $0 { x } else { nil } }
        guard sizes.count == elements.count else { throw call.fail(.invalidShape, at: "shape") }
      default: throw call.fail(.invalidShape, at: "shape")
      }
      guard let shape = inputShape(sizes) else { throw call.fail(.invalidShape, at: "shape") }
      return .input(shape)
    })

  /// The shape `input` declares: 1 to 3 positive whole sizes, else nil. The checker applies
  /// the same rule to sizes written as numbers.
  static func inputShape(_ sizes: [Double]) -> [Int]? {
    let shape = sizes.compactMap { Int(exactly: $0) }
    guard shape.count == sizes.count, shape.allSatisfy({ $0 > 0 }), (1...3).contains(shape.count)
    else { return nil }
    return shape
  }

  /// The layer line of a kind in the core's `LayerRegistry`: its name, summary, example and
  /// parameters as the kind declares them; its body makes the layer from the arguments.
  static func layer(of kind: LayerKind) -> Builtin {
    Builtin(
      kind.name, .layer, summary: kind.summary, parameters: kind.parameters.map(Parameter.init),
      example: kind.example,
      body: .layer { call, shape in
        .layer(
          try kind.make(
            call.layerConfiguration(of: kind), input: shape ?? [1],
            seed: { call.interpreter.nextLayerSeed() }))
      })
  }
}

extension BuiltinCall {
  /// The arguments of a layer line as the core's configuration of `kind`.
  func layerConfiguration(of kind: LayerKind) -> LayerConfiguration {
    var configuration = LayerConfiguration()
    for parameter in kind.parameters {
      switch (parameter.type, values[parameter.name]) {
      case (.integer, .number(let x)?):
        if let n = Int(exactly: x) { configuration[parameter.name] = .integer(n) }
      case (.number, .number(let x)?): configuration[parameter.name] = .number(Float(x))
      case (.choice, .string(let word)?): configuration[parameter.name] = .word(word)
      case (.boolean, .boolean(let flag)?): configuration[parameter.name] = .boolean(flag)
      default: break
      }
    }
    return configuration
  }
}

extension Parameter {
  /// The argument a layer kind's parameter becomes in its layer line.
  init(_ parameter: LayerParameter) {
    let type: ParameterType =
      switch parameter.type {
      case .integer: .integer
      case .number: .number
      case .choice(let words): .choice(words)
      case .boolean: .boolean
      }
    self.init(
      parameter.name, type, positional: parameter.isPositional, default: parameter.defaultText,
      parameter.help, limit: parameter.limit, bounds: parameter.bounds.map(Bounds.init))
  }
}

extension Bounds {
  init(_ bounds: ParameterBounds) {
    self.init(
      lower: bounds.lower, lowerIncluded: bounds.lowerIncluded, upper: bounds.upper,
      upperIncluded: bounds.upperIncluded, hint: bounds.hint)
  }
}

/// The activation names of the core, as written in scripts.
enum Activations {
  static let names = Activation.allCases.map(\.name)
}

extension Diagnostic.Message {
  static let invalidShape = Self(
    "An input shape is 1 to 3 positive whole sizes.", hint: "write `input 2` or `input [8, 8]`")
}
