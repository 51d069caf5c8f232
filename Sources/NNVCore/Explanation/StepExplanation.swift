/// One gradient step on one batch, taken by the training code and explained: the loss before
/// and after, each layer's gradient norms, the update of a few named weights, and a
/// finite-difference check of one weight's gradient next to backpropagation's.
///
/// The step is the one training takes (`Trainer.step`: the same forward pass, fused loss,
/// tape, penalties, clipping and optimizer), on the first `batch` samples of the data in their
/// order, so the same call always takes the same step. A model with dropout uses the same
/// masks for every loss computed here (one seed), so the losses before, after and around the
/// checked weight are of the same network.
public struct StepExplanation: Sendable {
  /// The settings of one step: what `train` takes, for one batch.
  public struct Settings: Sendable {
    /// How many samples, the first of the data (fewer when the data has fewer).
    public var batch: Int
    public var loss: Loss
    /// L1 and L2 penalty rates on the weights (not biases), as `train`'s.
    public var l1: Float
    public var l2: Float
    /// The largest global gradient norm; larger gradients are scaled down to it.
    public var clip: Float?
    /// Seeds the dropout masks.
    public var seed: UInt64
    /// Whether to check one weight's gradient by finite differences (two more forward passes).
    public var checksGradient: Bool

    public init(
      batch: Int, loss: Loss, l1: Float = 0, l2: Float = 0, clip: Float? = nil, seed: UInt64 = 7,
      checksGradient: Bool = true
    ) {
      self.batch = batch
      self.loss = loss
      self.l1 = l1
      self.l2 = l2
      self.clip = clip
      self.seed = seed
      self.checksGradient = checksGradient
    }
  }

  /// The size of one layer's gradients: the Euclidean norm of its weights' gradients and of its
  /// biases' (before clipping).
  public struct LayerGradient: Sendable, Equatable {
    /// The layer's number from 1 (`LayerNumbering`) and name.
    public var layer: Int
    public var name: String
    public var weightNorm: Double
    /// Nil for a layer without biases.
    public var biasNorm: Double?
    /// How many weights and biases the norms are over.
    public var weights: Int
    public var biases: Int
  }

  /// One weight before and after the step, and the gradient the optimizer was given (after
  /// penalties and clipping).
  public struct WeightUpdate: Sendable, Equatable {
    public var name: WeightName
    public var position: ParameterPosition
    public var old: Float
    public var gradient: Float
    public var new: Float
  }

  public var model: String
  public var data: String
  /// The samples the batch holds: the first `samples` of the data.
  public var samples: Int
  public var loss: Loss
  /// The optimizer as training names it (`sgd(lr: 0.1)`), and its learning rate.
  public var optimizer: String
  public var learningRate: Float
  /// Whether the update is exactly w ← w − lr·g (plain gradient descent, without momentum).
  public var isPlainDescent: Bool
  /// The batch's loss before and after the step, penalties included, and the penalties.
  public var lossBefore: Float
  public var lossAfter: Float
  public var penaltyBefore: Float
  public var penaltyAfter: Float
  /// The global norm of every gradient before clipping, and the bound it was clipped to when
  /// it was larger; nil when the gradients were not clipped.
  public var gradientNorm: Double
  public var clippedTo: Float?
  /// Each layer with parameters, in order.
  public var layers: [LayerGradient]
  /// For each layer with weights, its weight with the largest |gradient|.
  public var updates: [WeightUpdate]
  /// The finite-difference check of the weight with the largest |gradient| of all; nil when
  /// not asked for.
  public var check: FiniteDifferenceCheck?

  /// Takes one gradient step of `model` on the first `settings.batch` samples of `data` and
  /// explains it; the model keeps the new weights. Its history records nothing: a step is not
  /// an epoch.
  ///
  /// - Throws: `TrainingError` when the settings or the data do not fit the model (as `train`
  ///   reports them), or when the loss is not finite or the step would make a weight NaN,
  ///   infinite or larger than `Trainer.largestWeight` (the model is then unchanged);
  ///   `LimitError`, `CancellationError`.
  public static func take(
    _ model: inout Sequential, on data: Dataset, optimizer: any Optimizer, settings: Settings
  ) throws -> StepExplanation {
    let options = TrainingOptions(
      epochs: 1, batchSize: settings.batch, loss: settings.loss, seed: settings.seed,
      shuffle: false, l1: settings.l1, l2: settings.l2, recorders: [], clip: settings.clip)
    try Trainer.check(model, data, options)
    let batch = try StepBatch(model, data, settings)
    let before = model.parameters
    var (loss, gradients) = try batch.gradients(before)
    guard loss.total.isFinite else {
      throw TrainingError.incompatibleData(
        "the loss of the first \(batch.samples) samples of \(data.name) is "
          + "\(loss.total.isNaN ? "NaN" : "infinite"); \(model.name) is unchanged")
    }
    let layers = layerGradients(model, gradients)
    let check = try settings.checksGradient ? batch.check(model, before, gradients) : nil
    let norm = GradientClipping.globalNorm(gradients)
    var clippedTo: Float?
    if let clip = settings.clip, norm > Double(clip) {
      GradientClipping.clip(&gradients, to: clip)
      clippedTo = clip
    }
    var after = before
    optimizer.update(&after, along: gradients)
    var updated = model
    updated.parameters = after
    if let problem = Trainer.instability(updated) {
      throw TrainingError.incompatibleData(
        "after this step \(problem), so \(model.name) keeps its weights: try a smaller `lr`")
    }
    let lossAfter = try batch.loss(after)
    model = updated
    return StepExplanation(
      model: model.name, data: data.name, samples: batch.samples, loss: settings.loss,
      optimizer: optimizer.description, learningRate: optimizer.learningRate,
      isPlainDescent: (optimizer as? SGD).map { $0.momentum == 0 } ?? false,
      lossBefore: loss.total, lossAfter: lossAfter.total, penaltyBefore: loss.penalty,
      penaltyAfter: lossAfter.penalty, gradientNorm: norm, clippedTo: clippedTo,
      layers: layers,
      updates: updates(updated, before: before, after: after, gradients: gradients),
      check: check)
  }

  /// The norms of each layer's weight and bias gradients.
  static func layerGradients(_ model: Sequential, _ gradients: [[Tensor]]) -> [LayerGradient] {
    var result: [LayerGradient] = []
    for (i, layer) in model.layers.enumerated() where i < gradients.count {
      guard let number = LayerNumbering.number(ofLayerAt: i, in: model) else { continue }
      var (weights, biases) = ([[Tensor]](), [[Tensor]]())
      for (tensor, isWeight) in zip(gradients[i], layer.weightFlags) {
        if isWeight { weights.append([tensor]) } else { biases.append([tensor]) }
      }
      result.append(
        LayerGradient(
          layer: number, name: layer.name, weightNorm: GradientClipping.globalNorm(weights),
          biasNorm: biases.isEmpty ? nil : GradientClipping.globalNorm(biases),
          weights: weights.reduce(0) { $0 + $1[0].count },
          biases: biases.reduce(0) { $0 + $1[0].count }))
    }
    return result
  }

  /// For each layer, the weight (of its weight tensors) with the largest |gradient|.
  static func updates(
    _ model: Sequential, before: [[Tensor]], after: [[Tensor]], gradients: [[Tensor]]
  ) -> [WeightUpdate] {
    var result: [WeightUpdate] = []
    for (i, layer) in model.layers.enumerated() where i < gradients.count {
      let flags = layer.weightFlags
      let candidates = gradients[i].indices.filter { $0 < flags.count && flags[$0] }
      guard
        let position = largestGradient(
          gradients,
          among: candidates.map { ParameterPosition(layer: i, parameter: $0, element: 0) }),
        let name = WeightName(model, position: position)
      else { continue }
      let (p, e) = (position.parameter, position.element)
      result.append(
        WeightUpdate(
          name: name, position: position, old: before[i][p].scalars[e],
          gradient: gradients[i][p].scalars[e], new: after[i][p].scalars[e]))
    }
    return result
  }

  /// The element with the largest |gradient| among the parameters named by `tensors` (their
  /// `element` is ignored), the first of equal ones; nil when there is none.
  static func largestGradient(
    _ gradients: [[Tensor]], among tensors: [ParameterPosition]
  ) -> ParameterPosition? {
    var best: (ParameterPosition, Float)?
    for t in tensors {
      let values = gradients[t.layer][t.parameter].scalars
      for (e, g) in values.enumerated() where best == nil || abs(g) > (best?.1 ?? 0) {
        best = (ParameterPosition(layer: t.layer, parameter: t.parameter, element: e), abs(g))
      }
    }
    return best?.0
  }
}
