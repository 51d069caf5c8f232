/// A network whose layers run one after another, each feeding the next.
///
/// The model knows its per-sample input shape, so every layer's output shape is inferred when the
/// layer is added and a mismatch is reported there. It also carries what belongs with a trained
/// network: its training history, the input standardization learned from the training data, and
/// the names of its classes and features.
public struct Sequential: Sendable {
  /// The model's name (`net`).
  public var name: String
  /// The shape of one input sample (`[2]` for points, `[64]` for flattened digits).
  public let inputShape: [Int]
  /// The layers, in order.
  public private(set) var layers: [any Layer]
  /// The output shape of one sample after each layer.
  public private(set) var outputShapes: [[Int]]
  /// Per-epoch metrics of every training run, oldest first.
  public var history = TrainingHistory()
  /// Input standardization to apply before the first layer, if the data was standardized.
  public var standardizer: Standardizer?
  /// Class names for classifiers, feature names for the inputs (for plots and predictions).
  public var classNames: [String] = []
  public var featureNames: [String] = []

  /// An empty model taking samples of `inputShape`.
  ///
  /// - Throws: `LayerError.invalidConfiguration` for a shape that is not one to three positive
  ///   sizes, `LimitError` for a sample over the elements-per-tensor limit.
  public init(name: String = "model", inputShape: [Int]) throws {
    guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }),
      inputShape.count < Tensor.maximumRank
    else {
      throw LayerError.invalidConfiguration(
        "an input shape has one to three positive sizes, not \(Tensor.describe(inputShape))")
    }
    let size = try Shape.elementCount(
      inputShape, of: "an input sample of shape \(Tensor.describe(inputShape))")
    self.name = name
    self.inputShape = inputShape
    self.layers = []
    self.outputShapes = []
    self.sampleActivations = size
  }

  /// The shape of one sample of the model's output.
  public var outputShape: [Int] { outputShapes.last ?? inputShape }

  /// The values one sample flows through: its input and every layer's output.
  public private(set) var sampleActivations: Int

  /// How many samples one forward pass takes within `ResourceLimits.batchActivations`.
  public var samplesPerPass: Int {
    Swift.max(1, ResourceLimits.batchActivations.maximum / Swift.max(1, sampleActivations))
  }

  /// Appends a layer after checking that it accepts the current output shape and that the
  /// model stays within the limits on layers, parameters and values per sample.
  ///
  /// - Throws: `LayerError.incompatibleInput` naming the layer and both shapes, `LimitError`
  ///   naming the limit exceeded.
  public mutating func append(_ layer: any Layer) throws {
    let subject = "\(name) with \(layer.name)"
    try ResourceLimits.modelLayers.check(layers.count + 1, for: subject)
    let shape = try LayerRegistry.outputShape(of: layer, for: outputShape)
    try ResourceLimits.modelParameters.check(
      Shape.sum(parameterCount, layer.parameterCount), for: subject)
    let width = try Shape.elementCount(
      shape, of: "the output of \(layer.name), of shape \(Tensor.describe(shape))")
    let activations = sampleActivations + width
    try ResourceLimits.batchActivations.check(activations, for: "one sample through \(subject)")
    layers.append(layer)
    outputShapes.append(shape)
    sampleActivations = activations
  }

  /// The next free default name for a layer of `kind` (`dense_1`, `dense_2`, ...).
  public func defaultName(for kind: String) -> String {
    let used = Set(layers.map(\.name))
    var index = layers.filter { $0.kind == kind }.count + 1
    while used.contains("\(kind)_\(index)") { index += 1 }
    return "\(kind)_\(index)"
  }

  /// The number of trainable values in each layer.
  public var parameterCounts: [Int] { layers.map(\.parameterCount) }
  /// The number of trainable values in the model.
  public var parameterCount: Int { parameterCounts.reduce(0, +) }

  /// Every layer's parameters, layer by layer (what optimizers update).
  public var parameters: [[Tensor]] {
    get { layers.map(\.parameters) }
    set {
      for i in layers.indices where i < newValue.count { layers[i].parameters = newValue[i] }
    }
  }

  /// Checks that `x` is one sample (shape `inputShape`) or a batch (`[n] + inputShape`).
  func checkInput(_ x: Tensor) throws {
    guard x.shape == inputShape || Array(x.shape.dropFirst()) == inputShape else {
      let sample = Tensor.describe(inputShape)
      let batch = "[n, " + inputShape.map(String.init).joined(separator: ", ") + "]"
      throw LayerError.incompatibleInput(
        layer: name, expected: "one sample of shape \(sample) or a batch of shape \(batch)",
        got: x.shape)
    }
  }

  /// Runs a batch through the network with parameters given as variables.
  ///
  /// - Parameters:
  ///   - parameters: one array of variables per layer, in the order of `parameters`.
  ///   - stopBeforeFinalActivation: return the last layer's pre-activations (logits), for a
  ///     fused loss.
  ///   - outputs: called with each layer's output as it is computed.
  public func forward(
    _ x: Variable, parameters: [[Variable]], context: inout ForwardContext,
    stopBeforeFinalActivation: Bool = false,
    outputs: ((Int, Variable) -> Void)? = nil
  ) throws -> Variable {
    guard parameters.count == layers.count else {
      throw LayerError.invalidConfiguration("\(name) needs one parameter list per layer")
    }
    var h = x
    if let standardizer { h = try standardizer.apply(h) }
    for (i, layer) in layers.enumerated() {
      // A large batch through a wide layer takes a while: a Ctrl-C is heard between layers.
      try Cancellation.check()
      h = try layer.forward(h, parameters: parameters[i], context: &context)
      if !(stopBeforeFinalActivation && i == layers.count - 1) {
        h = layer.activation.apply(h)
      }
      outputs?(i, h)
    }
    return h
  }

  /// The network's output for a batch (inference: no tape, dropout off).
  ///
  /// A single sample of shape `inputShape` is accepted too and gives a batch of one. A large
  /// batch runs in passes of at most `samplesPerPass` (and `predictionRows`) samples, so its
  /// intermediate activations stay small and a cancelled `Cancellation` token stops it between
  /// passes.
  ///
  /// - Throws: `LimitError` when the outputs would exceed the elements-per-tensor limit.
  public func predict(_ x: Tensor) throws -> Tensor {
    try checkInput(x)
    let batch = x.rank == inputShape.count ? try x.reshaped([1] + inputShape) : x
    _ = try Shape.elementCount(
      [batch.rows] + outputShape, of: "the outputs of \(name) for \(batch.rows) samples")
    var context = ForwardContext.inference
    let constants = parameters.map { $0.map { Variable($0) } }
    let step = Swift.min(samplesPerPass, Self.predictionRows)
    guard batch.rows > step else {
      return try forward(Variable(batch), parameters: constants, context: &context).value
    }
    var parts: [Tensor] = []
    for start in stride(from: 0, to: batch.rows, by: step) {
      let part = try batch.rows(start..<Swift.min(start + step, batch.rows))
      parts.append(try forward(Variable(part), parameters: constants, context: &context).value)
    }
    return try Tensor.concatenatingRows(parts)
  }

  /// The most samples `predict` runs through the network at once.
  public static let predictionRows = 4096

  /// Every layer's output for a batch (inference), first layer first.
  ///
  /// - Throws: `LimitError` when the batch exceeds `ResourceLimits.batchActivations`.
  public func layerOutputs(_ x: Tensor) throws -> [Tensor] {
    try checkInput(x)
    let batch = x.rank == inputShape.count ? try x.reshaped([1] + inputShape) : x
    try ResourceLimits.batchActivations.check(
      Shape.product(batch.rows, sampleActivations),
      estimate: Double(batch.rows) * Double(sampleActivations),
      for: "the outputs of every layer of \(name) for \(batch.rows) samples")
    var context = ForwardContext.inference
    let constants = parameters.map { $0.map { Variable($0) } }
    var result: [Tensor] = []
    _ = try forward(Variable(batch), parameters: constants, context: &context) { _, output in
      result.append(output.value)
    }
    return result
  }
}
