extension Diagnosis {
  /// What the checks look at: the model, its data, the loss it is trained with, and its last
  /// training run.
  public struct Subject: Sendable {
    public var model: Sequential
    /// The data the model is trained on.
    public var data: Dataset
    /// Held-out data, if any.
    public var validation: Dataset?
    /// The loss of the model's last training run, else the default of its last layer.
    public var loss: Loss
    /// Whether `loss` comes from training (false: the default of the last layer).
    public var lossFromTraining: Bool
    /// The epochs of the model's last training run, oldest first; empty when untrained.
    public var run: [EpochMetrics]
    /// The loss of a model that learned only the targets' distribution (`guessingLoss`).
    public var guessingLoss: Double?

    /// - Throws: `TrainingError.incompatibleData` when the model has no layers, `data` has no
    ///   samples, or a data set's samples do not fit the model; `CancellationError`.
    public init(_ model: Sequential, on data: Dataset, validation: Dataset? = nil) throws {
      guard !model.layers.isEmpty else {
        throw TrainingError.incompatibleData("\(model.name) has no layers to diagnose")
      }
      guard data.count > 0 else {
        throw TrainingError.incompatibleData("\(data.name) has no samples")
      }
      for set in [data] + (validation.map { [$0] } ?? []) where set.sampleShape != model.inputShape
      {
        throw TrainingError.incompatibleData(
          "\(model.name) takes samples of shape \(Tensor.describe(model.inputShape)), but "
            + "\(set.name) has samples of shape \(Tensor.describe(set.sampleShape))")
      }
      self.model = model
      self.data = data
      self.validation = validation.flatMap { $0.count > 0 ? $0 : nil }
      let trained = model.history.last?.lossFunction
      loss = trained ?? LossCompatibility.defaultLoss(for: LossCompatibility.Output(of: model))
      lossFromTraining = trained != nil
      let last = model.history.runCount
      run = model.history.epochs.filter { $0.run == last }
      guessingLoss = try Self.guessingLoss(data, loss: loss)
    }

    /// The problem with training the model's output with `loss` on the data, if any
    /// (`LossCompatibility`).
    public var lossProblem: LossCompatibility.Problem? {
      LossCompatibility.problem(
        loss: loss, lossGiven: lossFromTraining, output: LossCompatibility.Output(of: model),
        targets: LossCompatibility.Targets(of: data), dataName: data.name)
    }

    /// The training losses of the last run, oldest first.
    public var losses: [Double] { run.map { Double($0.loss) } }

    /// Why a check that reads the training history cannot: nil when the last run has at
    /// least `epochs` epochs.
    func historyShortfall(_ epochs: Int) -> String? {
      if run.isEmpty { return "\(model.name) has no training history" }
      if run.count < epochs {
        return "the last training run has \(run.count) epoch\(run.count == 1 ? "" : "s"), "
          + "fewer than \(epochs)"
      }
      return nil
    }

    /// The learning rate of the last run, read from its optimizer (`adam(lr: 0.01)`).
    public var learningRate: Double? {
      guard let text = run.last?.optimizer, let start = text.range(of: "lr: ") else {
        return nil
      }
      let digits = text[start.upperBound...].prefix { $0.isNumber || "+-.e".contains($0) }
      return Double(digits).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    /// At most `limit` sample indices spread evenly over `count` samples, so that data sorted
    /// by class is still seen whole.
    static func spread(_ count: Int, limit: Int) -> [Int] {
      guard count > limit, limit > 0 else { return Array(0..<Swift.max(count, 0)) }
      return (0..<limit).map { Int((Double($0) * Double(count) / Double(limit)).rounded(.down)) }
    }
  }
}
