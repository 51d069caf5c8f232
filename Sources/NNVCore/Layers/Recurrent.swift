/// A recurrent layer over sequences `[steps, features]`: an Elman RNN, an LSTM or a GRU (see
/// `RecurrentCell` for the formulas), reading the steps in order from a zero state.
///
/// `inputWeight` has shape `[features, G·H]` and `recurrentWeight` `[H, G·H]`, with G the
/// cell's number of gate blocks (1, 4 or 3) and H the hidden units; they are PyTorch's
/// `weight_ih_l0` and `weight_hh_l0` transposed. The bias is `[G·H]`: PyTorch's `b_ih + b_hh`
/// for rnn and lstm; a GRU keeps the two apart (`input_bias`, `recurrent_bias`) as PyTorch does.
/// So the parameter counts equal PyTorch's without biases and for a GRU, and are G·H fewer for
/// rnn and lstm with biases. One sample's output is the last step's hidden state `[H]`, or with
/// `returnsSequences` every step's, `[steps, H]`.
public struct Recurrent: Layer {
  public var kind: String { cell.name }
  public var name: String
  /// Nothing is applied after the layer: its nonlinearities are inside the recurrence.
  public var activation: Activation { .linear }
  public let cell: RecurrentCell
  /// Features per step.
  public let inputSize: Int
  /// Hidden units, H.
  public let units: Int
  /// Whether the output holds every step's hidden state or only the last one's.
  public let returnsSequences: Bool
  public var inputWeight: Tensor
  public var recurrentWeight: Tensor
  /// `[]` without bias; `[bias]`; for a GRU `[input bias, recurrent bias]`.
  public var biases: [Tensor]

  /// Whether the layer has biases.
  public var hasBias: Bool { !biases.isEmpty }

  /// A recurrent layer with Glorot-uniform weights and zero biases.
  ///
  /// Each weight matrix is drawn as one matrix over its full shape (fan in = its rows, fan out
  /// = G·H): the input weights from `seed`, the recurrent weights from `seed + 1`.
  ///
  /// - Throws: `LayerError.invalidConfiguration` for a size below 1, `LimitError` when the layer
  ///   would exceed the parameters-per-model limit (checked before anything is allocated).
  public init(
    _ cell: RecurrentCell, inputSize: Int, units: Int, returnsSequences: Bool = false,
    bias: Bool = true, seed: UInt64 = 0, name: String? = nil
  ) throws {
    _ = try Recurrent.checkedParameterCount(
      cell, features: inputSize, units: units, bias: bias, name: name ?? cell.name)
    let shapes = cell.parameterShapes(features: inputSize, units: units, bias: bias)
    let columns = cell.gateCount * units
    let input = Initializer.glorotUniform.values(
      count: inputSize * columns, fanIn: inputSize, fanOut: columns, seed: seed)
    let recurrent = Initializer.glorotUniform.values(
      count: units * columns, fanIn: units, fanOut: columns, seed: seed &+ 1)
    self.init(
      unchecked: cell,
      inputWeight: Tensor(uncheckedShape: shapes[0], scalars: input),
      recurrentWeight: Tensor(uncheckedShape: shapes[1], scalars: recurrent),
      biases: shapes.dropFirst(2).map { Tensor.zeros($0) }, returnsSequences: returnsSequences,
      name: name ?? cell.name)
  }

  /// A recurrent layer with given weights (a model file's, or a peer's).
  ///
  /// - Parameter biases: none, or the cell's biases (`[G·H]`; two for a GRU, input first).
  /// - Throws: `LayerError.invalidConfiguration` when the shapes do not fit together,
  ///   `LimitError` over the parameters-per-model limit.
  public init(
    _ cell: RecurrentCell, inputWeight: Tensor, recurrentWeight: Tensor, biases: [Tensor] = [],
    returnsSequences: Bool = false, name: String? = nil
  ) throws {
    let label = name ?? cell.name
    let features = inputWeight.shape.first ?? 0
    let units = recurrentWeight.shape.first ?? 0
    let bias = !biases.isEmpty
    _ = try Recurrent.checkedParameterCount(
      cell, features: features, units: units, bias: bias, name: label)
    let expected = cell.parameterShapes(features: features, units: units, bias: bias)
    let given = [inputWeight.shape, recurrentWeight.shape] + biases.map(\.shape)
    guard given == expected else {
      throw LayerError.invalidConfiguration(
        "\(label) (\(cell.name)): weights of shapes "
          + given.map(Tensor.describe).joined(separator: ", ") + " do not fit together; "
          + "expected " + expected.map(Tensor.describe).joined(separator: ", "))
    }
    self.init(
      unchecked: cell, inputWeight: inputWeight, recurrentWeight: recurrentWeight,
      biases: biases, returnsSequences: returnsSequences, name: label)
  }

  private init(
    unchecked cell: RecurrentCell, inputWeight: Tensor, recurrentWeight: Tensor,
    biases: [Tensor], returnsSequences: Bool, name: String
  ) {
    self.cell = cell
    self.name = name
    self.inputSize = inputWeight.shape[0]
    self.units = recurrentWeight.shape[0]
    self.returnsSequences = returnsSequences
    self.inputWeight = inputWeight
    self.recurrentWeight = recurrentWeight
    self.biases = biases
  }

  /// The number of trainable values of a recurrent layer, after checking the sizes against
  /// the parameters-per-model limit (which is below the tensor limit, so it bounds each
  /// weight matrix too).
  public static func checkedParameterCount(
    _ cell: RecurrentCell, features: Int, units: Int, bias: Bool, name: String? = nil
  ) throws -> Int {
    let label = "\(name ?? cell.name) (\(cell.name))"
    guard features > 0, units > 0 else {
      throw LayerError.invalidConfiguration(
        "\(label) needs at least one feature per step and one unit, not \(features) → \(units)")
    }
    let gates = cell.gateCount
    let biasRows = bias ? cell.biasCount : 0
    // G·H · (F + H + biases), each step checked.
    let count = Shape.sum(features, units).flatMap { Shape.sum($0, biasRows) }
      .flatMap { Shape.product($0, units) }.flatMap { Shape.product($0, gates) }
    let estimate = Double(gates) * Double(units) * (Double(features) + Double(units) + 2)
    try ResourceLimits.modelParameters.check(
      count, estimate: estimate,
      for: "\(cell.layerPhrase) of \(ResourceLimit.grouped(units)) units over "
        + "\(ResourceLimit.grouped(features)) features")
    return count ?? 0
  }

  public var parameters: [Tensor] {
    get { [inputWeight, recurrentWeight] + biases }
    set {
      // Only optimizers and loaders assign, always with tensors of the same shapes.
      guard newValue.count == 2 + biases.count else { return }
      inputWeight = newValue[0]
      recurrentWeight = newValue[1]
      biases = Array(newValue.dropFirst(2))
    }
  }

  public var parameterNames: [String] { cell.parameterNames(bias: hasBias) }

  public var configuration: String {
    var text = "\(units) units"
    if case .rnn(let nonlinearity) = cell { text += " \(nonlinearity.rawValue)" }
    if returnsSequences { text += ", every step" }
    if !hasBias { text += ", no bias" }
    return text
  }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 2, input[1] == inputSize, input[0] > 0 else {
      throw LayerError.incompatibleInput(
        layer: "\(name) (\(kind))",
        expected: "a sequence [steps, \(inputSize)] (\(inputSize) features per step)",
        got: input)
    }
    return returnsSequences ? [input[0], units] : [units]
  }

  public func forward(
    _ x: Variable, parameters: [Variable], context: inout ForwardContext
  ) throws -> Variable {
    guard parameters.count == 2 + biases.count else {
      throw LayerError.invalidConfiguration(
        "\(name) takes \(parameterNames.joined(separator: ", "))")
    }
    return try Variable.recurrent(
      x, inputWeight: parameters[0], recurrentWeight: parameters[1],
      biases: Array(parameters.dropFirst(2)), cell: cell, returnsSequences: returnsSequences)
  }
}
