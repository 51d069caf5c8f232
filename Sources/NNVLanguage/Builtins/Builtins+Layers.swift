import NNVCore

/// The layer kinds of model blocks.
extension Builtins {
  static let layers: [Builtin] = [input, dense, dropout, flatten]

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

  static let dense = Builtin(
    "dense", .layer,
    summary: "A fully connected layer: activation(x · weight + bias).",
    parameters: [
      Parameter(
        "units", .integer, positional: true, default: nil, "the number of outputs",
        limit: ResourceLimits.modelParameters, bounds: .atLeast(1)),
      Parameter(
        "activation", .choice(Activations.names), positional: true, default: "linear",
        "applied to the outputs"),
      Parameter(
        "init", .choice(Initializer.allCases.map(\.rawValue)), default: "glorot_uniform",
        "how the weights start (from the session seed)"),
    ],
    example: "model m {\n  input 4\n  dense 10 relu init: he_normal\n  dense 1 sigmoid\n}",
    body: .layer { call, shape in
      let units = try call.count("units", default: 1)
      let activation = call.string("activation").flatMap(Activation.init(named:)) ?? .linear
      let initializer =
        call.string("init").flatMap(Initializer.init(rawValue:)) ?? .glorotUniform
      let inputs = try Shape.elementCount(shape ?? [1])
      return .layer(
        try Dense(
          inputSize: inputs, outputSize: units, activation: activation,
          initializer: initializer, seed: call.interpreter.nextLayerSeed()))
    })

  static let dropout = Builtin(
    "dropout", .layer,
    summary: "Randomly zeroes a fraction of values while training (none at inference).",
    parameters: [
      Parameter(
        "rate", .number, positional: true, default: nil, "the fraction dropped while training",
        bounds: Bounds(
          lower: 0, upper: 1, upperIncluded: false,
          hint: "the rate is the fraction of values dropped while training, such as 0.2"))
    ],
    example: "model m {\n  input 2\n  dense 16 relu\n  dropout 0.2\n  dense 1 sigmoid\n}",
    body: .layer { call, _ in
      .layer(try Dropout(rate: Float(call.number("rate") ?? 0)))
    })

  static let flatten = Builtin(
    "flatten", .layer,
    summary: "Turns each sample into a flat list of features, for a dense layer.",
    example: "model m {\n  input [8, 8]\n  flatten\n  dense 10 softmax\n}",
    body: .layer { _, _ in .layer(Flatten()) })
}

/// The activation names of the core, as written in scripts.
enum Activations {
  static let names = Activation.allCases.map(\.name)
}

extension Diagnostic.Message {
  static let invalidShape = Self(
    "An input shape is 1 to 3 positive whole sizes.", hint: "write `input 2` or `input [8, 8]`")
}
