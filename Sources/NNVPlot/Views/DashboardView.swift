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

  /// The model as it is now, and the data it trains on.
  public var model: Sequential
  public var train: Dataset
  /// Data evaluated after every epoch: drawn hollow on the plane, counted in the confusion
  /// matrix (else the training data is).
  public var validation: Dataset?
  /// Where the run is: the first and the last line.
  public var status: TrainingStatus
  /// The screen's size in cells.
  public var columns: Int
  public var rows: Int
  /// Colours and glyphs; the width and height come from `columns` and `rows`.
  public var options: ChartOptions

  /// The most samples the confusion matrix counts: larger sets are sampled evenly
  /// (`Dataset.spread`), so that a frame stays quick.
  public static let confusionSamples = 1_000
  /// The narrowest screen that shows two columns of charts.
  public static let twoColumnWidth = 64

  /// The dashboard of `model` training on `train`, for a screen of `columns` × `rows`.
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

  /// The layout the model's input calls for: the plane for two inputs, the curve for one.
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
  /// when it is too wide for the right, or its counts as a heatmap when it fits neither way.
  func curvesBody(width: Int, height: Int) throws -> TextBlock {
    let twoColumns = width >= Self.twoColumnWidth
    let left = twoColumns ? (width - 2) / 2 : width
    let right = twoColumns ? width - left - 2 : 0
    var o = options
    o.width = left
    let (loss, accuracy) = ModelViews.history([model], options: o)
    let confusion = try confusionChart()
    let full = confusion.map { confusionText($0, width: width) }
    var top = height
    var below: TextBlock?
    if let full, full.width > right, full.height + 10 <= height {
      below = full
      top = height - full.height - 1
    }
    var curves = [Self.fitted(loss, lines: top)].compactMap { $0 }
    if let accuracy, top >= 19 {
      let half = (top - 1) / 2
      curves = [Self.fitted(loss, lines: half), Self.fitted(accuracy, lines: top - half - 1)]
        .compactMap { $0 }
    }
    var columns = [TextBlock(lines: Self.stacked(curves).lines, width: left)]
    if right > 0 {
      o.width = right
      var side = [TextBlock(ModelViews.weightStrips(model, options: o).text())]
      if below == nil, let confusion, let full {
        let room = top - side[0].height - 1
        if full.width <= right, full.height <= room {
          side.append(full)
        } else if let cells = Self.fitted(confusionCells(confusion, width: right), lines: room) {
          side.append(cells)
        }
      }
      columns.append(Self.stacked(side).cropped(width: right, height: top))
    }
    let upper = TextBlock.sideBySide(columns, gap: 2)
    return below.map { upper.above($0, gap: 1) } ?? upper
  }

  /// The confusion matrix of a classifier on the validation data (else the training data),
  /// sampled to `confusionSamples`; nil for regression.
  func confusionChart() throws -> ConfusionMatrix? {
    let data = validation ?? train
    guard data.isClassification, data.sampleShape == model.inputShape else { return nil }
    var chart = try ModelViews.confusion(
      model, on: try data.spread(limit: Self.confusionSamples), options: options)
    chart.options.title = "confusion on \(data.name)"
    return chart
  }

  /// The confusion matrix as the `confusion` view draws it, `width` columns at most.
  func confusionText(_ chart: ConfusionMatrix, width: Int) -> TextBlock {
    var chart = chart
    chart.options.width = width
    return TextBlock(chart.text())
  }

  /// The same counts as a heatmap, rows actual and columns predicted classes: for a screen
  /// too small for the matrix with its numbers.
  func confusionCells(_ chart: ConfusionMatrix, width: Int) -> Heatmap {
    var o = options
    o.width = width
    o.title = (chart.options.title ?? "confusion") + ", rows actual"
    let counts = chart.counts
    return Heatmap(
      Matrix(counts.map { $0.map(Double.init) }), options: o, colorMap: .viridis,
      rowName: "label", columnName: "prediction")
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
extension Heatmap: SizedChart {}
extension DecisionBoundary: SizedChart {}
extension RegressionSurface: SizedChart {}
