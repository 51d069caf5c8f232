import NNVCore

/// `train ... live`: one screen of a training run, redrawn as it goes, as TensorFlow
/// Playground shows it. The first line says where the run is (epoch, loss, accuracy, learning
/// rate, running or paused), the last which keys work; between them, for a model on two
/// inputs, its decision over the plane with the data (the `boundary` view), the loss curves
/// (the `history` view) and the network by its weights; for a model on one input, its fitted
/// curve instead of the plane; for any other, the loss and accuracy curves, the distribution
/// of every layer's weights and the confusion matrix.
///
/// The text fits `columns` × `rows − 1` cells (a terminal's last row is never used, so that
/// it does not scroll), from 80 × 24 up, and larger screens get larger charts. Every chart is
/// one the static view commands draw, from the same NNVCore results.
public struct DashboardView: View {
  /// What the space between the first and the last line shows.
  public enum Layout: Sendable, Equatable {
    /// A model on two inputs: the plane, the loss, the network.
    case plane
    /// A model on one input: the fitted curve, the loss, the network.
    case curve
    /// Any other model: the curves, the weight distributions and the confusion matrix.
    case curves
  }

  public var model: Sequential
  public var train: Dataset
  /// Data evaluated after every epoch: drawn hollow on the plane, counted in the confusion
  /// matrix (else the training data is).
  public var validation: Dataset?
  public var status: TrainingStatus
  public var columns: Int
  public var rows: Int
  /// Colours and glyphs; the width and height come from `columns` and `rows`.
  public var options: ChartOptions

  /// The most samples the confusion matrix counts: larger sets are sampled evenly
  /// (`Dataset.spread`), so that a frame stays quick.
  public static let confusionSamples = 2_000
  /// The narrowest screen that shows two columns of charts.
  public static let twoColumnWidth = 64

  public init(
    model: Sequential, train: Dataset, validation: Dataset? = nil, status: TrainingStatus,
    columns: Int = 80, rows: Int = 24, options: ChartOptions = ChartOptions()
  ) {
    self.model = model
    self.train = train
    self.validation = validation
    self.status = status
    self.columns = columns
    self.rows = rows
    self.options = options
  }

  public var layout: Layout {
    guard train.sampleShape == model.inputShape else { return .curves }
    if model.inputShape == [2] { return .plane }
    if model.inputShape == [1] { return .curve }
    return .curves
  }

  /// The frame: at most `rows − 1` lines of at most `columns` cells, the key line last.
  public func text() throws -> String {
    let height = rows - 1
    let width = Swift.max(1, columns)
    guard height >= 1 else { return "" }
    var lines = [status.line(width: width, options: options)]
    if height >= 3 {
      let body = try self.body(width: width, height: height - 2)
      lines += body.lines.prefix(height - 2)
      lines += Array(repeating: "", count: Swift.max(0, height - 2 - body.height))
      lines.append(status.keys(width: width, options: options))
    }
    return lines.prefix(height).map { TextBlock.clipped($0, to: width) + "\n" }.joined()
  }

  /// The charts between the first and the last line, `width` × `height` at most.
  func body(width: Int, height: Int) throws -> TextBlock {
    switch layout {
    case .plane, .curve: try planeBody(width: width, height: height)
    case .curves: try curvesBody(width: width, height: height)
    }
  }

  /// The plane (or curve) on the left; the loss and the network on the right.
  func planeBody(width: Int, height: Int) throws -> TextBlock {
    guard width >= Self.twoColumnWidth else {
      return try planePanel(width: width, lines: height) ?? TextBlock(lines: [])
    }
    // Plot rows are about twice as tall as columns are wide: a square plane takes twice as
    // many columns as rows, with room for the y labels; the right side keeps 36 columns.
    let left = Swift.max(28, Swift.min(width - 38, 2 * (height - 4) + 10))
    let plane = try planePanel(width: left, lines: height) ?? TextBlock(lines: [])
    let side = sidePanels(width: width - left - 2, lines: height)
    return TextBlock.sideBySide([TextBlock(lines: plane.lines, width: left), side], gap: 2)
  }

  /// The decision over the plane with the data, or the fitted curve, filling `lines` lines.
  func planePanel(width: Int, lines: Int) throws -> TextBlock? {
    var o = options
    o.width = width
    o.height = Swift.max(3, lines)
    // A grid cell for every character cell, at least: no finer than the screen shows.
    let resolution = Swift.min(
      ModelViews.resolutions.upperBound, Swift.max(width, 2 * lines, 24))
    let view = BoundaryView(model, train: train, test: validation, options: o)
    let chart = try view.chart(resolution: resolution, thumbnails: false, options: o)
    return Self.fitted(chart, lines: lines)
  }

  /// The right column of the plane layout: the loss curves and the network by its weights,
  /// and the accuracy curves when there is room.
  func sidePanels(width: Int, lines: Int) -> TextBlock {
    var o = options
    o.width = width
    var network = ModelViews.networkWeights(model, options: o)
    let (loss, accuracy) = ModelViews.history([model], options: o)
    let perRow = options.glyphs.usesHalfBlocks && options.colored ? 2 : 1
    let units = network.layers.map(\.weights.columns).max() ?? 0
    let networkNeed = network.layers.isEmpty ? 0 : (units + perRow - 1) / perRow + 2
    let lossMinimum = 9
    var panels: [TextBlock] = []
    var curveLines = lines
    if networkNeed > 0, lines >= lossMinimum + 1 + 5 {
      let networkLines = Swift.min(networkNeed, lines - lossMinimum - 1)
      network.options.height = networkLines - 2
      curveLines = lines - networkLines - 1
      panels.append(TextBlock(network.text()).cropped(width: width, height: networkLines))
    }
    var curves: [TextBlock] = []
    if let accuracy, curveLines >= 2 * lossMinimum + 1 {
      let half = (curveLines - 1) / 2
      curves = [
        Self.fitted(loss, lines: half), Self.fitted(accuracy, lines: curveLines - half - 1),
      ]
      .compactMap { $0 }
    } else if let block = Self.fitted(loss, lines: curveLines) {
      curves = [block]
    }
    return Self.stacked(curves + panels)
  }

  /// The layout for models without a plane: the loss and accuracy on the left; the weight
  /// distributions and the confusion matrix on the right, or the confusion matrix under both
  /// when it is too wide for the right.
  func curvesBody(width: Int, height: Int) throws -> TextBlock {
    let twoColumns = width >= Self.twoColumnWidth
    let left = twoColumns ? (width - 2) / 2 : width
    var o = options
    o.width = left
    let (loss, accuracy) = ModelViews.history([model], options: o)
    let confusion = try confusionBlock(width: width)
    var right = twoColumns ? width - left - 2 : 0
    var top = height
    var below: TextBlock?
    if let confusion, confusion.width > right, confusion.height + 10 <= height {
      below = confusion
      top = height - confusion.height - 1
    }
    var curves = [Self.fitted(loss, lines: top)].compactMap { $0 }
    if let accuracy, top >= 19 {
      let half = (top - 1) / 2
      curves = [Self.fitted(loss, lines: half), Self.fitted(accuracy, lines: top - half - 1)]
        .compactMap { $0 }
    }
    let curveBlock = Self.stacked(curves)
    var columns = [TextBlock(lines: curveBlock.lines, width: left)]
    if right > 0 {
      o.width = right
      var side = [TextBlock(ModelViews.weightStrips(model, options: o).text())]
      if below == nil, let confusion, confusion.width <= right {
        side.append(confusion)
      }
      right = Swift.min(right, width)
      columns.append(Self.stacked(side).cropped(width: right, height: top))
    }
    let upper = TextBlock.sideBySide(columns, gap: 2)
    return below.map { upper.above($0, gap: 1) } ?? upper
  }

  /// The confusion matrix of a classifier on the validation data (else the training data),
  /// sampled to `confusionSamples`; nil for regression.
  func confusionBlock(width: Int) throws -> TextBlock? {
    let data = validation ?? train
    guard data.isClassification, data.sampleShape == model.inputShape else { return nil }
    var o = options
    o.width = width
    var chart = try ModelViews.confusion(
      model, on: try data.spread(limit: Self.confusionSamples), options: o)
    chart.options.title = "confusion on \(data.name)"
    return TextBlock(chart.text())
  }

  static func stacked(_ blocks: [TextBlock]) -> TextBlock {
    blocks.reduce(TextBlock(lines: [])) { $0.height == 0 ? $1 : $0.above($1, gap: 1) }
  }

  /// `chart` drawn to take at most `lines` lines: its plot as tall as fits, at least 3 rows;
  /// nil when even that does not fit.
  static func fitted(_ chart: any SizedChart, lines: Int, minimumRows: Int = 3) -> TextBlock? {
    var probe = chart
    probe.options.height = minimumRows
    let overhead = TextBlock(probe.text()).height - minimumRows
    let plotRows = lines - overhead
    guard plotRows >= minimumRows else { return nil }
    var sized = chart
    sized.options.height = plotRows
    return TextBlock(sized.text()).cropped(width: sized.options.width, height: lines)
  }
}

/// A chart whose size is in its options: the dashboard draws it at the height that fits.
protocol SizedChart: Chart {
  var options: ChartOptions { get set }
}

extension LineChart: SizedChart {}
extension DecisionBoundary: SizedChart {}
extension RegressionSurface: SizedChart {}
