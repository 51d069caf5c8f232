/// 2-D convolution (`Conv2D`): `conv 8 size 3 stride 1 padding same relu`.
extension LayerKind {
  public static let conv = LayerKind(
    name: "conv",
    summary: "A 2-D convolution over images [channels, height, width]: each filter slides over "
      + "the image, giving one feature map per filter.",
    example: "model m {\n  input [1, 8, 8]\n  conv 8 size 3 relu\n  maxpool 2\n  flatten\n"
      + "  dense 10 softmax\n}",
    parameters: [
      LayerParameter(
        "filters", .integer, positional: true, default: nil,
        "the number of filters (output channels)", bounds: .atLeast(1),
        limit: ResourceLimits.modelParameters, saved: true),
      LayerParameter(
        LayerKind.activationParameter,
        .choice(Activation.allCases.filter { $0 != .softmax }.map(\.name)), positional: true,
        default: "linear", "applied to the feature maps"),
      LayerParameter(
        "size", .integer, default: nil, "the side K of each K×K filter", bounds: .atLeast(1),
        limit: ResourceLimits.modelParameters, saved: true),
      LayerParameter(
        "stride", .integer, default: "1", "the step between filter positions",
        bounds: .atLeast(1), limit: ResourceLimits.modelParameters, saved: true),
      LayerParameter(
        "padding", .choice(Padding.allCases.map(\.rawValue)), default: "valid",
        "valid: only where the filter fits; same: zeros around, so stride 1 keeps the size",
        saved: true),
      LayerParameter(
        "init", .choice(Initializer.allCases.map(\.rawValue)), default: "glorot_uniform",
        "how the weights start (from the session seed)"),
    ],
    input: imageInput,
    presentation: LayerPresentation(
      diagram: .block,
      role: "slides each filter over the image: z = Σ w·patch + b at every position",
      axes: ["weight": ["filter", "channel", "row", "column"], "bias": ["filter"]]),
    shapes: { input, configuration in
      guard let filters = configuration.integer("filters"),
        let size = configuration.integer("size")
      else { return nil }
      let stride = configuration.integer("stride") ?? 1
      let padding = configuration.word("padding").flatMap(Padding.init(rawValue:)) ?? .valid
      let output = try Conv2D.outputShape(
        for: input, filters: filters, kernelSize: size, stride: stride, padding: padding)
      return Shapes(output: output, parameters: [[filters, input[0], size, size], [filters]])
    },
    make: { configuration, input, seed in
      let activation =
        configuration.word(LayerKind.activationParameter).flatMap(Activation.init(named:))
        ?? .linear
      return try Conv2D(
        inputChannels: input.first ?? 1, filters: configuration.integer("filters") ?? 1,
        kernelSize: configuration.integer("size") ?? 1,
        stride: configuration.integer("stride") ?? 1,
        padding: configuration.word("padding").flatMap(Padding.init(rawValue:)) ?? .valid,
        activation: activation,
        initializer: configuration.word("init").flatMap(Initializer.init(rawValue:))
          ?? .glorotUniform,
        seed: seed())
    },
    restore: { saved in
      guard saved.parameters.count == 2 else { return nil }
      return try Conv2D(
        weight: saved.parameters[0], bias: saved.parameters[1],
        stride: saved.configuration.integer("stride") ?? 1,
        padding: saved.configuration.word("padding").flatMap(Padding.init(rawValue:)) ?? .valid,
        activation: saved.activation, name: saved.name)
    },
    configuration: { layer in
      guard let conv = layer as? Conv2D else { return LayerConfiguration() }
      return LayerConfiguration([
        "filters": .integer(conv.filters),
        LayerKind.activationParameter: .word(conv.activation.name),
        "size": .integer(conv.kernelSize), "stride": .integer(conv.stride),
        "padding": .word(conv.padding.rawValue),
      ])
    })

  /// What convolution and pooling layers take: one image per sample.
  static let imageInput = InputRequirement(
    ranks: [3], description: "images [channels, height, width]",
    hint: "declare `input [channels, height, width]`, such as `input [1, 8, 8]`")
}
