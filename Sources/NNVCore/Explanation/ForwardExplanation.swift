/// The forward pass of one sample through a model, layer by layer, with the numbers: the
/// input (and its standardization, when the model has one), each layer's z and a, the
/// prediction, and, when the target is known, the loss.
///
/// Everything is computed by the model's own code: the same layers, activations,
/// standardization and loss as `predict`, `evaluate` and training use.
public struct ForwardExplanation: Sendable {
  /// The model's name.
  public var model: String
  /// The sample as given, flat, and its shape.
  public var input: [Float]
  public var inputShape: [Int]
  /// The model's names of its input features (empty when it has none).
  public var featureNames: [String]
  /// The model's standardization and the sample after it, when the model standardizes its
  /// inputs (`train ... standardize true`): what the first layer sees.
  public var standardizer: Standardizer?
  public var standardized: [Float]?
  /// Every layer, first to last.
  public var layers: [ExplainedLayer]
  /// The answer.
  public var prediction: ExplainedPrediction
  /// The target and the loss, when the sample came with one.
  public var target: ExplainedTarget?

  /// The forward pass of `sample` (one sample of the model's input shape) without a target.
  ///
  /// - Parameter classifier: whether the outputs are classes (the model's class names are
  ///   known, or the data is a classification): a classifier's logits are read as classes.
  /// - Throws: `LayerError` when the sample does not have the model's input shape,
  ///   `CancellationError`.
  public init(_ model: Sequential, sample: Tensor, classifier: Bool? = nil) throws {
    guard sample.shape == model.inputShape else {
      throw LayerError.incompatibleInput(
        layer: model.name, expected: "one sample of shape \(Tensor.describe(model.inputShape))",
        got: sample.shape)
    }
    self.model = model.name
    input = sample.scalars
    inputShape = sample.shape
    featureNames = model.featureNames
    standardizer = model.standardizer
    let (layers, standardized) = try Self.layers(of: model, sample)
    self.layers = layers
    self.standardized = standardized
    let last = layers.last?.output ?? sample.scalars
    let outputShape = model.outputShape
    let steps = outputShape.count == 2 ? outputShape[0] : nil
    let width = outputShape.count == 2 ? outputShape[1] : last.count
    prediction = ExplainedPrediction(
      output: Array(last.suffix(width)), steps: steps,
      classifier: classifier ?? !model.classNames.isEmpty,
      lastActivation: model.layers.last?.activation, classNames: model.classNames)
  }

  /// The forward pass of sample `index` (from 0) of `data`, with its target and its loss.
  ///
  /// - Throws: `TrainingError` when the samples do not fit the model or the loss cannot learn
  ///   with its output on this data (`LossCompatibility`), `DataError` for an index out of
  ///   range, `CancellationError`.
  public init(_ model: Sequential, on data: Dataset, index: Int, loss: Loss) throws {
    guard data.sampleShape == model.inputShape else {
      throw TrainingError.incompatibleData(
        "\(model.name) takes samples of shape \(Tensor.describe(model.inputShape)), but "
          + "\(data.name) has samples of shape \(Tensor.describe(data.sampleShape))")
    }
    guard index >= 0, index < data.count else {
      throw DataError.invalidArgument(
        "\(data.name) has \(data.count) samples, numbered 0 to \(data.count - 1); there is no "
          + "sample \(index)")
    }
    if let problem = LossCompatibility.problem(
      loss: loss, lossGiven: true, output: LossCompatibility.Output(of: model),
      targets: LossCompatibility.Targets(of: data), dataName: data.name)
    {
      throw TrainingError.incompatibleLoss(problem)
    }
    let one = try data.subset([index])
    try self.init(
      model, sample: try one.features.reshaped(model.inputShape),
      classifier: data.isClassification)
    if data.isClassification, !data.classNames.isEmpty {
      prediction.classNames = data.classNames
    }
    target = try Self.target(model, one, loss: loss, layers: layers)
  }

  /// Runs the sample through every layer, keeping z and a; also the standardized input.
  static func layers(
    of model: Sequential, _ sample: Tensor
  ) throws -> ([ExplainedLayer], [Float]?) {
    var h = Variable(try sample.reshaped([1] + sample.shape))
    var standardized: [Float]?
    if let standardizer = model.standardizer {
      h = try standardizer.apply(h)
      standardized = h.value.scalars
    }
    var context = ForwardContext.inference
    var shape = model.inputShape
    var result: [ExplainedLayer] = []
    for (i, layer) in model.layers.enumerated() {
      try Cancellation.check()
      let parameters = layer.parameters.map { Variable($0) }
      let z = try layer.forward(h, parameters: parameters, context: &context)
      let a = layer.activation.apply(z)
      let outputShape = Array(a.shape.dropFirst())
      let neurons =
        layer.presentation.diagram == .neurons && shape.count == 1 ? layer.weightMatrix : nil
      result.append(
        ExplainedLayer(
          number: LayerNumbering.number(ofLayerAt: i, in: model), name: layer.name,
          written: LayerNumbering.written(layer), kind: layer.kind,
          activation: layer.activation, inputShape: shape, outputShape: outputShape,
          input: h.value.scalars, preActivation: z.value.scalars, output: a.value.scalars,
          neurons: neurons, role: role(of: layer)))
      h = a
      shape = outputShape
    }
    return (result, standardized)
  }

  /// What a layer does in words: its kind's role, and the activation after it.
  static func role(of layer: any Layer) -> String {
    let presentation = layer.presentation
    var text = presentation.role ?? "gives its values"
    if presentation.activationShown == .applied, layer.activation != .linear {
      text += ", then \(layer.activation.name)"
    }
    return text
  }

  /// The target of the one sample of `one` and the loss of the model's output against it.
  static func target(
    _ model: Sequential, _ one: Dataset, loss: Loss, layers: [ExplainedLayer]
  ) throws -> ExplainedTarget {
    let targets = try one.targets(outputShape: model.outputShape)
    let fused = loss.fusedActivation != nil && model.layers.last?.activation == loss.fusedActivation
    let last = layers.last
    let scalars = (fused ? last?.preActivation : last?.output) ?? []
    let output = try Tensor(shape: targets.shape, scalars: scalars)
    let value = try loss(Variable(output), targets, fromLogits: fused).value.scalar
    var label: Int?
    var values: [Float]?
    if one.isClassification {
      label = one.labels.last
    } else if let rows = one.values {
      values = Array(rows.scalars.suffix(Swift.max(one.valuesPerTarget, 1)))
    }
    return ExplainedTarget(
      label: label, values: values, loss: loss, value: value, fromLogits: fused)
  }
}
