import Foundation

/// Vanishing and exploding gradients: how the loss's gradient changes on its way from the
/// output layer back to the first layer, on one batch.
///
/// The measure is the root mean square of the gradient with respect to each layer's output
/// (the error signal that reaches the layer), not of its weights' gradient: that one also
/// scales with the layer's inputs, so unscaled inputs would read as exploding gradients. The
/// ratio of the first layer's to the last layer's tells whether the signal fades or grows on
/// the way back.
public enum GradientFlowCheck {
  /// The first layer's gradient below this fraction of the last layer's vanishes: Glorot and
  /// He initializations keep it within a factor of about 2 per layer in a healthy network,
  /// while every sigmoid layer divides it by 4 or more, so five sigmoid layers reach 10^-3.
  public static let vanishingRatio = 1e-3
  /// The first layer's gradient above this multiple of the last layer's explodes: the same
  /// factor the other way, which a healthy network does not reach.
  public static let explodingRatio = 1e3
  /// The samples of the batch, spread over the data: a typical training batch and more.
  public static let batchLimit = 256
  /// The most values one sample's pass through every layer may hold in the batch, so that a
  /// large model is measured on fewer samples rather than outgrowing the memory.
  static let batchValues = 1 << 24

  /// The number of samples of `data` the gradients of `model` are measured on.
  public static func batchSize(_ model: Sequential, _ data: Dataset, limit: Int = batchLimit) -> Int
  {
    let fitting = Swift.max(1, batchValues / Swift.max(1, model.sampleActivations))
    return Swift.max(0, Swift.min(data.count, limit, fitting))
  }

  /// One layer with parameters, as the gradient reaches it.
  public struct LayerGradient: Sendable, Equatable {
    /// The layer's name and its index in the model, from 0.
    public var layer: String
    public var index: Int
    /// The root mean square of the loss's gradient with respect to the layer's output (its
    /// pre-activation for a last layer fused with the loss), over the batch.
    public var outputRMS: Double
    /// The Euclidean norm of the gradients of all the layer's parameters.
    public var parameterNorm: Double
  }

  /// The gradient at every layer with parameters, for a batch of `batchSize` samples of
  /// `data` (at most `limit`) spread evenly over it, first layer first.
  ///
  /// - Throws: `DataError` when the targets do not fit the model's output, `LayerError` when
  ///   the samples do not fit its input, `CancellationError`.
  public static func layerGradients(
    _ model: Sequential, on data: Dataset, loss: Loss, limit: Int = batchLimit
  ) throws -> [LayerGradient] {
    let size = batchSize(model, data, limit: limit)
    let batch = try data.subset(Diagnosis.Subject.spread(data.count, limit: size))
    let targets = try batch.targets(outputShape: model.outputShape)
    let fused =
      loss.fusedActivation != nil && model.layers.last?.activation == loss.fusedActivation
    let tape = Tape()
    let parameters = model.parameters.map { $0.map { tape.variable($0) } }
    var outputs: [Int: Variable] = [:]
    var context = ForwardContext.inference
    let output = try model.forward(
      Variable(batch.features), parameters: parameters, context: &context,
      stopBeforeFinalActivation: fused
    ) { index, value in outputs[index] = value }
    let gradients = try tape.cancellableGradients(of: try loss(output, targets, fromLogits: fused))
    return model.layers.indices.compactMap { index in
      guard model.layers[index].parameterCount > 0, let value = outputs[index] else { return nil }
      let squares = parameters[index].map { squaredSum(gradients[$0]) }.reduce(0, +)
      let signal = gradients[value]
      return LayerGradient(
        layer: model.layers[index].name, index: index,
        outputRMS: (squaredSum(signal) / Double(Swift.max(signal.count, 1))).squareRoot(),
        parameterNorm: squares.squareRoot())
    }
  }

  static func squaredSum(_ tensor: Tensor) -> Double {
    tensor.scalars.reduce(0) { $0 + Double($1) * Double($1) }
  }

  /// The check: a finding when the first layer's gradient is below `vanishingRatio` or above
  /// `explodingRatio` times the last layer's, or is not finite.
  public static func run(_ subject: Diagnosis.Subject) throws -> Diagnosis.Outcome {
    let model = subject.model
    guard subject.lossProblem == nil else {
      return .skipped("the output layer cannot learn with \(subject.loss.rawValue)")
    }
    guard model.layers.filter({ $0.parameterCount > 0 }).count >= 2 else {
      return .skipped("\(model.name) has fewer than 2 layers with weights")
    }
    let layers = try layerGradients(model, on: subject.data, loss: subject.loss)
    guard let first = layers.first, let last = layers.last else { return .checked([]) }
    let samples = batchSize(model, subject.data)
    if let broken = layers.first(where: { !$0.outputRMS.isFinite || !$0.parameterNorm.isFinite }) {
      return .checked([notFinite(broken, samples: samples)])
    }
    // No gradient at the output: every sample of the batch is fitted exactly.
    guard last.outputRMS > 0 else { return .checked([]) }
    let ratio = first.outputRMS / last.outputRMS
    let evidence: [Finding.Evidence] = [
      .init("first_rms", first.outputRMS), .init("last_rms", last.outputRMS),
      .init("ratio", ratio), .init("layers", Double(layers.count)),
      .init("samples", Double(samples)),
    ]
    let measured =
      "(root mean square \(Diagnosis.number(first.outputRMS)) against "
      + "\(Diagnosis.number(last.outputRMS)), on a batch of \(Diagnosis.counted(samples, "sample")))"
    if ratio < vanishingRatio {
      let squashing = model.layers.dropLast().contains {
        [.sigmoid, .tanh].contains($0.activation)
      }
      return .checked([
        Finding(
          .vanishingGradients, .warning, layer: first.layer, evidence: evidence,
          message: "The gradient reaching \(first.layer) is \(Diagnosis.number(ratio)) times the "
            + "one at \(last.layer) \(measured): it fades on the way back, so the first layers "
            + "barely learn.",
          suggestion: squashing
            ? "use `relu` in the hidden layers (`dense 16 relu`) with `init he_normal`, or "
              + "fewer layers"
            : "use fewer layers, or `init he_normal` in the hidden layers")
      ])
    }
    if ratio > explodingRatio {
      return .checked([
        Finding(
          .explodingGradients, .warning, layer: first.layer, evidence: evidence,
          message: "The gradient reaching \(first.layer) is \(Diagnosis.number(ratio)) times the "
            + "one at \(last.layer) \(measured): it grows on the way back, so the first layers "
            + "take steps far too large.",
          suggestion: "clip the gradients (`clip 1` in `train`), retrain with a smaller `lr`, "
            + "or use `init glorot_uniform`")
      ])
    }
    return .checked([])
  }

  /// The finding for a gradient that is NaN or infinite.
  static func notFinite(_ layer: LayerGradient, samples: Int) -> Finding {
    Finding(
      .explodingGradients, .error, layer: layer.layer,
      evidence: [
        .init("output_rms", layer.outputRMS), .init("parameter_norm", layer.parameterNorm),
        .init("samples", Double(samples)),
      ],
      message: "The gradient at \(layer.layer) is not a finite number on a batch of "
        + "\(Diagnosis.counted(samples, "sample")): the weights or the inputs are too large.",
      suggestion: "standardize the inputs (`standardize true` in `train`), clip the gradients "
        + "(`clip 1`), or retrain with a smaller `lr`")
  }
}
