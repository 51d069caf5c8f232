/// Gradients of a model's class scores with respect to its inputs: the basis of saliency maps.
///
/// The score of a class is the last layer's pre-activation (the logit), as in Simonyan et al.,
/// "Deep Inside Convolutional Networks" (2013): the softmax couples every class to every other,
/// so its gradient mixes in evidence against the other classes.
public enum InputGradient {
  /// d(score of each sample's target class) / d(input), for a whole batch in one pass.
  ///
  /// Samples in a batch do not interact (there is no batch normalization), so the gradient of
  /// the summed target scores with respect to the batch is, row by row, each sample's own
  /// gradient. Parameters enter as constants: no parameter gradient is computed.
  ///
  /// - Parameters:
  ///   - inputs: a batch `[n] + inputShape`, or a single sample of `inputShape`.
  ///   - targets: one class index per sample; each sample's predicted class when `nil`. For a
  ///     model with a single output (binary or regression) the target is that output.
  /// - Returns: the gradients (shaped like the batch), the target classes used, and their
  ///   scores.
  public static func compute(
    _ model: Sequential, inputs: Tensor, targets: [Int]? = nil
  ) throws -> (gradients: Tensor, targets: [Int], scores: [Float]) {
    try model.checkInput(inputs)
    let batch =
      inputs.rank == model.inputShape.count ? try inputs.reshaped([1] + model.inputShape) : inputs
    let tape = Tape()
    let x = tape.variable(batch)
    let constants = model.parameters.map { $0.map { Variable($0) } }
    var context = ForwardContext.inference
    let scores = try model.forward(
      x, parameters: constants, context: &context, stopBeforeFinalActivation: true)
    let classes = scores.value.rowSize
    let chosen: [Int]
    if let targets {
      guard targets.count == batch.rows, targets.allSatisfy({ $0 >= 0 && $0 < classes }) else {
        throw TensorError.indexOutOfRange(
          "need one target class in 0..<\(classes) for each of the \(batch.rows) samples")
      }
      chosen = targets
    } else {
      chosen =
        classes == 1
        ? [Int](repeating: 0, count: batch.rows) : try scores.value.flattenedRows.argmax(axis: 1)
    }
    let seed = try Tensor.oneHot(chosen, classes: classes).reshaped(scores.shape)
    let gradients = try tape.cancellableGradients(of: scores, seed: seed)[x]
    let values = scores.value.scalars
    let chosenScores = chosen.enumerated().map { values[$0.offset * classes + $0.element] }
    return (try gradients.reshaped(inputs.shape), chosen, chosenScores)
  }
}
