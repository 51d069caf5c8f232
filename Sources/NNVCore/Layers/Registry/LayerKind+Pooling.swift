/// Max and average pooling (`MaxPool2D`, `AvgPool2D`): `maxpool 2`, `avgpool 3 stride 2`.
extension LayerKind {
  public static let maxpool = pooling(
    "maxpool", what: "the largest value",
    make: { size, stride, name in
      try MaxPool2D(size: size, stride: stride, name: name)
    },
    read: { layer in (layer as? MaxPool2D).map { ($0.size, $0.stride) } })

  public static let avgpool = pooling(
    "avgpool", what: "the mean",
    make: { size, stride, name in
      try AvgPool2D(size: size, stride: stride, name: name)
    },
    read: { layer in (layer as? AvgPool2D).map { ($0.size, $0.stride) } })

  /// A pooling kind: `name K [stride S]`, windows K×K, S apart (K by default).
  static func pooling(
    _ name: String, what: String,
    make: @escaping @Sendable (Int, Int?, String) throws -> any Layer,
    read: @escaping @Sendable (any Layer) -> (size: Int, stride: Int)?
  ) -> LayerKind {
    LayerKind(
      name: name,
      summary: "Keeps \(what) of every K×K window of each feature map, shrinking it K times "
        + "(windows that cross the edge are left out).",
      example: "model m {\n  input [1, 8, 8]\n  conv 4 size 3 relu\n  \(name) 2\n  flatten\n"
        + "  dense 10 softmax\n}",
      parameters: [
        LayerParameter(
          "size", .integer, positional: true, default: nil, "the window's side K",
          bounds: .atLeast(1), limit: ResourceLimits.modelParameters, saved: true),
        LayerParameter(
          "stride", .integer, default: "the size", "the step between windows",
          bounds: .atLeast(1), limit: ResourceLimits.modelParameters, saved: true),
      ],
      input: imageInput,
      presentation: LayerPresentation(
        diagram: .block, role: "keeps \(what) of each window of each map"),
      shapes: { input, configuration in
        guard let size = configuration.integer("size") else { return nil }
        let output = try Pooling2D.outputShape(
          for: input, size: size, stride: configuration.integer("stride"), name: name,
          kind: name)
        return Shapes(output: output)
      },
      make: { configuration, _, _ in
        try make(configuration.integer("size") ?? 1, configuration.integer("stride"), name)
      },
      restore: { saved in
        try make(
          saved.configuration.integer("size") ?? 1, saved.configuration.integer("stride"),
          saved.name)
      },
      configuration: { layer in
        guard let (size, stride) = read(layer) else { return LayerConfiguration() }
        return LayerConfiguration(["size": .integer(size), "stride": .integer(stride)])
      })
  }
}
