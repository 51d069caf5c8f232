import Foundation
import NNVCore

/// The bridge from models and data sets to the plain data the charts draw. What a view shows is
/// computed by NNVCore (`DecisionGrid`, `LayerActivity`, `ConfusionCounts` and the like); this
/// only arranges it for the charts.
public enum ModelViews {
  // MARK: Summary and diagram

  /// A row per layer with warnings for weights that are all zero or hold NaN/Inf.
  public static func layerSummaries(_ model: Sequential) -> [LayerSummary] {
    model.layers.enumerated().map { i, layer in
      var flags: [String] = []
      for (tensor, isWeight) in zip(layer.parameters, layer.weightFlags) where isWeight {
        if tensor.scalars.contains(where: { !$0.isFinite }) {
          flags.append("NaN/Inf in weights")
        } else if !tensor.scalars.isEmpty, tensor.scalars.allSatisfy({ $0 == 0 }) {
          flags.append("all weights zero")
        }
      }
      return LayerSummary(
        name: layer.name, kind: layer.kind,
        outputShape: i < model.outputShapes.count ? model.outputShapes[i] : [],
        parameters: layer.parameterCount,
        // Layers that only reshape or drop values (flatten, dropout) have no activation.
        activation: layer.shownActivation, flags: flags,
        activationIsLayer: layer.presentation.activationShown == .isTheLayer)
    }
  }

  public static func summary(_ model: Sequential, options: ChartOptions = ChartOptions())
    -> SummaryTable
  {
    var table = SummaryTable(
      modelName: model.name, inputShape: model.inputShape, layers: layerSummaries(model),
      options: options)
    // Names of a flat input only: a sequence's are the features of one step.
    if model.inputShape.count == 1 { table.featureNames = model.featureNames }
    return table
  }

  /// The weight matrix of every layer that has one (inputs × units, as dense layers), in order.
  public static func denseWeights(_ model: Sequential) -> [(
    name: String, weights: Matrix, bias: [Double]
  )] {
    model.layers.compactMap { layer in
      guard let matrix = layer.weightMatrix else { return nil }
      return (
        layer.name,
        Matrix(
          rows: matrix.inputs, columns: matrix.outputs,
          values: matrix.weight.scalars.map(Double.init)),
        matrix.bias.scalars.map(Double.init)
      )
    }
  }

  /// Blocks for every model; the neuron graph when the network is a chain of dense layers on a
  /// flat input (other layers, such as activations and dropout, do not break the chain: their
  /// kinds' presentation says they pass through); for a model on images, the stacks of
  /// feature maps and the dense layers after them (`mapStages`).
  public static func diagram(
    _ model: Sequential, horizontal: Bool = false, options: ChartOptions = ChartOptions()
  ) -> NetworkDiagram {
    let dense = denseWeights(model)
    let chain =
      model.inputShape.count == 1 && !dense.isEmpty
      && model.layers.allSatisfy {
        $0.presentation.diagram != .block
      }
    var diagram = NetworkDiagram(
      inputShape: model.inputShape, layers: layerSummaries(model),
      connections: chain ? dense.map { .init(weights: $0.weights, layerName: $0.name) } : [],
      options: options)
    diagram.horizontal = horizontal
    diagram.stages = chain ? [] : mapStages(model)
    return diagram
  }

  // MARK: History

  /// Loss and accuracy curves of each model: train solid, validation dashed. Epochs of later
  /// `train` runs continue the count. Nil entries for a metric nobody recorded.
  public static func history(
    _ models: [Sequential], options: ChartOptions = ChartOptions(), logY: Bool = false,
    smoothing: Double = 0
  ) -> (loss: LineChart, accuracy: LineChart?) {
    var loss: [Series] = []
    var accuracy: [Series] = []
    let names = models.map(\.name)
    for (m, model) in models.enumerated() {
      let epochs = model.history.epochs
      // Runs of one model declared in a loop share a name; their settings tell them apart.
      var label = model.name
      if names.filter({ $0 == model.name }).count > 1 {
        label += " " + (epochs.last?.optimizer ?? "#\(m + 1)")
      }
      let prefix = models.count > 1 ? label + " " : ""
      let color = models.count > 1 ? CategoricalPalette.color(m) : nil
      func series(_ name: String, _ value: (EpochMetrics) -> Float?, dashed: Bool, color: RGB?)
        -> Series?
      {
        let points = epochs.enumerated().compactMap { i, e in
          value(e).map { (x: Double(i + 1), y: Double($0)) }
        }
        return points.isEmpty
          ? nil : Series(prefix + name, points: points, dashed: dashed, color: color)
      }
      let validationColor = color ?? CategoricalPalette.color(1)
      loss += [
        series("train", { $0.loss }, dashed: false, color: color ?? CategoricalPalette.color(0)),
        series("validation", { $0.validationLoss }, dashed: true, color: validationColor),
      ].compactMap { $0 }
      accuracy += [
        series(
          "train", { $0.accuracy }, dashed: false, color: color ?? CategoricalPalette.color(0)),
        series("validation", { $0.validationAccuracy }, dashed: true, color: validationColor),
      ].compactMap { $0 }
    }
    var lossOptions = options
    lossOptions.title =
      (options.title.map { $0 + ": " } ?? "") + "loss" + (logY ? " (log scale)" : "")
    lossOptions.xLabel = "epoch"
    var accuracyOptions = options
    accuracyOptions.title = (options.title.map { $0 + ": " } ?? "") + "accuracy"
    accuracyOptions.xLabel = "epoch"
    return (
      LineChart(loss, options: lossOptions, logY: logY, smoothing: smoothing),
      accuracy.isEmpty ? nil : LineChart(accuracy, options: accuracyOptions, smoothing: smoothing)
    )
  }

  // MARK: Confusion

  /// Actual against predicted classes of a classifier on `data`.
  public static func confusion(
    _ model: Sequential, on data: Dataset, options: ChartOptions = ChartOptions()
  ) throws -> ConfusionMatrix {
    let names = data.classNames.isEmpty ? model.classNames : data.classNames
    let counts = try ConfusionCounts(model, on: data)
    var matrix = ConfusionMatrix(counts, classNames: names, options: options)
    if data.hasStepTargets { matrix.counted = "steps" }
    return matrix
  }

  // MARK: Activations

  /// A layer's outputs for a batch with the units that never fire or always saturate; for a
  /// layer of feature maps, its channels instead of its units.
  public struct LayerActivity: Sendable {
    public var name: String
    /// Rows samples, columns units (or channels, each cell the mean of the channel's map).
    public var outputs: Matrix
    /// The dead units (or channels), from 0.
    public var dead: [Int]
    /// The saturated units (or channels), from 0.
    public var saturated: [Int]
    public var activation: Activation
    /// For a layer of feature maps: each map's height and width; the columns are channels.
    public var maps: MapSize?

    /// The height and width of a layer's feature maps.
    public struct MapSize: Sendable, Equatable {
      public var height: Int
      public var width: Int

      public init(height: Int, width: Int) {
        self.height = height
        self.width = width
      }
    }

    public init(
      name: String, outputs: Matrix, dead: [Int], saturated: [Int], activation: Activation,
      maps: MapSize? = nil
    ) {
      self.name = name
      self.outputs = outputs
      self.dead = dead
      self.saturated = saturated
      self.activation = activation
      self.maps = maps
    }
  }

  /// Every layer's outputs for the first `limit` samples of `data` (rows samples, columns units),
  /// with the dead and saturated units NNVCore's `LayerActivity` finds; a layer of feature maps
  /// (conv, pooling) shows its channels: each channel's mean for each sample, with the
  /// channels that never fire or always saturate (`ChannelActivity`).
  public static func activations(
    _ model: Sequential, on data: Dataset, limit: Int = 64
  ) throws -> [LayerActivity] {
    try NNVCore.LayerActivity.of(model, on: data, limit: limit).map { layer in
      if let channels = layer.channels {
        return LayerActivity(
          name: layer.layer,
          outputs: Matrix(
            rows: channels.means.rows, columns: channels.channels,
            values: channels.means.scalars.map(Double.init)),
          dead: channels.dead, saturated: channels.saturated, activation: layer.activation,
          maps: LayerActivity.MapSize(height: channels.height, width: channels.width))
      }
      let flat = layer.outputs
      var values: [Double] = []
      values.reserveCapacity(flat.count)
      for start in stride(from: 0, to: flat.count, by: 1 << 20) {
        try Cancellation.check()
        values += flat.scalars[start..<Swift.min(start + (1 << 20), flat.count)].map(Double.init)
      }
      return LayerActivity(
        name: layer.layer, outputs: Matrix(rows: flat.rows, columns: flat.rowSize, values: values),
        dead: layer.dead, saturated: layer.saturated, activation: layer.activation, maps: nil)
    }
  }

  // MARK: Decision boundary

  public enum ViewError: Error, CustomStringConvertible {
    case needsTwoInputs([Int])
    case needsClassification(String)
    case empty(String)
    /// The data's samples (named set, shape) are not what the model takes.
    case dataMismatch(String, [Int], model: [Int])

    public var description: String {
      switch self {
      case .needsTwoInputs(let shape):
        "A decision boundary needs a model with 2 inputs (or 1 for a fitted curve), not \(Tensor.describe(shape))."
      case .needsClassification(let name):
        "\(name) has no classes; a confusion matrix needs class labels."
      case .empty(let name): "\(name) has no samples."
      case .dataMismatch(let name, let shape, let model):
        "\(name) has samples of shape \(Tensor.describe(shape)), but the model takes "
          + "\(Tensor.describe(model))."
      }
    }
  }

  /// What a model does over the plane of its two inputs, with the data on top and (with
  /// `thumbnails`) what each hidden unit computes.
  public static func boundary(
    _ model: Sequential, train: Dataset, test: Dataset? = nil, resolution: Int = 100,
    thumbnails: Bool = true, options: ChartOptions = ChartOptions()
  ) throws -> DecisionBoundary {
    let (sets, grid) = try planeGrid(model, train, test, resolution)
    let decision = try DecisionGrid(model, over: grid)
    let points = planePoints(sets).map { p in
      let labels = sets[p.set].labels
      return DecisionBoundary.Point(
        x: p.x, y: p.y, label: p.index < labels.count ? labels[p.index] : 0, isTest: p.set > 0)
    }
    var thumbs: [(name: String, values: Matrix)] = []
    if thumbnails {
      let t = HiddenUnitMap.side
      let units = PlaneGrid(x: grid.x, y: grid.y, columns: t, rows: t)
      thumbs = try HiddenUnitMap.maps(model, over: units).map { map in
        ("\(map.layer) #\(map.unit + 1)", Matrix(rows: t, columns: t, values: map.values))
      }
    }
    var o = options
    o.xLabel = o.xLabel ?? train.featureNames.first
    o.yLabel = o.yLabel ?? (train.featureNames.count > 1 ? train.featureNames[1] : nil)
    return DecisionBoundary(
      gridColumns: grid.columns, gridRows: grid.rows, labels: decision.labels,
      confidences: decision.confidences, xDomain: grid.x, yDomain: grid.y, points: points,
      classNames: train.classNames.isEmpty ? model.classNames : train.classNames,
      thumbnails: thumbs, options: o)
  }

  /// The grid sizes a decision boundary or surface may have, per side; others are clamped.
  public static let resolutions = 2...400

  /// The data sets and a `resolution`² grid over the plane they span, once the model is known
  /// to take them.
  static func planeGrid(
    _ model: Sequential, _ train: Dataset, _ test: Dataset?, _ resolution: Int
  ) throws -> (sets: [Dataset], grid: PlaneGrid) {
    guard model.inputShape == [2] else { throw ViewError.needsTwoInputs(model.inputShape) }
    let sets = [train] + (test.map { [$0] } ?? [])
    try checkSamples(sets, fit: model)
    let side = Swift.max(resolutions.lowerBound, Swift.min(resolutions.upperBound, resolution))
    return (sets, PlaneGrid(spanning: sets, columns: side, rows: side))
  }

  /// Each set's samples are what `model` takes: a curve or plane drawn from other data would
  /// mean nothing.
  static func checkSamples(_ sets: [Dataset], fit model: Sequential) throws {
    for set in sets where set.sampleShape != model.inputShape {
      throw ViewError.dataMismatch(set.name, set.sampleShape, model: model.inputShape)
    }
  }

  /// Every sample of the sets as a point of the plane, with the position of its set (0 the
  /// training data, 1 the test data) and its index in it.
  static func planePoints(_ sets: [Dataset]) -> [(x: Double, y: Double, set: Int, index: Int)] {
    var points: [(x: Double, y: Double, set: Int, index: Int)] = []
    for (s, set) in sets.prefix(2).enumerated() {
      let stride = set.features.rowSize
      let scalars = set.features.scalars
      for i in 0..<set.count where i * stride + 1 < scalars.count {
        points.append((Double(scalars[i * stride]), Double(scalars[i * stride + 1]), s, i))
      }
    }
    return points
  }

  /// For a regression model on two inputs: its output over the data's plane, the points
  /// coloured by their targets.
  public static func surface(
    _ model: Sequential, train: Dataset, test: Dataset? = nil, resolution: Int = 100,
    options: ChartOptions = ChartOptions()
  ) throws -> RegressionSurface {
    let (sets, grid) = try planeGrid(model, train, test, resolution)
    let surface = try OutputSurface(model, over: grid)
    // Each set's targets once, not once a point.
    let targets = sets.map { $0.values?.scalars ?? $0.labels.map(Float.init) }
    let points = planePoints(sets).map { p -> RegressionSurface.Point in
      let stride = Swift.max(1, targets[p.set].count / Swift.max(1, sets[p.set].count))
      let k = p.index * stride
      let target = k < targets[p.set].count ? Double(targets[p.set][k]) : .nan
      return RegressionSurface.Point(x: p.x, y: p.y, target: target, isTest: p.set > 0)
    }
    var o = options
    o.title = o.title ?? "\(model.name): output over the plane"
    o.xLabel = o.xLabel ?? train.featureNames.first
    o.yLabel = o.yLabel ?? (train.featureNames.count > 1 ? train.featureNames[1] : nil)
    return RegressionSurface(
      gridColumns: grid.columns, gridRows: grid.rows, values: surface.values, xDomain: grid.x,
      yDomain: grid.y, points: points, options: o)
  }

  /// For a model with one input and one output: its curve over the data's range with the data
  /// points.
  public static func fittedCurve(
    _ model: Sequential, train: Dataset, test: Dataset? = nil,
    options: ChartOptions = ChartOptions()
  ) throws -> LineChart {
    guard model.inputShape == [1] else { throw ViewError.needsTwoInputs(model.inputShape) }
    let sets = [train] + (test.map { [$0] } ?? [])
    try checkSamples(sets, fit: model)
    let curve = try FittedCurve(model, spanning: sets)
    // The data first and the model's curve last, so the curve is drawn over the points.
    var series: [Series] = []
    for (set, name) in zip(sets, ["train", "test"]) {
      let targets = set.values?.scalars ?? set.labels.map(Float.init)
      series.append(
        Series(
          name, points: zip(set.features.scalars, targets).map { (Double($0), Double($1)) },
          style: .points))
    }
    series.append(Series("model", points: zip(curve.inputs, curve.outputs).map { ($0, $1) }))
    var o = options
    o.title = o.title ?? "\(model.name): fitted curve"
    return LineChart(series, options: o)
  }
}
