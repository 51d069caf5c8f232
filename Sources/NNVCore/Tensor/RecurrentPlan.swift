/// The sizes of one recurrent pass over a batch of sequences, checked against each other and
/// against the limits before anything is allocated.
struct RecurrentPlan: Sendable {
  let cell: RecurrentCell
  /// Sequences in the batch, B.
  let batch: Int
  /// Steps per sequence, T.
  let steps: Int
  /// Features per step, F.
  let features: Int
  /// Hidden units, H.
  let units: Int
  let returnsSequences: Bool
  let hasBias: Bool

  /// Columns of the weights: G·H.
  var columns: Int { cell.gateCount * units }
  var isLSTM: Bool { cell == .lstm }
  var isGRU: Bool { cell == .gru }

  /// Checks a pass of `cell` over `input` `[B, T, F]` with weights `[F, G·H]` and `[H, G·H]`
  /// and `biases` (none, or the cell's number of `[G·H]` vectors).
  ///
  /// - Throws: `TensorError.shapeMismatch` when the shapes do not fit together. The sizes of
  ///   what a pass keeps are checked by `checkLimits()`.
  init(
    cell: RecurrentCell, input: [Int], inputWeight: [Int], recurrentWeight: [Int],
    biases: [[Int]], returnsSequences: Bool
  ) throws {
    let units = recurrentWeight.first ?? 0
    let features = input.last ?? 0
    let bias = !biases.isEmpty
    let expected = cell.parameterShapes(features: features, units: units, bias: bias)
    guard input.count == 3, input.allSatisfy({ $0 > 0 }), units > 0,
      [inputWeight, recurrentWeight] + biases == expected
    else {
      let given = ([input, inputWeight, recurrentWeight] + biases).map(Tensor.describe)
      throw TensorError.shapeMismatch(
        "a \(cell.name) layer takes sequences [n, steps, features], weights [features, "
          + "\(cell.gateCount)·units] and [units, \(cell.gateCount)·units], not "
          + given.joined(separator: ", "))
    }
    self.cell = cell
    self.batch = input[0]
    self.steps = input[1]
    self.features = features
    self.units = units
    self.returnsSequences = returnsSequences
    self.hasBias = bias
  }

  /// Checks the buffers the passes allocate against the elements-per-tensor limit.
  ///
  /// - Throws: `LimitError` naming the layer's kind, the steps and the sequences.
  func checkLimits() throws {
    // The largest buffers: inputs and gates per step, states per step and one more.
    for shape in [[steps, batch, features], [steps, batch, columns], [steps + 1, batch, units]] {
      _ = try Shape.elementCount(
        shape,
        of: "the values \(cell.layerPhrase) keeps over \(ResourceLimit.grouped(steps)) "
          + "steps of \(ResourceLimit.grouped(batch)) sequences")
    }
  }

  private init(copying plan: RecurrentPlan, batch: Int) {
    cell = plan.cell
    self.batch = batch
    steps = plan.steps
    features = plan.features
    units = plan.units
    returnsSequences = plan.returnsSequences
    hasBias = plan.hasBias
  }

  /// The same pass over `rows` of the sequences.
  func batch(_ rows: Int) -> RecurrentPlan { RecurrentPlan(copying: self, batch: rows) }

  /// Values the passes keep per sequence, about: the inputs, the gates (twice: forward and
  /// gradient), the states and for an LSTM the cells (a GRU keeps its recurrent products).
  var valuesPerSequence: Int {
    let perStep = [features * 2, columns * (isGRU ? 4 : 2), units * (isLSTM ? 3 : 1)]
    return Shape.product(perStep.reduce(0, +), steps + 1) ?? Int.max
  }
}
