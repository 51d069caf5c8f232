/// An activation on a line of its own (`ActivationLayer`): `relu`. Model files and summaries
/// call the kind `activation`; a model block writes the activation's name.
extension LayerKind {
  public static let activation = LayerKind(
    name: "activation",
    summary: "Applies an activation to the outputs of the layer before, on a line of its own.",
    example: "model m {\n  input 2\n  dense 8\n  relu\n  dense 1 sigmoid\n}",
    spelling: .word(of: LayerKind.activationParameter),
    parameters: [
      LayerParameter(
        LayerKind.activationParameter, .choice(Activation.allCases.map(\.name)),
        positional: true, default: nil, "the activation to apply")
    ],
    presentation: LayerPresentation(
      activationShown: .isTheLayer, diagram: .passThrough,
      role: "applies its activation to every value"),
    shapes: { input, _ in Shapes(output: input) },
    make: { configuration, _, _ in
      ActivationLayer(
        configuration.word(LayerKind.activationParameter).flatMap(Activation.init(named:))
          ?? .linear)
    },
    restore: { saved in ActivationLayer(saved.activation, name: saved.name) },
    configuration: { layer in
      LayerConfiguration([LayerKind.activationParameter: .word(layer.activation.name)])
    })
}
