import NNVCore

/// `history`: the loss curves of one or more models over their accuracy curves.
public struct HistoryView: View {
  /// The height of each chart in terminal rows.
  public static let rows = 10

  public var loss: LineChart
  public var accuracy: LineChart?

  /// Curves from each model's training history; `logY` puts the loss on a log scale and
  /// `smoothing` (0 to below 1) smooths them exponentially.
  public init(
    _ models: [Sequential], logY: Bool = false, smoothing: Double = 0,
    options: ChartOptions = ChartOptions()
  ) {
    var o = options
    o.height = Self.rows
    (loss, accuracy) = ModelViews.history(models, options: o, logY: logY, smoothing: smoothing)
  }

  var stack: StackedView { StackedView([loss] + (accuracy.map { [$0] } ?? [])) }

  public func text() throws -> String { try stack.text() }
  public func document() throws -> SVGDocument { try stack.document() }
}

/// `weights over epochs`: per layer, how the distribution of its weights moved in training.
public struct WeightsOverEpochsView: View {
  /// The height of each chart in terminal rows.
  public static let rows = 8

  public var charts: [LineChart]

  public init(_ model: Sequential, options: ChartOptions = ChartOptions()) {
    var o = options
    o.height = Self.rows
    charts = ModelViews.weightsOverEpochs(model, options: o)
  }

  /// Whether any epoch recorded weight distributions.
  public var isEmpty: Bool { charts.isEmpty }

  public func text() throws -> String { try StackedView(charts).text() }
  public func document() throws -> SVGDocument { try StackedView(charts).document() }
}
