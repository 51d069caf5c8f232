/// Recurrent layers (`Recurrent`): `rnn 32 tanh`, `lstm 64 sequences true`, `gru 16 bias false`.
extension RecurrentCell {
  /// The kind's name in scripts and model files.
  public var name: String {
    switch self {
    case .rnn: "rnn"
    case .lstm: "lstm"
    case .gru: "gru"
    }
  }
}

extension LayerKind {
  public static let rnn = recurrent(
    RecurrentCell.rnn(.tanh).name,
    "An Elman recurrent layer over sequences [steps, features]: h = φ(x·W + h·U + b) "
      + "at every step, from a zero state.",
    nonlinearity: true)

  public static let lstm = recurrent(
    RecurrentCell.lstm.name,
    "A long short-term memory layer over sequences [steps, features]: input, forget "
      + "and output gates decide what its cell state keeps (gates i, f, g, o as in PyTorch).",
    nonlinearity: false)

  public static let gru = recurrent(
    RecurrentCell.gru.name,
    "A gated recurrent unit layer over sequences [steps, features]: reset and update "
      + "gates mix the new state with the old (gates r, z, n as in PyTorch).",
    nonlinearity: false)

  /// What recurrent layers take: one sequence per sample.
  static let sequenceInput = InputRequirement(
    ranks: [2], description: "sequences [steps, features]",
    hint: "declare `input [T, F]` (T steps of F features each, such as `input [20, 8]`), or "
      + "give the recurrent layer before it `sequences true`")

  /// How views show a recurrent layer: a block; its weight matrix is the input weights
  /// `[features, G·H]`, with the (first) bias; its activations act inside.
  static let recurrentPresentation = LayerPresentation(
    activationShown: .inside, diagram: .block,
    role: "reads the sequence step by step, carrying a state (`hidden` shows every step)",
    axes: [
      "input_weight": ["feature", "column"], "recurrent_weight": ["unit", "column"],
      "bias": ["column"], "input_bias": ["column"], "recurrent_bias": ["column"],
    ],
    weights: { layer in
      (layer as? Recurrent).map {
        LayerWeights(
          weight: $0.inputWeight,
          bias: $0.biases.first ?? Tensor.zeros([$0.inputWeight.shape[1]]))
      }
    },
    innerActivations: { layer in
      guard let cell = (layer as? Recurrent)?.cell else { return "" }
      if case .rnn(let nonlinearity) = cell { return nonlinearity.rawValue }
      return "sigmoid, tanh"
    })

  /// The parameters of a recurrent kind; `nonlinearity` only for rnn.
  static func recurrentParameters(nonlinearity: Bool) -> [LayerParameter] {
    var parameters = [
      LayerParameter(
        "units", .integer, positional: true, default: nil, "the number of hidden units",
        bounds: .atLeast(1), limit: ResourceLimits.modelParameters, saved: true)
    ]
    if nonlinearity {
      parameters.append(
        LayerParameter(
          "nonlinearity", .choice(RecurrentNonlinearity.allCases.map(\.rawValue)),
          positional: true, default: "tanh", "applied to the state at every step", saved: true))
    }
    return parameters + [
      LayerParameter(
        "sequences", .boolean, default: "false",
        "true: output every step's hidden state [steps, units]; false: only the last [units]",
        saved: true),
      LayerParameter(
        "bias", .boolean, default: "true", "whether the layer adds biases (they start at 0)",
        saved: true),
    ]
  }

  /// The cell a configuration describes.
  static func cell(_ name: String, _ configuration: LayerConfiguration) -> RecurrentCell {
    if name == RecurrentCell.lstm.name { return .lstm }
    if name == RecurrentCell.gru.name { return .gru }
    return .rnn(configuration.word("nonlinearity").flatMap(RecurrentNonlinearity.init) ?? .tanh)
  }

  /// A recurrent kind: `name UNITS [nonlinearity] [sequences B] [bias B]`.
  static func recurrent(_ name: String, _ summary: String, nonlinearity: Bool) -> LayerKind {
    LayerKind(
      name: name, summary: summary,
      example: "model m {\n  input [12, 4]\n  \(name) 16 sequences true\n  dense 4 softmax\n}",
      parameters: recurrentParameters(nonlinearity: nonlinearity),
      input: sequenceInput,
      presentation: recurrentPresentation,
      shapes: { input, configuration in
        guard let units = configuration.integer("units") else { return nil }
        let cell = cell(name, configuration)
        let bias = configuration.boolean("bias") ?? true
        _ = try Recurrent.checkedParameterCount(cell, features: input[1], units: units, bias: bias)
        let sequences = configuration.boolean("sequences") ?? false
        return Shapes(
          output: sequences ? [input[0], units] : [units],
          parameters: cell.parameterShapes(features: input[1], units: units, bias: bias))
      },
      fixedOutput: { configuration in
        guard configuration.boolean("sequences") != true,
          !configuration.unknown.contains("sequences"),
          let units = configuration.integer("units"), units > 0
        else { return nil }
        return [units]
      },
      make: { configuration, input, seed in
        try Recurrent(
          cell(name, configuration), inputSize: input.last ?? 1,
          units: configuration.integer("units") ?? 1,
          returnsSequences: configuration.boolean("sequences") ?? false,
          bias: configuration.boolean("bias") ?? true, seed: seed())
      },
      restore: { saved in
        guard saved.parameters.count >= 2 else { return nil }
        return try Recurrent(
          cell(name, saved.configuration), inputWeight: saved.parameters[0],
          recurrentWeight: saved.parameters[1], biases: Array(saved.parameters.dropFirst(2)),
          returnsSequences: saved.configuration.boolean("sequences") ?? false, name: saved.name)
      },
      configuration: { layer in
        guard let recurrent = layer as? Recurrent else { return LayerConfiguration() }
        var configuration = LayerConfiguration([
          "units": .integer(recurrent.units),
          "sequences": .boolean(recurrent.returnsSequences),
          "bias": .boolean(recurrent.hasBias),
        ])
        if case .rnn(let nonlinearity) = recurrent.cell {
          configuration["nonlinearity"] = .word(nonlinearity.rawValue)
        }
        return configuration
      })
  }
}
