/// The fully connected layer (`Dense`): `dense 8 relu`; after a recurrent layer with
/// `sequences true` (input `[steps, features]`) it applies at every step.
extension LayerKind {
  public static let dense = LayerKind(
    name: "dense",
    summary: "A fully connected layer: activation(x · weight + bias).",
    example: "model m {\n  input 4\n  dense 10 relu init: he_normal\n  dense 1 sigmoid\n}",
    parameters: [
      LayerParameter(
        "units", .integer, positional: true, default: nil, "the number of outputs",
        bounds: .atLeast(1), limit: ResourceLimits.modelParameters, saved: true),
      LayerParameter(
        LayerKind.activationParameter, .choice(Activation.allCases.map(\.name)),
        positional: true, default: "linear", "applied to the outputs"),
      LayerParameter(
        "init", .choice(Initializer.allCases.map(\.rawValue)), default: "glorot_uniform",
        "how the weights start (from the session seed)"),
    ],
    input: InputRequirement(
      ranks: [1, 2], description: "a flat input of features", hint: "add `flatten` before it"),
    presentation: LayerPresentation(
      diagram: .neurons, role: "the same weights at every step: z = x·W + b",
      axes: ["weight": ["input", "unit"], "bias": ["unit"]],
      weights: { layer in
        (layer as? Dense).map { LayerWeights(weight: $0.weight, bias: $0.bias) }
      }),
    shapes: { input, configuration in
      guard let inputs = input.last, let units = configuration.integer("units") else {
        return nil
      }
      _ = try Dense.checkedWeightCount(inputSize: inputs, outputSize: units)
      return Shapes(output: input.dropLast() + [units], parameters: [[inputs, units], [units]])
    },
    // The units of one step: a dense layer on sequences outputs [steps, units].
    fixedOutput: { configuration in
      configuration.integer("units").flatMap { $0 > 0 ? [$0] : nil }
    },
    make: { configuration, input, seed in
      let units = configuration.integer("units") ?? 1
      let activation =
        configuration.word(LayerKind.activationParameter).flatMap(Activation.init(named:))
        ?? .linear
      let initializer =
        configuration.word("init").flatMap(Initializer.init(rawValue:)) ?? .glorotUniform
      let inputs = input.last ?? 1
      return try Dense(
        inputSize: inputs, outputSize: units, activation: activation, initializer: initializer,
        seed: seed())
    },
    restore: { saved in
      guard saved.parameters.count == 2, saved.parameters[0].rank == 2 else { return nil }
      return Dense(
        weight: saved.parameters[0], bias: saved.parameters[1], activation: saved.activation,
        name: saved.name)
    },
    configuration: { layer in
      guard let dense = layer as? Dense else { return LayerConfiguration() }
      return LayerConfiguration([
        "units": .integer(dense.outputSize),
        LayerKind.activationParameter: .word(dense.activation.name),
      ])
    })
}
