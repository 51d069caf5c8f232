/// Recurrent layers on variables: one tape node for a whole sequence, forward and backward
/// side by side.
///
/// Backward closures capture values and node indices, never `Variable`s (see Elementwise.swift).
/// The arithmetic, and why it is one fused operation, is in `RecurrentKernel`.
extension Variable {
  /// A recurrent cell run over every step of a batch of sequences from a zero state.
  ///
  /// - Parameters:
  ///   - x: sequences `[n, steps, features]`.
  ///   - inputWeight: `[features, G·H]`.
  ///   - recurrentWeight: `[H, G·H]`.
  ///   - biases: none, or the cell's (`[G·H]`; two for a GRU, the input bias first).
  ///   - returnsSequences: whether to return every step's hidden state.
  /// - Returns: `[n, steps, H]` with `returnsSequences`, else the last step's `[n, H]`.
  /// - Throws: `TensorError` when the shapes do not fit together, `LimitError` when what the
  ///   pass keeps would exceed the elements-per-tensor limit, `CancellationError` between
  ///   steps when the running work is cancelled.
  public static func recurrent(
    _ x: Variable, inputWeight: Variable, recurrentWeight: Variable, biases: [Variable],
    cell: RecurrentCell, returnsSequences: Bool
  ) throws -> Variable {
    let plan = try RecurrentPlan(
      cell: cell, input: x.shape, inputWeight: inputWeight.shape,
      recurrentWeight: recurrentWeight.shape, biases: biases.map(\.shape),
      returnsSequences: returnsSequences)
    let weights = RecurrentWeights(
      input: inputWeight.value, recurrent: recurrentWeight.value, biases: biases.map(\.value))
    let operands = [x, inputWeight, recurrentWeight] + biases
    guard let tape = operands.lazy.compactMap(\.tape).first else {
      return Variable(try inference(plan, input: x.value, weights: weights))
    }
    try plan.checkLimits()
    let record = try RecurrentKernel.forward(plan, input: x.value, weights: weights)
    let nodes = operands.map(\.node)
    return tape.result(RecurrentKernel.output(record)) { g, grads in
      let gradients = try RecurrentKernel.backward(
        record, gradient: g, weights: weights, wantsInput: nodes[0] >= 0)
      if let dx = gradients.input { grads.add(dx, to: nodes[0]) }
      grads.add(gradients.inputWeight, to: nodes[1])
      grads.add(gradients.recurrentWeight, to: nodes[2])
      for (k, db) in gradients.biases.enumerated() where 3 + k < nodes.count {
        grads.add(db, to: nodes[3 + k])
      }
    }
  }

  /// Values a pass without a tape keeps at once, at most (unless one sequence keeps more):
  /// a large batch runs in parts of whole sequences.
  static let recurrentInferenceValues = 1 << 22

  /// The output of a pass that records nothing, over parts of the batch.
  private static func inference(
    _ plan: RecurrentPlan, input: Tensor, weights: RecurrentWeights
  ) throws -> Tensor {
    let rows = Swift.max(1, recurrentInferenceValues / Swift.max(plan.valuesPerSequence, 1))
    guard plan.batch > rows else {
      try plan.checkLimits()
      return RecurrentKernel.output(
        try RecurrentKernel.forward(plan, input: input, weights: weights))
    }
    var parts: [Tensor] = []
    for start in stride(from: 0, to: plan.batch, by: rows) {
      let part = try input.rows(start..<Swift.min(start + rows, plan.batch))
      let partPlan = plan.batch(part.rows)
      try partPlan.checkLimits()
      let record = try RecurrentKernel.forward(partPlan, input: part, weights: weights)
      parts.append(RecurrentKernel.output(record))
    }
    return try Tensor.concatenatingRows(parts)
  }
}
