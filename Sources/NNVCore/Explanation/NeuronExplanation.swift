/// One unit of one layer: its weights and bias, the equation it computes, and what it responds
/// to: its output over the plane of a model's two inputs, the inputs it weighs most, and the
/// samples of a data set that make it fire the most.
public struct NeuronExplanation: Sendable {
  /// What kind of unit it is, which decides what its weights are.
  public enum Form: Sendable, Equatable {
    /// A dense unit: z = Σ w_i·x_i + b, one weight per input.
    case dense
    /// A conv filter: at every position z = Σ w·patch + b; its weights are `[channels, size,
    /// size]`, row-major.
    case filter(channels: Int, size: Int)
    /// A recurrent unit: its input weights in each of the cell's gates (none named for an rnn),
    /// gate after gate, one per input feature, and a bias per gate.
    case recurrent(cell: String, gates: [String])
  }

  /// How many of the strongest weights and of the top samples are kept.
  public static let strongestCount = 5
  public static let topSampleCount = 5

  public var model: String
  /// The layer's number from 1 (`LayerNumbering`), name and written form (`dense 3 tanh`).
  public var layer: Int
  public var layerName: String
  public var written: String
  /// The unit, from 0, and how many units (or filters) the layer has.
  public var unit: Int
  public var units: Int
  public var activation: Activation
  public var form: Form
  /// The unit's weights (see `Form`) and what each one weighs (`x1`, `unit 3 of dense_1`,
  /// `channel 1 (2, 3)`, `x4 → f`).
  public var weights: [Float]
  public var inputNames: [String]
  /// The unit's bias (one per gate for a recurrent unit; none when the layer has no bias).
  public var bias: [Float]
  /// The weights with the largest magnitude, largest first (indices into `weights`).
  public var strongest: [Int]
  /// The unit's output over the plane of a model with two inputs (after the model's
  /// standardization, as `predict` sees the plane); nil for other models.
  public var map: HiddenUnitMap?
  public var plane: PlaneGrid?
  /// The data the top samples come from, and those samples: the ones with the largest value
  /// of the unit (its output, or its mean over positions for a conv filter's map or a unit at
  /// every step), largest first.
  public var dataName: String?
  public var topSamples: [UnitSample]

  /// One sample and the unit's value for it.
  public struct UnitSample: Sendable, Equatable {
    /// The sample's number in the data, from 0.
    public var index: Int
    public var value: Float
    /// The sample's class name, when the data has classes and one target per sample.
    public var label: String?

    public init(index: Int, value: Float, label: String?) {
      self.index = index
      self.value = value
      self.label = label
    }
  }

  /// Unit `unit` (from 0) of the layer numbered `layer` (from 1 among the layers with
  /// parameters), with its top samples on `data` when given, and its map over the plane (the
  /// data's extent, or −1 to 1 padded without data) when the model takes two inputs.
  ///
  /// - Throws: `LayerError.invalidConfiguration` for a layer or unit out of range (the message
  ///   names the valid range), `TrainingError.incompatibleData` when the data does not fit the
  ///   model, `LimitError`, `CancellationError`.
  public init(_ model: Sequential, layer number: Int, unit: Int, on data: Dataset? = nil) throws {
    let names = LayerNumbering.numberedNames(in: model)
    guard let index = LayerNumbering.index(ofLayerNumbered: number, in: model) else {
      throw LayerError.invalidConfiguration(
        names.isEmpty
          ? "\(model.name) has no layers with weights"
          : "\(model.name) has no layer \(number) with weights; its layers with weights are "
            + "numbered 1 to \(names.count)")
    }
    let layer = model.layers[index]
    let shape = model.outputShapes[index]
    let units = shape.count == 3 ? shape[0] : shape.last ?? 1
    guard unit >= 0, unit < units else {
      throw LayerError.invalidConfiguration(
        "\(layer.name) has \(units) units, numbered 1 to \(units); there is no unit \(unit + 1)")
    }
    self.model = model.name
    self.layer = number
    layerName = layer.name
    written = LayerNumbering.written(layer)
    self.unit = unit
    self.units = units
    activation = layer.activation
    (form, weights, inputNames, bias) = Self.parameters(of: layer, at: index, unit: unit, model)
    strongest = Self.largest(weights, count: Self.strongestCount)
    topSamples = []
    if let data {
      guard data.sampleShape == model.inputShape else {
        throw TrainingError.incompatibleData(
          "\(model.name) takes samples of shape \(Tensor.describe(model.inputShape)), but "
            + "\(data.name) has samples of shape \(Tensor.describe(data.sampleShape))")
      }
      dataName = data.name
      topSamples = try Self.topSamples(model, layer: index, unit: unit, data: data)
    }
    if model.inputShape == [2], shape.count == 1 {
      let grid = PlaneGrid(
        spanning: data.map { [$0] } ?? [], columns: HiddenUnitMap.side, rows: HiddenUnitMap.side)
      let values = try Self.values(model, layer: index, unit: unit, of: try grid.batch())
      plane = grid
      map = HiddenUnitMap(layer: layer.name, unit: unit, values: values.map(Double.init))
    }
  }

  /// The indices of the `count` values of largest magnitude, largest first (NaN last).
  static func largest(_ values: [Float], count: Int) -> [Int] {
    let size = values.map { $0.isNaN ? -1 : abs($0) }
    return Array(
      size.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
        .prefix(count))
  }
}
