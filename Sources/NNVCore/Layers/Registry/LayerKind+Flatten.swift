/// Flattening each sample (`Flatten`): `flatten`.
extension LayerKind {
  public static let flatten = LayerKind(
    name: "flatten",
    summary: "Turns each sample into a flat list of features, for a dense layer.",
    example: "model m {\n  input [8, 8]\n  flatten\n  dense 10 softmax\n}",
    presentation: LayerPresentation(
      diagram: .passThrough, lossLooksPast: true, role: "the same values, in one row"),
    shapes: { input, _ in Shapes(output: try Flatten().outputShape(for: input)) },
    make: { _, _, _ in Flatten() },
    restore: { saved in Flatten(name: saved.name) },
    configuration: { _ in LayerConfiguration() })
}
