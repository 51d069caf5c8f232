/// Dropout (`Dropout`): `dropout 0.2`.
extension LayerKind {
  public static let dropout = LayerKind(
    name: "dropout",
    summary: "Randomly zeroes a fraction of values while training (none at inference).",
    example: "model m {\n  input 2\n  dense 16 relu\n  dropout 0.2\n  dense 1 sigmoid\n}",
    parameters: [
      LayerParameter(
        "rate", .number, positional: true, default: nil, "the fraction dropped while training",
        bounds: ParameterBounds(
          lower: 0, upper: 1, upperIncluded: false,
          hint: "the rate is the fraction of values dropped while training, such as 0.2"),
        saved: true)
    ],
    presentation: LayerPresentation(
      diagram: .passThrough, lossLooksPast: true,
      role: "off outside training: the values pass unchanged"),
    shapes: { input, _ in Shapes(output: input) },
    make: { configuration, _, _ in try Dropout(rate: configuration.number("rate") ?? 0) },
    restore: { saved in
      try Dropout(rate: saved.configuration.number("rate") ?? 0, name: saved.name)
    },
    configuration: { layer in
      (layer as? Dropout).map { LayerConfiguration(["rate": .number($0.rate)]) }
        ?? LayerConfiguration()
    })
}
