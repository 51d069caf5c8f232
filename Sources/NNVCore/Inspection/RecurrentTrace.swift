/// What a recurrent layer computes at every step of some sequences: its hidden states and, for
/// an LSTM or a GRU, its gates and cell states. The `hidden` and `gates` views show these.
public struct RecurrentTrace: Sendable, Equatable {
  /// Every step's hidden state, `[n, steps, units]`.
  public var hidden: Tensor
  /// Every step's gate values after their activations, `[n, steps, units]` each, by PyTorch's
  /// letters: an LSTM's `i`, `f`, `g`, `o` (input, forget, cell candidate, output), a GRU's
  /// `r`, `z`, `n` (reset, update, new state). Empty for an rnn.
  public var gates: [String: Tensor]
  /// An LSTM's cell state at every step, `[n, steps, units]`; nil for other cells.
  public var cells: Tensor?

  public init(hidden: Tensor, gates: [String: Tensor] = [:], cells: Tensor? = nil) {
    self.hidden = hidden
    self.gates = gates
    self.cells = cells
  }
}

extension Recurrent {
  /// Runs the layer over `x` (one sequence `[steps, features]` or a batch `[n, steps,
  /// features]`) and keeps every step, whether or not the layer returns every step.
  ///
  /// - Throws: `TensorError` for an input of another shape, `LimitError` when what the pass
  ///   keeps would exceed the elements-per-tensor limit, `CancellationError` when the running
  ///   work is cancelled.
  public func trace(_ x: Tensor) throws -> RecurrentTrace {
    let batch = x.rank == 2 ? try x.reshaped([1] + x.shape) : x
    let plan = try RecurrentPlan(
      cell: cell, input: batch.shape, inputWeight: inputWeight.shape,
      recurrentWeight: recurrentWeight.shape, biases: biases.map(\.shape),
      returnsSequences: true)
    try plan.checkLimits()
    let weights = RecurrentWeights(
      input: inputWeight, recurrent: recurrentWeight, biases: biases)
    let record = try RecurrentKernel.forward(plan, input: batch, weights: weights)
    let hidden = RecurrentKernel.output(record)
    var gates: [String: Tensor] = [:]
    for (k, name) in cell.gateNames.enumerated() {
      gates[name] = RecurrentRecord.batchMajor(
        UnsafePointer(record.gates.pointer), skip: 0, plan: plan, width: plan.columns,
        columns: (k * units)..<((k + 1) * units))
    }
    let cells = record.cells.map {
      RecurrentRecord.batchMajor(UnsafePointer($0.pointer), skip: 1, plan: plan, width: units)
    }
    return RecurrentTrace(hidden: hidden, gates: gates, cells: cells)
  }
}

extension Sequential {
  /// The trace of the recurrent layer at `index` on `x` (one sample of the model's input shape
  /// or a batch): the layers before it run first, in inference mode.
  ///
  /// - Throws: `LayerError.invalidConfiguration` when the layer at `index` is not recurrent,
  ///   `LayerError.incompatibleInput` for inputs of another shape, `LimitError`,
  ///   `CancellationError`.
  public func trace(layer index: Int, on x: Tensor) throws -> RecurrentTrace {
    guard layers.indices.contains(index), let recurrent = layers[index] as? Recurrent else {
      throw LayerError.invalidConfiguration(
        "\(name) has no recurrent layer at index \(index) (its layers are "
          + layers.map(\.kind).joined(separator: ", ") + ")")
    }
    try checkInput(x)
    let batch = x.rank == inputShape.count ? try x.reshaped([1] + inputShape) : x
    var h = Variable(batch)
    if let standardizer { h = try standardizer.apply(h) }
    var context = ForwardContext.inference
    for layer in layers[..<index] {
      try Cancellation.check()
      let parameters = layer.parameters.map { Variable($0) }
      h = layer.activation.apply(try layer.forward(h, parameters: parameters, context: &context))
    }
    return try recurrent.trace(h.value)
  }
}
