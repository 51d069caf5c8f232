/// Loss and accuracy of a model on a data set.
public enum Metrics {
  /// The classes a batch of outputs predicts: argmax of each row, or a threshold at 0.5
  /// (logit 0) for a single output.
  ///
  /// With `steps` T, each sample's output holds a prediction for every step (`[n, T, units]`):
  /// the leading axes are folded, giving `n × T` classes, sample by sample and step by step,
  /// as a data set stores labels at every step.
  public static func predictedClasses(
    _ output: Tensor, fromLogits: Bool, loss: Loss, steps: Int = 1
  ) -> [Int] {
    let rows = output.rows * Swift.max(steps, 1)
    guard rows > 0, output.count % rows == 0 else { return [] }
    let width = output.count / rows
    if width == 1 {
      let threshold: Float = fromLogits ? 0 : 0.5
      return output.scalars.map { $0 > threshold ? 1 : 0 }
    }
    return (try? output.reshaped([rows, width]).argmax(axis: 1)) ?? []
  }

  /// The mean loss and (for classification) accuracy of `model` on `data` (inference mode).
  ///
  /// - Throws: `TrainingError.incompatibleLoss` when `loss` cannot measure the model's output on
  ///   this data (see `LossCompatibility`).
  public static func evaluate(
    _ model: Sequential, on data: Dataset, loss: Loss
  ) throws -> (loss: Float, accuracy: Float?) {
    if let problem = LossCompatibility.problem(
      loss: loss, lossGiven: true, output: LossCompatibility.Output(of: model),
      targets: LossCompatibility.Targets(of: data), dataName: data.name)
    {
      throw TrainingError.incompatibleLoss(problem)
    }
    let targets = try data.targets(outputShape: model.outputShape)
    return try evaluate(model, on: data, targets: targets, loss: loss)
  }

  static func evaluate(
    _ model: Sequential, on data: Dataset, targets: Tensor, loss: Loss
  ) throws -> (loss: Float, accuracy: Float?) {
    guard data.sampleShape == model.inputShape else {
      throw TrainingError.incompatibleData(
        "\(model.name) takes samples of shape \(Tensor.describe(model.inputShape)), but "
          + "\(data.name) has samples of shape \(Tensor.describe(data.sampleShape))")
    }
    let fused = loss.fusedActivation != nil && model.layers.last?.activation == loss.fusedActivation
    let constants = model.parameters.map { $0.map { Variable($0) } }
    // In chunks, so that evaluating a large set does not hold every activation at once.
    let chunk = Swift.min(1024, model.samplesPerPass)
    var outputs: [Tensor] = []
    var weightedLoss = 0.0
    for start in stride(from: 0, to: data.count, by: chunk) {
      let rows = start..<Swift.min(start + chunk, data.count)
      var context = ForwardContext.inference
      let output = try model.forward(
        Variable(try data.features.rows(rows)), parameters: constants, context: &context,
        stopBeforeFinalActivation: fused
      ).value
      let part = try targets.rows(rows)
      let value = try loss(Variable(try output.reshaped(part.shape)), part, fromLogits: fused)
      weightedLoss += Double(value.value.scalar) * Double(rows.count)
      outputs.append(output)
    }
    let output = try Tensor.concatenatingRows(outputs)
    let value = Float(weightedLoss / Double(Swift.max(data.count, 1)))
    guard data.isClassification else { return (value, nil) }
    // With a target at every step, every step counts.
    let predicted = predictedClasses(
      output, fromLogits: fused, loss: loss, steps: data.targetsPerSample)
    let correct = zip(predicted, data.labels).filter { $0 == $1 }.count
    return (value, Float(correct) / Float(max(data.labels.count, 1)))
  }
}
